// Rounds, exponential backoff with jitter, and honouring retry_after.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, HttpError, NetworkError } from '../src/api-client.js';
import { startServer, refusedUrl, okHandler, sendProblem, FAST } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

test('when both backends fail, a new round starts after a backoff and can succeed', async () => {
  let primaryFailures = 1;
  const primary = await server((req, res) => (primaryFailures-- > 0 ? sendProblem(res, 502, {}) : okHandler('round-2')(req, res)));
  const fallback = await server((req, res) => sendProblem(res, 504, {}));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url, fallbackUrl: fallback.url });

  const { data, backend } = await api.getJob('round-2');

  assert.equal(data.id, 'round-2');
  assert.equal(backend.name, 'primary');
  assert.equal(fallback.count, 2, 'round 2 starts on the fallback (the primary is marked down), then the primary');
  assert.equal(primary.count, 2);
});

test('gives up after `retries` extra rounds with the last readable error', async () => {
  const primary = await server((req, res) => sendProblem(res, 503, { error_type: 'provider_unavailable', message: 'All painters are busy.' }));
  const fallbackUrl = await refusedUrl();
  const api = createApiClient({ ...FAST, retries: 2, primaryUrl: primary.url, fallbackUrl });

  await assert.rejects(api.getJob('x'), (err) => {
    assert.ok(err instanceof HttpError, 'an HttpError (readable message) beats a bare network error');
    assert.equal(err.message, 'All painters are busy.');
    return true;
  });
  assert.equal(primary.count, 3, '1 + 2 retries');
});

test('with both backends unreachable the error is a NetworkError after 1 + retries rounds', async () => {
  const attempts = [];
  const api = createApiClient({
    ...FAST, retries: 1, primaryUrl: await refusedUrl(), fallbackUrl: await refusedUrl(),
    hooks: { onRequest: (e) => attempts.push(e.backend + ':' + e.round) },
  });
  await assert.rejects(api.getJob('x'), NetworkError);
  assert.deepEqual(attempts, ['primary:0', 'fallback:0', 'fallback:1', 'primary:1']);
});

test('backoff grows exponentially, with jitter from the injected random', async () => {
  // The delays the client asks setTimeout for, not wall-clock gaps: those stretch on a loaded machine.
  const primary = await server((req, res) => sendProblem(res, 502, {}));
  const realSetTimeout = globalThis.setTimeout;
  const run = async (random) => {
    const asked = [];
    globalThis.setTimeout = (fn, ms, ...rest) => { asked.push(ms); return realSetTimeout(fn, ms, ...rest); };
    try {
      const api = createApiClient({ primaryUrl: primary.url, retries: 2, backoffBaseMs: 120, backoffMaxMs: 10_000, random });
      await assert.rejects(api.getJob('x'), HttpError);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    return asked.filter((ms) => ms >= 50 && ms <= 1000);
  };

  assert.deepEqual(await run(() => 0), [60, 120], 'equal jitter: delay = exp/2');
  assert.deepEqual(await run(() => 1), [120, 240], 'delay = exp');
});

test('503s that carry retry_after end the request without more rounds', async () => {
  const busy = (req, res) => sendProblem(res, 503, { error_type: 'resource_limit', message: 'The queue is full.', retry_after: 42 });
  const primary = await server(busy);
  const fallback = await server(busy);
  const api = createApiClient({ ...FAST, retries: 3, primaryUrl: primary.url, fallbackUrl: fallback.url });

  await assert.rejects(api.generate('text-to-image', { prompt: 'x' }), (err) => {
    assert.equal(err.status, 503);
    assert.equal(err.retryAfter, 42);
    return true;
  });
  assert.equal(primary.count, 1);
  assert.equal(fallback.count, 1);
});
