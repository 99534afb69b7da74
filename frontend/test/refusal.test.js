// The refusal notice (issue #15): one message, one live countdown, one pitch; when the wait is
// over only "You can create again now."; a full queue is worded as such, re-checked, and survives a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError } from '../src/api-client.js';
import {
  CAN_CREATE_AGAIN, QUEUE_FULL, QUEUE_ROOM, queueHasRoom, refusalFrom, refusalNotice, restoreRefusal, withoutWait,
} from '../src/messages.js';

const NOW = Date.parse('2026-12-06T08:00:00Z');
const refusedWith = (status, problem) => new HttpError({ status, problem });
// RateLimiter's wording for an anonymous visitor (docs/FAIR_USE.md)
const ANONYMOUS_429 = {
  error_type: 'rate_limited', retry_after: 15, donation_link: '/donate.html',
  message: "You've used your 3 creations for this minute. Try again in 15 seconds, sign in for 5 a minute, or donate for 10.",
};

/** Everything the notice shows, as one text: message, countdown, pitch. */
function shown(view) {
  const pitch = (view.pitch ?? []).map((p) => (typeof p === 'string' ? p : p.text)).join('');
  return [view.message, view.countdown, pitch].filter(Boolean).join(' | ');
}

test('a rate limit: one message, one live countdown, one pitch', () => {
  const refusal = refusalFrom(refusedWith(429, ANONYMOUS_429), NOW);
  assert.equal(refusal.kind, 'rate');
  assert.equal(refusal.until, NOW + 15_000);

  const first = refusalNotice(refusal, NOW);
  assert.equal(first.over, false);
  assert.equal(first.message, "You've used your 3 creations for this minute.");
  assert.equal(first.countdown, 'Try again in 15\u00a0s');
  assert.equal(shown(first), "You've used your 3 creations for this minute. | Try again in 15\u00a0s"
    + ' | Sign in for more creations a minute, or donate for the fastest lane.');
  assert.equal(shown(first).match(/try again/gi).length, 1, 'one countdown');
  assert.equal(shown(first).match(/sign in/gi).length, 1, 'one pitch');
  assert.deepEqual(first.pitch.filter((p) => typeof p !== 'string').map((p) => p.link), ['signin', 'donate']);

  const later = refusalNotice(refusal, NOW + 1_200);
  assert.equal(later.countdown, 'Try again in 14\u00a0s', 'the countdown is live');
  assert.equal(later.message, first.message);
});

test('when the countdown ends the notice says only that the visitor can create again', () => {
  const refusal = refusalFrom(refusedWith(429, ANONYMOUS_429), NOW);
  for (const at of [NOW + 15_000, NOW + 60_000]) {
    const view = refusalNotice(refusal, at);
    assert.deepEqual(view, { over: true, message: CAN_CREATE_AGAIN, countdown: '', pitch: null });
    assert.equal(shown(view), 'You can create again now.');
  }
  assert.equal(refusalNotice(refusal, NOW + 14_001).over, false, 'the last second still counts');
});

test('the pitch is what the server offered this tier, said once', () => {
  const registered = refusalFrom(refusedWith(429, { ...ANONYMOUS_429, retry_after: 12,
    message: "You've used your 5 creations for this minute. Try again in 12 seconds, or donate for 10 a minute." }), NOW);
  assert.equal(shown(refusalNotice(registered, NOW)),
    "You've used your 5 creations for this minute. | Try again in 12\u00a0s | Donate for more creations a minute and the fastest lane.");
  const donor = refusalFrom(refusedWith(429, { ...ANONYMOUS_429,
    message: "You've used your 10 creations for this minute. Try again in 6 seconds." }), NOW);
  assert.equal(refusalNotice(donor, NOW).pitch, null, 'a donor is offered nothing more');
  const halved = refusalFrom(refusedWith(429, { ...ANONYMOUS_429,
    message: `${ANONYMOUS_429.message} (AiArt is busy, so every limit is halved for now.)` }), NOW);
  assert.equal(refusalNotice(halved, NOW).message,
    "You've used your 3 creations for this minute. (AiArt is busy, so every limit is halved for now.)");
});

