// api.result(job): Download's bytes, with the same failover as every other call (issue #15).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, HttpError } from '../src/api-client.js';
import { startServer, sendProblem, job, FAST } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

const BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 0xff, 0xd9]); // a tiny "JPEG"
const done = job('j-done', {
  status: 'succeeded',
  result: { content_type: 'image/jpeg', width: 4, height: 4, provider: 'local', url: '/api/v1/jobs/j-done/result' },
  links: { self: '/api/v1/jobs/j-done', events: '/api/v1/jobs/j-done/events', cancel: '/api/v1/jobs/j-done', result: '/api/v1/jobs/j-done/result' },
});
const sendBytes = (res) => { res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': BYTES.length }); res.end(BYTES); };

test('the result comes as a Blob from the fallback when the primary is busy, without the sign-in header', async () => {
  const primary = await server((req, res) => sendProblem(res, 503, { error_type: 'resource_limit', message: 'Many downloads.', retry_after: 2 }));
  const fallback = await server((req, res) => sendBytes(res));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url, fallbackUrl: fallback.url, headers: () => ({ Authorization: 'Bearer t' }) });

  const { data, backend } = await api.result(done);

  assert.equal(backend.name, 'fallback');
  assert.ok(data instanceof Blob);
  assert.equal(data.type, 'image/jpeg');
  assert.deepEqual(Buffer.from(await data.arrayBuffer()), BYTES);
  for (const r of [...primary.requests, ...fallback.requests]) {
    assert.equal(r.url, '/api/v1/jobs/j-done/result');
    assert.equal(r.headers.authorization, undefined, 'the job id is the permission: no token is sent');
    assert.equal(r.headers.accept, '*/*');
  }
});

test('a result that is gone is a final 404 (not retried on the other backend)', async () => {
  const primary = await server((req, res) => sendProblem(res, 404, { error_type: 'not_found', message: 'The result was removed to make room for newer creations.' }));
  const fallback = await server((req, res) => sendBytes(res));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url, fallbackUrl: fallback.url });

  await assert.rejects(api.result(done), (err) => err instanceof HttpError && err.status === 404 && /removed/.test(err.message));
  assert.equal(fallback.count, 0);
});

test('a job without a result cannot be saved', () => {
  const api = createApiClient({ ...FAST, primaryUrl: 'http://127.0.0.1:9' });
  assert.throws(() => api.result(job('j-queued')), TypeError);
});
