// One Idempotency-Key per logical POST, reused on every failover and retry attempt.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient } from '../src/api-client.js';
import { startServer, okHandler, sendProblem, FAST } from '../test-support/servers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

test('the resubmission to the fallback carries the same Idempotency-Key (primary 503)', async () => {
  const primary = await server((req, res) => sendProblem(res, 503, { error_type: 'resource_limit' }));
  const fallback = await server(okHandler());
  const api = createApiClient({ ...FAST, primaryUrl: primary.url, fallbackUrl: fallback.url });

  await api.generate('text-to-image', { prompt: 'a cat in a teacup' });

  const first = primary.requests[0].headers['idempotency-key'];
  assert.match(first, UUID);
  assert.equal(fallback.requests[0].headers['idempotency-key'], first);
  assert.equal(fallback.requests[0].body, primary.requests[0].body, 'the same body is resubmitted');
});

test('the same key survives a hung primary (the job may exist there already)', async () => {
  const primary = await server(() => {});
  const fallback = await server(okHandler());
  const api = createApiClient({ ...FAST, primaryUrl: primary.url, fallbackUrl: fallback.url });

  await api.generate('text-to-video', { prompt: 'waves', duration_seconds: 4 });

  assert.equal(primary.count, 1);
  assert.equal(fallback.requests[0].headers['idempotency-key'], primary.requests[0].headers['idempotency-key']);
});

test('the key is kept across retry rounds and multipart resubmissions', async () => {
  let failures = 3;
  const handler = (req, res) => (failures-- > 0 ? sendProblem(res, 502, {}) : okHandler()(req, res));
  const primary = await server(handler);
  const fallback = await server(handler);
  const api = createApiClient({ ...FAST, retries: 2, primaryUrl: primary.url, fallbackUrl: fallback.url });

  const image = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
  await api.generate('image-to-image', { image, prompt: 'as a watercolor', strength: 0.6 });

  const keys = [...primary.requests, ...fallback.requests].map((r) => r.headers['idempotency-key']);
  assert.equal(keys.length, 4);
  assert.equal(new Set(keys).size, 1, `one key for all attempts: ${keys}`);
  for (const r of [...primary.requests, ...fallback.requests]) {
    assert.match(r.headers['content-type'], /^multipart\/form-data; boundary=/);
    assert.match(r.body, /name="prompt"\r\n\r\nas a watercolor/);
  }
});

test('each logical request gets its own key; GETs carry none; a caller key is used as is', async () => {
  const primary = await server(okHandler());
  const api = createApiClient({ ...FAST, primaryUrl: primary.url });

  await api.generate('text-to-image', { prompt: 'one' });
  await api.generate('text-to-image', { prompt: 'two' });
  await api.getJob('job-1');
  await api.generate('text-to-image', { prompt: 'three' }, { idempotencyKey: 'caller-key-1' });

  const [a, b, get, c] = primary.requests.map((r) => r.headers['idempotency-key']);
  assert.match(a, UUID);
  assert.match(b, UUID);
  assert.notEqual(a, b);
  assert.equal(get, undefined);
  assert.equal(c, 'caller-key-1');
});
