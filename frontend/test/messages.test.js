// Visitor-facing wording: friendly errors (never raw), countdowns, job states, providers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError, NetworkError, TimeoutError } from '../src/api-client.js';
import {
  CANT_REACH, GENERIC, describeError, describeJob, formatCountdown, progressPercent, providerLabel, safeMessage,
} from '../src/messages.js';
import { readRuntimeConfig } from '../src/runtime-config.js';

const http = (status, problem, headers = {}) => new HttpError({ status, problem, retryAfterHeader: headers['Retry-After'] ?? null });

test('both backends unreachable → the "can\'t reach" sentence', () => {
  assert.equal(describeError(new NetworkError()).message, CANT_REACH);
  assert.equal(describeError(new TimeoutError()).message, CANT_REACH);
  assert.equal(describeError(http(502, null)).message, CANT_REACH);
  assert.equal(CANT_REACH, "We can't reach AiArt right now. Please try again in a moment.");
});

test('429 and 503 are throttles with the server message, countdown and donation link', () => {
  const d = describeError(http(429, { error_type: 'rate_limited', message: 'Slow down a little, please.', retry_after: 37, donation_link: '/donate' }));
  assert.deepEqual(d, { kind: 'throttle', message: 'Slow down a little, please.', retryAfter: 37, donationLink: '/donate' });
  const busy = describeError(http(503, null, { 'Retry-After': '20' }));
  assert.equal(busy.kind, 'throttle');
  assert.equal(busy.retryAfter, 20);
  assert.equal(busy.donationLink, '/donate.html');
  assert.match(busy.message, /busy/);
});

test('a user abort shows nothing', () => {
  assert.equal(describeError(new DOMException('x', 'AbortError')), null);
});

test('raw texts and stack traces never reach the visitor', () => {
  assert.equal(describeError(new TypeError("Cannot read properties of undefined (reading 'id')")).message, GENERIC);
  const stack = describeError(http(400, { error_type: 'validation', message: 'java.lang.IllegalStateException: boom\n    at x.y(Z.java:1)' }));
  assert.equal(stack.message, 'Please check the form and try again.');
  assert.equal(describeError(http(500, { error_type: 'internal', message: 'NullPointerException in JobService' })).message, GENERIC);
  assert.equal(describeError(http(404, null)).message, "We couldn't find that creation. It may have expired.");
  assert.equal(safeMessage('HTTP 418'), null);
  assert.equal(safeMessage('<html>oops</html>'), null);
  assert.equal(safeMessage('Please write a prompt.'), 'Please write a prompt.');
});

test('validation messages from the server are shown as written', () => {
  const d = describeError(http(400, { error_type: 'validation', message: 'Your prompt is too long (2,000 characters at most).' }));
  assert.deepEqual(d, { kind: 'error', message: 'Your prompt is too long (2,000 characters at most).', retryAfter: null, donationLink: null });
});

test('countdown wording', () => {
  assert.equal(formatCountdown(37), 'Try again in 37\u00a0s');
  assert.equal(formatCountdown(36.2), 'Try again in 37\u00a0s');
  assert.equal(formatCountdown(125), 'Try again in 2\u00a0min 5\u00a0s');
  assert.equal(formatCountdown(15 * 60), 'Try again in 15\u00a0min');
  assert.equal(formatCountdown(3600 * 2 + 60 * 30), 'Try again in 2\u00a0h 30\u00a0min');
  assert.equal(formatCountdown(0), 'You can try again now.');
});

test('a job in the deferred lane says when it starts, until that time has come', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  const job = { kind: 'text-to-image', status: 'queued', position: 3, eta_seconds: 25, deferred_until: '2026-12-06T12:00:14.200Z' };
  assert.deepEqual(describeJob(job, now), {
    headline: 'Saved for your next turn…',
    detail: "You've used your creations for now, so this one starts in about 15\u00a0s, after the others waiting · about 25\u00a0s to go",
  });
  // once due, it is an ordinary queued job
  assert.equal(describeJob(job, now + 15_000).headline, 'Waiting for an easel…');
  assert.equal(describeJob({ ...job, deferred_until: 'not a time' }, now).headline, 'Waiting for an easel…');
});

