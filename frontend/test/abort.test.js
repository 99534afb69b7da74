// A user abort (the caller's AbortSignal) is rethrown as an AbortError and never retried.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, isAbortError } from '../src/api-client.js';
import { startServer, okHandler, FAST } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

test('aborting an in-flight request is not retried and does not fail over', async () => {
  // the visitor gives up once the request has reached the (hanging) primary: no timer to race a busy machine
  const controller = new AbortController();
  const primary = await server(() => controller.abort());
  const fallback = await server(okHandler());
  const failovers = [];
  const api = createApiClient({ ...FAST, attemptTimeoutMs: 2000, primaryUrl: primary.url, fallbackUrl: fallback.url, hooks: { onFailover: (e) => failovers.push(e) } });

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
  // the round ends with the fallback's 503; the visitor gives up a moment later, during the 5 s backoff
  const controller = new AbortController();
  let abortedAt = 0;
  const primary = await server((req, res) => { res.writeHead(503); res.end(); });
  const fallback = await server((req, res) => {
    res.writeHead(503);
    res.end();
    setTimeout(() => { abortedAt = Date.now(); controller.abort(); }, 50);
  });
  const api = createApiClient({ primaryUrl: primary.url, fallbackUrl: fallback.url, backoffBaseMs: 5000, random: () => 1 });

  await assert.rejects(api.getJob('x', { signal: controller.signal }), { name: 'AbortError' });
  assert.ok(abortedAt > 0, 'aborted during the backoff, after the round');
  assert.ok(Date.now() - abortedAt < 2000, `stopped ${Date.now() - abortedAt} ms after the abort, not after the 5 s backoff`);
  assert.equal(primary.count + fallback.count, 2, 'one round only');
});
