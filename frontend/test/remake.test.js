// remake.js: an expired creation (its result removed to make room) shown kindly in the gallery,
// with a way to make it again; and the generator reading that way back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expiredCard, readRemake, remakeHref } from '../src/remake.js';
import { describeJob, isTerminal } from '../src/messages.js';

test('the expired card keeps the prompt and links to the generator with it filled in', () => {
  const card = expiredCard({ kind: 'text-to-image', prompt: 'a red fox in a meadow' });
  assert.equal(card.headline, 'Cleared to make room');
  assert.match(card.detail, /cleared to make room for new creations/);
  assert.match(card.detail, /Your prompt is kept, so you can make it again/);
  assert.equal(card.action.label, 'Make it again');
  assert.equal(card.action.ariaLabel, 'Make “a red fox in a meadow” again');
  assert.deepEqual(readRemake(new URL(card.action.href, 'https://aiart.example').search),
    { kind: 'text-to-image', prompt: 'a red fox in a meadow' });
  assert.ok(card.action.href.startsWith('/?'), 'a link to the generator on this site');
});

test('a creation made from an upload asks for the picture again; a video says video', () => {
  const card = expiredCard({ kind: 'image-to-image', prompt: 'as a watercolor' });
  assert.match(card.detail, /choose your picture again/);
  assert.match(expiredCard({ kind: 'text-to-video', prompt: 'waves' }).detail, /This video was cleared/);
});

test('without a prompt the card still explains and offers the generator', () => {
  const card = expiredCard({ kind: 'image-to-video', prompt: '' });
  assert.doesNotMatch(card.detail, /prompt/);
  assert.equal(card.action.href, '/?kind=image-to-video');
  assert.equal(card.action.ariaLabel, 'Make this creation again');
  assert.equal(expiredCard().action.href, '/');
});

test('remake links survive any prompt text and ignore what they do not know', () => {
  const prompt = 'a "quoted" café & 50% off? #1 / ünïcødé 🦊\nsecond line';
  assert.deepEqual(readRemake(remakeHref({ kind: 'text-to-video', prompt }).slice(1)), { kind: 'text-to-video', prompt });
  assert.deepEqual(readRemake('?kind=make-a-bomb&prompt=ok'), { kind: null, prompt: 'ok' });
  assert.equal(readRemake('?utm_source=x'), null);
  assert.equal(readRemake(''), null);
  assert.equal(readRemake('?prompt=' + 'x'.repeat(5000)).prompt.length, 2000);
});

test('expired is a terminal status with its own kind words', () => {
  assert.equal(isTerminal({ status: 'expired' }), true);
  const { headline, detail } = describeJob({ status: 'expired', kind: 'text-to-image' });
  assert.equal(headline, 'Cleared to make room');
  assert.match(detail, /picture was removed to make room/);
});
