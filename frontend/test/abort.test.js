// A user abort (the caller's AbortSignal) is rethrown as an AbortError and never retried.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, isAbortError } from '../src/api-client.js';
import { startServer, okHandler, FAST } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

test('aborting an in-flight request is not retried and does not fail over', async () => {
  const primary = await server(() => {});
  const fallback = await server(okHandler());
  const failovers = [];
  const api = createApiClient({ ...FAST, attemptTimeoutMs: 2000, primaryUrl: primary.url, fallbackUrl: fallback.url, hooks: { onFailover: (e) => failovers.push(e) } });

  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(api.generate('text-to-image', { prompt: 'x' }, { signal: controller.signal }), (err) => {
    assert.ok(isAbortError(err), `got ${err?.name}`);
    return true;
  });

  assert.equal(primary.count, 1, 'the primary saw exactly one request');
  assert.equal(fallback.count, 0);
  assert.deepEqual(failovers, []);
  assert.equal(api.currentBackend().name, 'primary', 'a user abort does not mark the backend down');
});

test('an already-aborted signal sends nothing', async () => {
  const primary = await server(okHandler());
  const api = createApiClient({ ...FAST, primaryUrl: primary.url });
  await assert.rejects(api.getJob('x', { signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.equal(primary.count, 0);
});

test('aborting during the backoff between rounds stops at once', async () => {
  const primary = await server((req, res) => { res.writeHead(503); res.end(); });
  const fallback = await server((req, res) => { res.writeHead(503); res.end(); });
  const api = createApiClient({ primaryUrl: primary.url, fallbackUrl: fallback.url, backoffBaseMs: 5000, random: () => 1 });

  const controller = new AbortController();
  setTimeout(() => controller.abort(), 150);
  const started = Date.now();
  await assert.rejects(api.getJob('x', { signal: controller.signal }), { name: 'AbortError' });
  assert.ok(Date.now() - started < 1000);
  assert.equal(primary.count + fallback.count, 2, 'one round only');
});
