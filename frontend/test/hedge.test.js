// Hedging: a request with no answer by the hedge delay goes to the other backend as well; the
// first answer wins, the other attempt is aborted, and the slow backend waits behind the other
// for the cooldown. Creations are hedged only with an Idempotency-Key; uploads never.
// Timings are generous on purpose: hedge delays of ~100 ms, attempts of 10 s, so a loaded machine
// can only make a test slower, never make it pass or fail for the wrong reason.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, createHedgePolicy } from '../src/api-client.js';
import { startServer, okHandler, sendJson, sendProblem, job } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

const QUICK_HEDGE = { read: { floorMs: 100, ceilingMs: 100 }, create: { floorMs: 100, ceilingMs: 100 } };
const SLOW_ATTEMPTS = { attemptTimeoutMs: 10_000, readTimeoutMs: 10_000, totalBudgetMs: 30_000, retries: 0 };

/** A backend that never answers, and resolves `closed` when the client drops a request. */
async function hungBackend() {
  let onClosed;
  const closed = new Promise((resolve) => { onClosed = resolve; });
  const s = await server((req, res) => { res.on('close', () => onClosed(req.url)); });
  s.closed = closed;
  return s;
}

function within(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

test('a read with no answer by the hedge delay is sent to the fallback, which wins; the primary attempt is aborted', async () => {
  const primary = await hungBackend();
  const fallback = await server(okHandler('j-hedged'));
  const hedges = [];
  const failovers = [];
  const api = createApiClient({
    ...SLOW_ATTEMPTS, hedge: QUICK_HEDGE, primaryUrl: primary.url, fallbackUrl: fallback.url,
    hooks: { onHedge: (e) => hedges.push(e), onFailover: (e) => failovers.push(e) },
  });

  const { data, backend } = await api.getJob('j-hedged');

  assert.equal(data.id, 'j-hedged');
  assert.equal(backend.name, 'fallback');
  assert.equal(primary.count, 1);
  assert.equal(fallback.count, 1);
  assert.deepEqual(hedges.map((h) => [h.from, h.to, h.delayMs]), [['primary', 'fallback', 100]]);
  assert.equal(await within(primary.closed, 5000, 'abort of the losing attempt'), '/api/v1/jobs/j-hedged');
  assert.deepEqual(failovers, [{ from: 'primary', to: 'fallback', reason: 'slow' }]);
});

test('the backend that lost a hedge waits behind the other for the cooldown, then a health probe brings it back', async () => {
  const state = { slow: true, clock: 1_000_000 };
  const primary = await server((req, res) => {
    if (req.url === '/api/v1/health') return sendJson(res, 200, { status: 'healthy' });
    if (!state.slow) okHandler('from-primary')(req, res);
  });
  const fallback = await server(okHandler('from-fallback'));
  const failbacks = [];
  const api = createApiClient({
    ...SLOW_ATTEMPTS, hedge: QUICK_HEDGE, cooldownMs: 30_000, now: () => state.clock,
    primaryUrl: primary.url, fallbackUrl: fallback.url, hooks: { onFailback: (e) => failbacks.push(e.to) },
  });

  assert.equal((await api.getJob('x')).backend.name, 'fallback', 'the hedge won');
  assert.equal(api.currentBackend().name, 'fallback');
  assert.equal((await api.getJob('x')).backend.name, 'fallback');
  assert.equal((await api.generate('text-to-image', { prompt: 'x' })).backend.name, 'fallback');
  assert.equal(primary.count, 1, 'during the cooldown nothing went to the slow primary');

  state.slow = false;
  state.clock += 30_001;
  const { data, backend } = await api.getJob('x');
  assert.equal(backend.name, 'primary');
  assert.equal(data.id, 'from-primary');
  assert.equal(primary.countOf('/api/v1/health'), 1, 'the switch back followed a health probe');
  assert.deepEqual(failbacks, ['primary']);
});

test('a hedged creation carries the same Idempotency-Key to both backends, which return the same job', async () => {
  // Both backends share one key store (as they share MongoDB): the key decides the job.
  const jobsByKey = new Map();
  const create = (req, res, delayMs) => {
    const key = req.headers['idempotency-key'];
    if (!jobsByKey.has(key)) jobsByKey.set(key, `job-${jobsByKey.size + 1}`);
    setTimeout(() => sendJson(res, 202, job(jobsByKey.get(key))), delayMs);
  };
  const primary = await server((req, res) => create(req, res, 5_000)); // accepted, but slow to answer
  const fallback = await server((req, res) => create(req, res, 0));
  const api = createApiClient({ ...SLOW_ATTEMPTS, hedge: QUICK_HEDGE, primaryUrl: primary.url, fallbackUrl: fallback.url });

  const { data, backend } = await api.generate('text-to-image', { prompt: 'a heron in the reeds' });

  assert.equal(backend.name, 'fallback');
  assert.equal(data.id, 'job-1');
  assert.equal(jobsByKey.size, 1, 'one job for the two attempts');
  const keys = [...primary.requests, ...fallback.requests].map((r) => r.headers['idempotency-key']);
  assert.equal(keys.length, 2);
  assert.ok(keys[0] && keys[0] === keys[1], `the same key on both attempts: ${keys}`);
  assert.equal(primary.requests[0].body, fallback.requests[0].body, 'the same body on both attempts');
});

test('a hedge refused 429 waits for the attempt still in flight, which holds the job; a 429 from both is the answer', async () => {
  // The slow primary took the caller's last token for this request; the fallback, counting the
  // same shared allowance, refuses the hedge before the primary's job is stored.
  const primary = await server((req, res) => setTimeout(() => sendJson(res, 202, job('made-by-primary')), 600));
  const fallback = await server((req, res) => sendProblem(res, 429, { detail: 'Too many requests.', retry_after: 30 }));
  const api = createApiClient({ ...SLOW_ATTEMPTS, hedge: QUICK_HEDGE, primaryUrl: primary.url, fallbackUrl: fallback.url });

  const { data, backend } = await api.generate('text-to-image', { prompt: 'a kite over dunes' });
  assert.equal(data.id, 'made-by-primary');
  assert.equal(backend.name, 'primary');
  assert.equal(fallback.count, 1, 'the hedge was sent and refused');

  // both refuse: the visitor sees the refusal, not a network error, and nothing is retried
  const bothRefuse = await server((req, res) => setTimeout(() => sendProblem(res, 429, { detail: 'Too many requests.', retry_after: 30 }), 600));
  const refusing = createApiClient({ ...SLOW_ATTEMPTS, hedge: QUICK_HEDGE, primaryUrl: bothRefuse.url, fallbackUrl: fallback.url });
  await assert.rejects(refusing.generate('text-to-image', { prompt: 'x' }), (e) => e.status === 429);
  assert.equal(bothRefuse.count, 1);
  assert.equal(fallback.count, 2);
});

test('never hedged: a creation without an Idempotency-Key, an upload, another POST, a DELETE', async () => {
  // The primary answers, only slower than the hedge delay: a hedge would show up at the fallback.
  const primary = await server((req, res) => setTimeout(() => okHandler('slow-primary')(req, res), 400));
  const fallback = await server(okHandler('fallback'));
  const hedges = [];
  const api = createApiClient({
    ...SLOW_ATTEMPTS, hedge: QUICK_HEDGE, primaryUrl: primary.url, fallbackUrl: fallback.url,
    hooks: { onHedge: (e) => hedges.push(e) },
  });

  const noKey = await api.generate('text-to-image', { prompt: 'x' }, { idempotencyKey: false });
  assert.equal(noKey.backend.name, 'primary');
  assert.equal(primary.requests[0].headers['idempotency-key'], undefined, 'no key was sent');
  const upload = await api.generate('image-to-image', { prompt: 'x', image: new Blob([new Uint8Array(64)], { type: 'image/png' }) });
  assert.equal(upload.backend.name, 'primary');
  assert.equal((await api.request('POST', '/admin/blocks', { json: { identity: 'x' } })).backend.name, 'primary');
  assert.equal((await api.request('POST', '/generate/text-to-image', { json: { prompt: 'x' }, hedge: 'create', idempotencyKey: false })).backend.name, 'primary');
  assert.equal((await api.cancelJob('slow-primary')).backend.name, 'primary');

  assert.equal(primary.count, 5);
  assert.equal(fallback.count, 0, 'nothing was hedged to the fallback');
  assert.deepEqual(hedges, []);
});

test('the same slow creation with its Idempotency-Key is hedged (control for the test above)', async () => {
  const primary = await server((req, res) => setTimeout(() => okHandler('slow-primary')(req, res), 3000));
  const fallback = await server(okHandler('fallback'));
  const api = createApiClient({ ...SLOW_ATTEMPTS, hedge: QUICK_HEDGE, primaryUrl: primary.url, fallbackUrl: fallback.url });
  assert.equal((await api.generate('text-to-image', { prompt: 'x' })).backend.name, 'fallback');
  assert.equal(fallback.count, 1);
});

test('a primary answering before the hedge delay is never hedged', async () => {
  const primary = await server(okHandler('fast'));
  const fallback = await server(okHandler('fallback'));
  const api = createApiClient({
    ...SLOW_ATTEMPTS, hedge: { read: { floorMs: 2000, ceilingMs: 2000 }, create: { floorMs: 2000, ceilingMs: 2000 } },
    primaryUrl: primary.url, fallbackUrl: fallback.url,
  });
  for (let i = 0; i < 10; i++) await api.getJob('fast');
  await api.generate('text-to-image', { prompt: 'x' });
  assert.equal(primary.count, 11);
  assert.equal(fallback.count, 0);
});

test('a visitor abort while both attempts are in flight aborts both and is not retried', async () => {
  const controller = new AbortController();
  const primary = await hungBackend();
  const fallback = await server((req, res) => { res.on('close', () => {}); controller.abort(); });
  const api = createApiClient({ ...SLOW_ATTEMPTS, hedge: QUICK_HEDGE, primaryUrl: primary.url, fallbackUrl: fallback.url });

  await assert.rejects(api.getJob('x', { signal: controller.signal }), { name: 'AbortError' });
  await within(primary.closed, 5000, 'abort of the primary attempt');
  assert.equal(primary.count, 1);
  assert.equal(fallback.count, 1);
  assert.equal(api.currentBackend().name, 'primary', 'a visitor abort marks nothing down');
});

test('the hedge delay is the p95 of recent answers, between the floor and the ceiling', () => {
  const policy = createHedgePolicy({ read: { floorMs: 500, ceilingMs: 800 }, window: 100 });
  assert.equal(policy.delay('read'), 800, 'no answers yet: the ceiling');
  for (let i = 1; i <= 100; i++) policy.record('read', i * 7); // 7 … 700 ms: p95 = 665
  assert.equal(policy.delay('read'), 665);
  for (let i = 0; i < 100; i++) policy.record('read', 20);
  assert.equal(policy.delay('read'), 500, 'a fast pair: the floor');
  for (let i = 0; i < 100; i++) policy.record('read', 3000);
  assert.equal(policy.delay('read'), 800, 'a slow pair: the ceiling');
  assert.equal(createHedgePolicy().delay('create'), 1200, 'creations have their own, longer delay');
});

/** A day of one busy page's answers on a healthy pair: hedges sent per request. */
function simulateDay({ medianMs, sigma, spikeEvery, requests = 20_000, seed = 7 }) {
  let x = seed;
  const rand = () => { x = (x * 1103515245 + 12345) % 2 ** 31; return (x + 0.5) / 2 ** 31; };
  const normal = () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
  const policy = createHedgePolicy();
  let hedges = 0;
  for (let i = 0; i < requests; i++) {
    // a log-normal answer time, and now and then a pause (garbage collection, a proxy) of 1–4 s
    const answerMs = spikeEvery && i % spikeEvery === 0 ? 1000 + rand() * 3000 : medianMs * Math.exp(sigma * normal());
    const delay = policy.delay('read');
    policy.earn('read');
    if (answerMs > delay && policy.spend()) hedges++;
    policy.record('read', answerMs);
  }
  return hedges / requests;
}

test('extra requests from hedging on a healthy pair stay within 5 %', () => {
  const typical = simulateDay({ medianMs: 150, sigma: 0.6, spikeEvery: 100 }); // p95 ≈ 400 ms, 1 % pauses
  const slowPair = simulateDay({ medianMs: 500, sigma: 0.5, spikeEvery: 50 }); // p95 above the ceiling: the budget caps it
  assert.ok(typical <= 0.05, `typical pair: ${(typical * 100).toFixed(2)} % extra`);
  assert.ok(slowPair <= 0.05, `slow pair: ${(slowPair * 100).toFixed(2)} % extra`);
  assert.ok(slowPair > 0.03, `the slow pair does use its budget: ${(slowPair * 100).toFixed(2)} %`);
});
