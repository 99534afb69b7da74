// Timeouts: per-attempt AbortSignal.timeout and the overall budget.
// Upper bounds are loose (seconds): a loaded machine stretches every wall-clock gap, and each
// bound only has to tell "cut at the timeout" from "waited for something much longer".
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, TimeoutError } from '../src/api-client.js';
import { startServer, okHandler, FAST } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

test('each attempt is cut at attemptTimeoutMs', async () => {
  const primary = await server(() => {});
  const fallback = await server(() => {});
  // Attempts counted where they are sent: on a loaded machine a 150 ms attempt may end before
  // the server has even read the request.
  const sent = [];
  const api = createApiClient({ ...FAST, retries: 0, attemptTimeoutMs: 150, primaryUrl: primary.url, fallbackUrl: fallback.url,
    hooks: { onRequest: (e) => sent.push(e.backend) } });

  const started = Date.now();
  await assert.rejects(api.getJob('x'), (err) => {
    assert.ok(err instanceof TimeoutError, `got ${err?.name}`);
    assert.equal(err.phase, 'attempt');
    return true;
  });
  const elapsed = Date.now() - started;
  assert.deepEqual(sent, ['primary', 'fallback']);
  assert.ok(elapsed >= 280 && elapsed < 5000, `two attempts of ~150 ms, took ${elapsed} ms`);
});

test('the overall budget bounds retries and backoff', async () => {
  const primary = await server(() => {});
  const fallback = await server(() => {});
  const api = createApiClient({
    primaryUrl: primary.url, fallbackUrl: fallback.url,
    attemptTimeoutMs: 200, totalBudgetMs: 700, retries: 10, backoffBaseMs: 50, random: () => 0,
  });

  const started = Date.now();
  await assert.rejects(api.getJob('x'), TimeoutError);
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 3000, `stayed near the 700 ms budget, not 10 rounds of 200 ms attempts, took ${elapsed} ms`);
  assert.ok(primary.count + fallback.count <= 5, `attempts: ${primary.count + fallback.count}`);
});

test('a body that stalls after the headers is also cut by the attempt timeout', async () => {
  const primary = await server((req, res) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.write('{"id":'); });
  const fallback = await server(okHandler('whole'));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url, fallbackUrl: fallback.url });

  const { data, backend } = await api.getJob('whole');
  assert.equal(data.id, 'whole');
  assert.equal(backend.name, 'fallback');
});

test('a fast answer is not affected by the timeout', async () => {
  const primary = await server(okHandler('fast'));
  const api = createApiClient({ ...FAST, attemptTimeoutMs: 100, primaryUrl: primary.url, fallbackUrl: 'http://127.0.0.1:9' });
  const { data } = await api.getJob('fast');
  assert.equal(data.id, 'fast');
});

test('reads (GET) are cut at readTimeoutMs, writes (POST) at attemptTimeoutMs', async () => {
  const primary = await server(() => {});
  const fallback = await server(okHandler('split'));
  const make = () => createApiClient({ ...FAST, attemptTimeoutMs: 4000, readTimeoutMs: 150, totalBudgetMs: 20_000, hedge: false, primaryUrl: primary.url, fallbackUrl: fallback.url });

  let started = Date.now();
  assert.equal((await make().getJob('split')).backend.name, 'fallback');
  const read = Date.now() - started;

  started = Date.now();
  assert.equal((await make().generate('text-to-image', { prompt: 'x' })).backend.name, 'fallback');
  const write = Date.now() - started;

  assert.ok(read >= 130 && read < 3000, `GET left the hung primary after ~150 ms, took ${read} ms`);
  assert.ok(write >= 3950, `POST waited the full 4 s attempt, took ${write} ms`);
});

test('readTimeoutMs follows a shorter attemptTimeoutMs when not given', async () => {
  const primary = await server(() => {});
  const fallback = await server(okHandler('short'));
  const api = createApiClient({ ...FAST, attemptTimeoutMs: 150, primaryUrl: primary.url, fallbackUrl: fallback.url });
  const started = Date.now();
  assert.equal((await api.getJob('short')).backend.name, 'fallback');
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 130 && elapsed < 4000, `cut at ~150 ms, not at the 4 s read default: took ${elapsed} ms`);
});
