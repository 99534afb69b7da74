// Typed errors: HttpError carries the problem+json fields; NetworkError / TimeoutError / AbortError.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, HttpError, NetworkError, TimeoutError } from '../src/api-client.js';
import { startServer, refusedUrl, sendProblem, FAST } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

test('HttpError carries the problem fields of a 429', async () => {
  const message = "You've made 3 requests this minute. Try again in 40 seconds, sign in for 5 a minute, or donate for 10.";
  const primary = await server((req, res) =>
    sendProblem(res, 429, { error_type: 'rate_limited', message, retry_after: 40, donation_link: '/donate' }));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url });

  const err = await api.generate('text-to-image', { prompt: 'x' }).catch((e) => e);

  assert.ok(err instanceof HttpError);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'HttpError');
  assert.equal(err.status, 429);
  assert.equal(err.errorType, 'rate_limited');
  assert.equal(err.message, message);
  assert.equal(err.retryAfter, 40);
  assert.equal(err.donationLink, '/donate');
  assert.equal(err.error_type, 'rate_limited');
  assert.equal(err.retry_after, 40);
  assert.equal(err.donation_link, '/donate');
  assert.equal(err.title, 'Too many requests');
  assert.equal(err.type, '/problems/rate_limited');
  assert.equal(err.problem.success, false);
  assert.equal(err.problem.error_type, 'rate_limited');
  assert.deepEqual(err.backend, { name: 'primary', url: primary.url });
  assert.equal(err.response.status, 429);
});

test('retry_after falls back to the Retry-After header', async () => {
  const primary = await server((req, res) => {
    res.writeHead(429, { 'Content-Type': 'application/problem+json', 'Retry-After': '17' });
    res.end(JSON.stringify({ success: false, error_type: 'blocked', message: 'Blocked for a while.', status: 429 }));
  });
  const api = createApiClient({ ...FAST, primaryUrl: primary.url });
  const err = await api.getJob('x').catch((e) => e);
  assert.equal(err.errorType, 'blocked');
  assert.equal(err.retryAfter, 17);
  assert.equal(err.donationLink, null);
});

test('a non-JSON error body still gives an HttpError with a null problem', async () => {
  const primary = await server((req, res) => { res.writeHead(404, { 'Content-Type': 'text/html' }); res.end('<h1>nope</h1>'); });
  const api = createApiClient({ ...FAST, primaryUrl: primary.url });
  const err = await api.getJob('missing').catch((e) => e);
  assert.ok(err instanceof HttpError);
  assert.equal(err.status, 404);
  assert.equal(err.problem, null);
  assert.equal(err.errorType, null);
  assert.equal(err.message, 'HTTP 404');
});

test('validation problems keep their visitor-facing message', async () => {
  const primary = await server((req, res) => sendProblem(res, 400, { error_type: 'validation', message: 'Please describe the picture (a prompt is required).' }));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url });
  const err = await api.generate('text-to-image', { prompt: '' }).catch((e) => e);
  assert.equal(err.status, 400);
  assert.equal(err.message, 'Please describe the picture (a prompt is required).');
});

test('unreachable backends give a NetworkError', async () => {
  const api = createApiClient({ ...FAST, retries: 0, primaryUrl: await refusedUrl(), fallbackUrl: await refusedUrl() });
  const err = await api.health().catch((e) => e);
  assert.ok(err instanceof NetworkError);
  assert.equal(err.name, 'NetworkError');
  assert.equal(err.backend.name, 'fallback', 'the last backend tried');
  assert.ok(err.cause, 'the underlying fetch error is kept as cause');
});

test('a hung backend gives a TimeoutError', async () => {
  const primary = await server(() => {});
  const api = createApiClient({ ...FAST, retries: 0, attemptTimeoutMs: 100, primaryUrl: primary.url });
  const err = await api.health().catch((e) => e);
  assert.ok(err instanceof TimeoutError);
  assert.equal(err.name, 'TimeoutError');
});

test('a 2xx JSON body is parsed; a 204 gives null data', async () => {
  const primary = await server((req, res) => {
    if (req.method === 'DELETE') { res.writeHead(204); return res.end(); }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', RateLimit: '"anonymous";r=2;t=24' });
    res.end('{"status":"healthy","queue_length":0}');
  });
  const api = createApiClient({ ...FAST, primaryUrl: primary.url });
  const ok = await api.health();
  assert.deepEqual(ok.data, { status: 'healthy', queue_length: 0 });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('RateLimit'), '"anonymous";r=2;t=24');
  const gone = await api.cancelJob('x');
  assert.equal(gone.data, null);
});
