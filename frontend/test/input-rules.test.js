// input-rules.js: the generator's form follows the backend's rules (GET /api/v1/limits/input), and
// the page keeps no copy of its own — a limit changed in the backend is what the form shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import {
  FALLBACK, defaultAspectRatio, fieldSettings, randomSeed, readInputRules, readSeed, styleLabel,
} from '../src/input-rules.js';
import { readRemake, remakeHref } from '../src/remake.js';

const root = new URL('../', import.meta.url);

/** An answer of the backend with other settings than its defaults (every part changed). */
const CHANGED = {
  prompt_max_length: 1200,
  negative_prompt_max_length: 300,
  seed: { min: 0, max: 99 },
  strength: { min: 0.1, max: 0.9, step: 0.1, default: 0.5 },
  duration_seconds: { min: 2, max: 6, default: 3 },
  aspect_ratios: ['1:1', '16:9', '7:5'],
  default_aspect_ratio: { 'text-to-image': '7:5', 'text-to-video': '1:1' },
  styles: ['anime', 'claymation'],
};

test('the backend\'s answer is what the form uses, every part of it', () => {
  assert.deepEqual(readInputRules(CHANGED), CHANGED);
  const settings = fieldSettings(readInputRules(CHANGED));
  assert.deepEqual(settings.prompt, { maxLength: 1200 });
  assert.deepEqual(settings.negativePrompt, { maxLength: 300 });
  assert.deepEqual(settings.seed, { min: 0, max: 99, step: 1 });
  assert.deepEqual(settings.strength, { min: 0.1, max: 0.9, step: 0.1, value: 0.5 });
  assert.deepEqual(settings.duration, { min: 2, max: 6, step: 1, value: 3 });
  assert.deepEqual(settings.aspectRatios, [
    { value: '1:1', label: '1:1 · square' }, { value: '16:9', label: '16:9 · wide' }, { value: '7:5', label: '7:5' }]);
  assert.deepEqual(settings.styles, [
    { value: '', label: 'Any style' }, { value: 'anime', label: 'Anime' }, { value: 'claymation', label: 'Claymation' }]);
  assert.equal(defaultAspectRatio(readInputRules(CHANGED), 'text-to-image'), '7:5');
  assert.equal(defaultAspectRatio(readInputRules(CHANGED), 'text-to-video'), '1:1');
  assert.equal(defaultAspectRatio(readInputRules(CHANGED), 'image-to-image'), null, 'an upload takes its picture\'s shape');
});

test('the fallback is a well-formed answer, with square pictures and wide videos', () => {
  assert.deepEqual(readInputRules(FALLBACK), FALLBACK);
  assert.deepEqual(readInputRules(null), FALLBACK);
  assert.deepEqual(readInputRules('<html>'), FALLBACK);
  assert.equal(defaultAspectRatio(FALLBACK, 'text-to-image'), '1:1');
  assert.equal(defaultAspectRatio(FALLBACK, 'text-to-video'), '16:9');
  assert.equal(styleLabel('oil-painting'), 'Oil painting');
});

test('a part missing or malformed falls back alone', () => {
  const rules = readInputRules({
    ...CHANGED,
    prompt_max_length: '2000',
    seed: { min: 5, max: 1 },
    strength: { min: 0, max: 1, step: 0, default: 2 },
    duration_seconds: { min: 1, max: 8 },
    aspect_ratios: ['1:1', '<b>'],
    default_aspect_ratio: { 'text-to-image': '9:9' },
    styles: [],
  });
  assert.equal(rules.prompt_max_length, FALLBACK.prompt_max_length);
  assert.equal(rules.negative_prompt_max_length, 300, 'the good part is kept');
  assert.deepEqual(rules.seed, FALLBACK.seed);
  assert.deepEqual(rules.strength, FALLBACK.strength, 'a default outside the range is no answer');
  assert.deepEqual(rules.duration_seconds, FALLBACK.duration_seconds, 'a range without its default');
  assert.deepEqual(rules.aspect_ratios, FALLBACK.aspect_ratios);
  assert.deepEqual(rules.default_aspect_ratio, FALLBACK.default_aspect_ratio);
  assert.deepEqual(rules.styles, FALLBACK.styles);
  assert.deepEqual(readInputRules({ ...CHANGED, default_aspect_ratio: {} }).default_aspect_ratio,
    { 'text-to-image': '1:1', 'text-to-video': '16:9' }, 'the usual defaults, when offered');
});

test('the seed field takes the backend\'s range, and the dice stay in it', () => {
  const rules = readInputRules(CHANGED);
  assert.deepEqual(readSeed('', rules), { seed: null });
  assert.deepEqual(readSeed(' 0 ', rules), { seed: 0 });
  assert.deepEqual(readSeed('99', rules), { seed: 99 });
  for (const bad of ['100', '-1', '1.5', 'seven']) {
    assert.deepEqual(readSeed(bad, rules), { error: 'The seed must be a whole number between 0 and 99.' }, bad);
  }
  assert.deepEqual(readSeed('4294967294', FALLBACK), { seed: 4294967294 });
  assert.ok(readSeed('4294967295', FALLBACK).error);
  assert.equal(randomSeed(FALLBACK, 4294967295), 0, 'the largest 32-bit draw is past the range: it wraps');
  assert.equal(randomSeed(FALLBACK, 4294967294), 4294967294);
  assert.equal(randomSeed(rules, 4294967295), 4294967295 % 100);
});

test('a remade prompt is held to the longest the form takes', () => {
  assert.equal(readRemake('?prompt=' + 'x'.repeat(5000), 1200).prompt.length, 1200);
  assert.equal(readRemake('?prompt=' + 'x'.repeat(5000)).prompt.length, FALLBACK.prompt_max_length);
  assert.equal(new URLSearchParams(remakeHref({ prompt: 'y'.repeat(50) }, 10).slice(2)).get('prompt'), 'y'.repeat(10));
});

test('the page keeps no copy of the limits: the form\'s fields are set from the rules alone', () => {
  const page = readFileSync(new URL('index.html', root), 'utf8');
  const tag = (id) => page.match(new RegExp(`<(?:input|textarea|select)[^>]*id="${id}"[^>]*>`))?.[0] ?? '';
  for (const id of ['prompt', 'negative_prompt', 'seed', 'strength', 'duration_seconds']) {
    assert.ok(tag(id), id);
    assert.doesNotMatch(tag(id), /\b(maxlength|min|max|value)=/, `${id} takes its bounds from the rules`);
  }
  for (const id of ['aspect_ratio', 'style']) {
    assert.match(page, new RegExp(`<select id="${id}" name="${id}"></select>`), `${id}'s options come from the rules`);
  }
  assert.doesNotMatch(page, /\d+ \/ \d+|4294967294/, 'no counter or seed bound written in');
  // only input-rules.js holds the numbers (its fallback), no other script
  for (const file of readdirSync(new URL('src/', root)).filter((f) => f.endsWith('.js') && f !== 'input-rules.js')) {
    const source = readFileSync(new URL(`src/${file}`, root), 'utf8');
    assert.doesNotMatch(source, /4294967294|MAX_PROMPT|maxlength=|maxLength = \d/, `src/${file}`);
  }
});
