// Failover: network error, timeout and 502/503/504 move to the other backend; other 4xx never do.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, HttpError } from '../src/api-client.js';
import { startServer, refusedUrl, okHandler, sendProblem, FAST } from '../test-support/servers.js';

// Where no backend hangs, attempts get 5 s rather than FAST's 200 ms: on a loaded machine an
// answer can take longer than 200 ms, and would then be taken for a timeout and failed over.
const PATIENT = { ...FAST, attemptTimeoutMs: 5000, hedge: false }; // hedging has its own tests (hedge.test.js)

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

test('fails over to the fallback when the primary refuses connections', async () => {
  const primaryUrl = await refusedUrl();
  const fallback = await server(okHandler('j-refused'));
  const failovers = [];
  const api = createApiClient({ ...PATIENT, primaryUrl, fallbackUrl: fallback.url, hooks: { onFailover: (e) => failovers.push(e) } });

  const { data, backend } = await api.generate('text-to-image', { prompt: 'a lighthouse at dusk' });

  assert.equal(data.id, 'j-refused');
  assert.deepEqual(backend, { name: 'fallback', url: fallback.url });
  assert.equal(fallback.count, 1);
  assert.deepEqual(failovers, [{ from: 'primary', to: 'fallback', reason: 'network' }]);
  assert.equal(api.servedBy.name, 'fallback');
  assert.equal(api.currentBackend().name, 'fallback', 'the primary is marked down for the cooldown');
});

test('fails over when the primary hangs past the per-attempt timeout', async () => {
  const primary = await server(() => {});
  const fallback = await server(okHandler('j-hung'));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url, fallbackUrl: fallback.url });

  const started = Date.now();
  const { data, backend } = await api.getJob('j-hung');
  const elapsed = Date.now() - started;

  assert.equal(data.id, 'j-hung');
  assert.equal(backend.name, 'fallback');
  assert.equal(primary.count, 1);
  assert.equal(fallback.count, 1);
  assert.ok(elapsed >= 180 && elapsed < 5000, `cut at the 200 ms attempt timeout, took ${elapsed} ms`);
});

for (const status of [502, 503, 504]) {
  test(`fails over on ${status}`, async () => {
    const primary = await server((req, res) => sendProblem(res, status, { error_type: 'resource_limit', message: 'Busy.' }));
    const fallback = await server(okHandler('j-' + status));
    const failovers = [];
    const api = createApiClient({ ...PATIENT, primaryUrl: primary.url, fallbackUrl: fallback.url, hooks: { onFailover: (e) => failovers.push(e) } });

    const { data, backend } = await api.generate('text-to-image', { prompt: 'x' });

    assert.equal(data.id, 'j-' + status);
    assert.equal(backend.name, 'fallback');
    assert.equal(primary.count, 1);
    assert.equal(fallback.count, 1);
    assert.equal(failovers[0].reason, `http_${status}`);
  });
}

for (const [status, errorType] of [[400, 'validation'], [401, 'unauthorized'], [403, 'forbidden'], [404, 'not_found'],
  [409, 'conflict'], [413, 'payload_too_large'], [415, 'unsupported_media_type'], [429, 'rate_limited'], [500, 'internal']]) {
  test(`never fails over on ${status} (${errorType})`, async () => {
    const primary = await server((req, res) => sendProblem(res, status, { error_type: errorType, message: 'No.' }));
    const fallback = await server(okHandler());
    const api = createApiClient({ ...PATIENT, primaryUrl: primary.url, fallbackUrl: fallback.url });

    await assert.rejects(api.generate('text-to-image', { prompt: 'x' }), (err) => {
      assert.ok(err instanceof HttpError);
      assert.equal(err.status, status);
      assert.equal(err.errorType, errorType);
      return true;
    });
    assert.equal(primary.count, 1, 'no retry on the primary either');
    assert.equal(fallback.count, 0, 'the fallback saw nothing');
    assert.equal(api.currentBackend().name, 'primary', 'a 4xx does not mark the primary down');
  });
}

test('while the primary is marked down, requests go straight to the fallback', async () => {
  const primary = await server((req, res) => sendProblem(res, 503, { error_type: 'resource_limit' }));
  const fallback = await server(okHandler());
  const api = createApiClient({ ...PATIENT, primaryUrl: primary.url, fallbackUrl: fallback.url, cooldownMs: 60_000 });

  await api.getJob('job-1');
  await api.getJob('job-1');
  await api.getJob('job-1');

  assert.equal(primary.count, 1, 'only the first request touched the primary');
  assert.equal(fallback.count, 3);
});

test('when the fallback fails too, the primary is tried again as a last resort', async () => {
  let primaryUp = false;
  const primary = await server((req, res) => (primaryUp ? okHandler('back')(req, res) : sendProblem(res, 503, {})));
  const fallback = await server((req, res) => sendProblem(res, 502, {}));
  const api = createApiClient({ ...PATIENT, retries: 0, primaryUrl: primary.url, fallbackUrl: fallback.url, cooldownMs: 60_000 });

  await assert.rejects(api.getJob('x'), HttpError);
  primaryUp = true;
  const { backend } = await api.getJob('x');

  assert.equal(backend.name, 'primary');
  assert.equal(fallback.count, 2);
  assert.equal(api.currentBackend().name, 'primary');
});

test('a client with only a primary still works', async () => {
  const primary = await server(okHandler('solo'));
  const api = createApiClient({ ...PATIENT, primaryUrl: primary.url + '/' });
  const { data, backend } = await api.getJob('solo');
  assert.equal(data.id, 'solo');
  assert.deepEqual(backend, { name: 'primary', url: primary.url });
  assert.equal(api.backends().length, 1);
});