test('job states read naturally', () => {
  assert.deepEqual(describeJob({ kind: 'text-to-image', status: 'queued', position: 4, eta_seconds: 38 }),
    { headline: 'Waiting for an easel…', detail: "You're number 4 in line · about 38\u00a0s to go" });
  assert.equal(describeJob({ status: 'queued', position: 1 }).detail, "You're next in line");
  assert.equal(describeJob({ kind: 'text-to-video', status: 'running', progress: 0.42 }).detail, '42\u00a0% done');
  assert.equal(describeJob({ kind: 'text-to-video', status: 'running', progress: null }).headline, 'Filming your video…');
  assert.equal(describeJob({ status: 'failed', error: { message: 'This prompt was declined by the content filter.' } }).detail,
    'This prompt was declined by the content filter.');
  assert.match(describeJob({ status: 'failed', error: null }).detail, /couldn't finish this picture/);
  assert.equal(describeJob({ status: 'canceled' }).headline, 'Canceled');
});

test('progress accepts fractions or percents', () => {
  assert.equal(progressPercent(0.5), 50);
  assert.equal(progressPercent(75), 75);
  assert.equal(progressPercent(1), 100);
  assert.equal(progressPercent(null), null);
  assert.equal(progressPercent(140), 100);
});

test('the local renderer is named honestly', () => {
  assert.equal(providerLabel('local'), 'made by the offline renderer');
  assert.equal(providerLabel('stability'), 'made by Stability AI');
  assert.equal(providerLabel('dashscope'), 'made by Alibaba Cloud');
  assert.equal(providerLabel(null), '');
});

test('runtime config falls back to the local defaults', () => {
  const quiet = console.warn;
  console.warn = () => {};
  try {
    assert.deepEqual(readRuntimeConfig(undefined), { primaryUrl: 'http://localhost:8081', fallbackUrl: 'http://localhost:8082' });
  } finally {
    console.warn = quiet;
  }
  assert.deepEqual(readRuntimeConfig({ primaryUrl: 'https://a', fallbackUrl: '', cooldownMs: 5000, bogus: 1 }),
    { primaryUrl: 'https://a', fallbackUrl: '', cooldownMs: 5000 });
});

test('kind labels and ages for the gallery', async () => {
  const { kindLabel, formatAge } = await import('../src/messages.js');
  assert.equal(kindLabel('image-to-video'), 'Image → Video');
  assert.equal(kindLabel('bogus'), '');
  const now = Date.parse('2026-03-10T12:00:00Z');
  assert.equal(formatAge('2026-03-10T11:59:30Z', now), 'just now');
  assert.equal(formatAge('2026-03-10T11:35:00Z', now), '25\u00a0min ago');
  assert.equal(formatAge('2026-03-10T07:00:00Z', now), '5\u00a0h ago');
  assert.equal(formatAge('2026-03-09T10:00:00Z', now), 'yesterday');
  assert.equal(formatAge('2026-03-06T12:00:00Z', now), '4\u00a0days ago');
  assert.equal(formatAge('2026-02-01T12:00:00Z', now), '2026-02-01');
  assert.equal(formatAge('not a date', now), '');
});

test('limits are told as a visitor would say them', async () => {
  const { describeLimits } = await import('../src/messages.js');
  const anonymous = { tier: 'anonymous', policy: { name: 'anonymous', limit: 3, window_seconds: 60 }, tokens_left: 2, grace_left: 5,
    next_refill_seconds: 0, full_in_seconds: 20, reduced_for_load: false, blocked_seconds: 0 };
  assert.deepEqual(describeLimits(anonymous), {
    headline: "You're creating as a visitor: 3 creations a minute.",
    detail: '2 left right now · plus 5 welcome creations.',
  });
  assert.deepEqual(describeLimits({ ...anonymous, tier: 'donor', policy: { limit: 10, window_seconds: 60 }, tokens_left: 0, grace_left: 0, next_refill_seconds: 6 }), {
    headline: "You're creating as a supporter: 10 creations a minute.",
    detail: '0 left right now · the next one in 6\u00a0s.',
  });
  assert.match(describeLimits({ ...anonymous, blocked_seconds: 900 }).detail, /^Paused for 15\u00a0min/);
  assert.match(describeLimits({ ...anonymous, reduced_for_load: true }).detail, /halved while AiArt is very busy/);
  assert.equal(describeLimits(null).headline, "We couldn't check your limits right now.");
});
