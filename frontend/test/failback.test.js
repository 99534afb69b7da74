// Cooldown, health probe and fail-back to the primary.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient } from '../src/api-client.js';
import { startServer, okHandler, sendJson, sendProblem, FAST } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

/** A primary that answers 503 until `up` is set, with a controllable clock. */
async function scenario({ cooldownMs = 30_000 } = {}) {
  const state = { up: false, clock: 1_000_000 };
  const primary = await server((req, res) => {
    if (!state.up) return sendProblem(res, 503, { error_type: 'resource_limit' });
    if (req.url === '/api/v1/health') return sendJson(res, 200, { status: 'healthy' });
    okHandler('from-primary')(req, res);
  });
  const fallback = await server(okHandler('from-fallback'));
  const events = [];
  const api = createApiClient({
    ...FAST, cooldownMs, now: () => state.clock,
    primaryUrl: primary.url, fallbackUrl: fallback.url,
    hooks: { onFailover: (e) => events.push(['failover', e.from, e.to]), onFailback: (e) => events.push(['failback', e.to]) },
  });
  return { state, primary, fallback, events, api };
}

test('fails back to the primary after the cooldown once /api/v1/health answers 200', async () => {
  const { state, primary, fallback, events, api } = await scenario();

  assert.equal((await api.getJob('x')).backend.name, 'fallback');
  assert.equal(api.currentBackend().name, 'fallback');

  state.up = true;
  state.clock += 10_000; // still cooling down: no probe, the fallback serves
  assert.equal((await api.getJob('x')).backend.name, 'fallback');
  assert.equal(primary.countOf('/api/v1/health'), 0);

  state.clock += 21_000; // cooldown over: probe, then fail back
  const { data, backend } = await api.getJob('x');

  assert.equal(backend.name, 'primary');
  assert.equal(data.id, 'from-primary');
  assert.equal(primary.countOf('/api/v1/health'), 1, 'the probe hit /api/v1/health');
  assert.equal(fallback.count, 2);
  assert.deepEqual(events, [['failover', 'primary', 'fallback'], ['failback', 'primary']]);
  assert.equal(api.currentBackend().name, 'primary');
});

test('a failed probe keeps the fallback and re-arms the cooldown', async () => {
  const { state, primary, api } = await scenario({ cooldownMs: 1000 });
  await api.getJob('x');

  state.clock += 1500; // cooldown over, but the primary is still down
  assert.equal((await api.getJob('x')).backend.name, 'fallback');
  assert.equal(primary.countOf('/api/v1/health'), 1);

  state.clock += 500; // within the re-armed cooldown: no new probe
  await api.getJob('x');
  assert.equal(primary.countOf('/api/v1/health'), 1);

  state.up = true;
  state.clock += 600;
  assert.equal((await api.getJob('x')).backend.name, 'primary');
  assert.equal(primary.countOf('/api/v1/health'), 2);
});

test('probe() fails back on demand, before the cooldown ends', async () => {
  const { state, primary, events, api } = await scenario();
  await api.getJob('x');
  assert.equal(await api.probe(), false);

  state.up = true;
  assert.equal(await api.probe(), true);
  assert.equal(api.currentBackend().name, 'primary');
  assert.equal(primary.countOf('/api/v1/health'), 2);
  assert.deepEqual(events.at(-1), ['failback', 'primary']);
});

test('concurrent requests after the cooldown share a single probe', async () => {
  const { state, primary, api } = await scenario();
  await api.getJob('x');
  state.up = true;
  state.clock += 31_000;
  const results = await Promise.all([api.getJob('a'), api.getJob('b'), api.getJob('c')]);
  assert.deepEqual(results.map((r) => r.backend.name), ['primary', 'primary', 'primary']);
  assert.equal(primary.countOf('/api/v1/health'), 1);
});