test('a block and a busy server: their own durations are left to the countdown; a block has no pitch', () => {
  const blocked = refusalFrom(refusedWith(429, { error_type: 'blocked', retry_after: 900,
    message: 'Too many requests in a short time: creating is paused for you for 15 minutes. Please slow down.' }), NOW);
  const view = refusalNotice(blocked, NOW);
  assert.equal(view.message, 'Too many requests in a short time: creating is paused for you. Please slow down.');
  assert.equal(view.countdown, 'Try again in 15\u00a0min');
  assert.equal(view.pitch, null);
  const busy = refusalFrom(refusedWith(503, { error_type: 'resource_limit', retry_after: 2, donation_link: '/donate.html',
    message: 'AiArt is very busy right now. Please try again in a moment. AiArt runs on free servers: donations pay '
      + "for more room, and supporters' creations go first in the queue." }), NOW);
  assert.equal(busy.kind, 'busy');
  assert.equal(shown(refusalNotice(busy, NOW)),
    'AiArt is very busy right now. | Try again in 2\u00a0s | Donate to help AiArt pay for more room.', "the server's donation sentence said once");
  assert.deepEqual(refusalNotice(busy, NOW).pitch.filter((p) => typeof p !== 'string').map((p) => p.link), ['donate']);
  assert.equal(withoutWait('You have 3 pictures waiting. Each is deleted as soon as its creation is done: please try again in 40 seconds.'),
    'You have 3 pictures waiting. Each is deleted as soon as its creation is done.');
});

test('a full queue is worded for what it is: no countdown of the estimate, no sign-in, how a donation helps', () => {
  const refusal = refusalFrom(refusedWith(503, { error_type: 'resource_limit', retry_after: 335, donation_link: '/donate.html',
    message: 'AiArt is very busy right now: the queue is full. Please try again in 335 seconds.' }), NOW);
  assert.equal(refusal.kind, 'queue');
  assert.equal(refusal.until, NOW + 335_000, "the server's estimate stays the latest end of the wait");
  const view = refusalNotice(refusal, NOW);
  assert.equal(view.over, false);
  assert.equal(view.message, QUEUE_FULL);
  assert.match(view.message, /queue is full/);
  assert.match(view.countdown, /as soon as there is one/);
  assert.doesNotMatch(shown(view), /sign in|a minute|fastest|335/i);
  assert.match(shown(view), /Donate to help AiArt pay for more room\.$/);

  // a check found room: Create comes back long before the estimate
  const room = refusalNotice({ ...refusal, room: true }, NOW + 20_000);
  assert.deepEqual(room, { over: true, message: QUEUE_ROOM, countdown: '', pitch: null });
});

test('room in the queue: below queue_max, or (an older backend) shorter than at the first check', () => {
  assert.equal(queueHasRoom({ queue_length: 500, queue_max: 500 }), false);
  assert.equal(queueHasRoom({ queue_length: 499, queue_max: 500 }), true);
  assert.equal(queueHasRoom({ queue_length: 480 }, null), false, 'nothing to compare with yet');
  assert.equal(queueHasRoom({ queue_length: 480 }, 480), false);
  assert.equal(queueHasRoom({ queue_length: 479 }, 480), true);
  assert.equal(queueHasRoom(null, 480), false);
});

test('a reload restores the wait as it was, and forgets it once over', () => {
  const queue = refusalFrom(refusedWith(503, { error_type: 'resource_limit', retry_after: 335,
    message: 'AiArt is very busy right now: the queue is full. Please try again in 335 seconds.' }), NOW);
  const saved = JSON.parse(JSON.stringify({ ...queue, baseline: 500 }));
  const restored = restoreRefusal(saved, NOW + 5_000);
  assert.equal(restored.kind, 'queue');
  assert.equal(restored.baseline, 500);
  assert.equal(refusalNotice(restored, NOW + 5_000).message, QUEUE_FULL);
  assert.match(shown(refusalNotice(restored, NOW + 5_000)), /Donate to help AiArt pay for more room/);
  assert.equal(restoreRefusal(saved, NOW + 335_000), null, 'over: nothing to restore');

  // saved by the page before this one: the server's whole message
  const old = restoreRefusal({ until: NOW + 10_000, message: ANONYMOUS_429.message, donationLink: '/donate.html' }, NOW);
  assert.equal(shown(refusalNotice(old, NOW)), "You've used your 3 creations for this minute. | Try again in 10\u00a0s"
    + ' | Sign in for more creations a minute, or donate for the fastest lane.');
  assert.equal(restoreRefusal({ until: 'soon', message: 1 }, NOW), null);
});
