// Convenience methods: request shapes per kind, job URLs resolved on the backend that served the job.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, KINDS } from '../src/api-client.js';
import { startServer, refusedUrl, sendJson, job, FAST } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

const succeeded = job('done-1', {
  status: 'succeeded', provider: 'local',
  result: { content_type: 'image/png', width: 1024, height: 1024, provider: 'local', url: '/api/v1/jobs/done-1/result' },
  links: { self: '/api/v1/jobs/done-1', events: '/api/v1/jobs/done-1/events', cancel: '/api/v1/jobs/done-1', result: '/api/v1/jobs/done-1/result' },
});

test('text-* kinds POST JSON to /api/v1/generate/{kind}', async () => {
  const primary = await server((req, res) => sendJson(res, 202, job()));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url });

  await api.generate('text-to-image', { prompt: 'a fox', aspect_ratio: '16:9', style: 'anime', seed: 7 });
  await api.generate('text-to-video', { prompt: 'rain', duration_seconds: 5 });

  const [img, vid] = primary.requests;
  assert.equal(img.method, 'POST');
  assert.equal(img.url, '/api/v1/generate/text-to-image');
  assert.equal(img.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(img.body), { prompt: 'a fox', aspect_ratio: '16:9', style: 'anime', seed: 7 });
  assert.equal(vid.url, '/api/v1/generate/text-to-video');
});

test('image-* kinds POST multipart with the image part', async () => {
  const primary = await server((req, res) => sendJson(res, 202, job()));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url });
  const image = new File([new Uint8Array([1, 2, 3])], 'cat.png', { type: 'image/png' });

  await api.generate('image-to-video', { image, prompt: 'make it move' });

  const [r] = primary.requests;
  assert.equal(r.url, '/api/v1/generate/image-to-video');
  assert.match(r.headers['content-type'], /^multipart\/form-data/);
  assert.match(r.body, /name="image"; filename="cat.png"\r\nContent-Type: image\/png/);
  assert.match(r.body, /name="prompt"\r\n\r\nmake it move/);
});

test('an unknown kind is refused before any request', async () => {
  const api = createApiClient({ ...FAST, primaryUrl: 'http://127.0.0.1:9' });
  assert.deepEqual(KINDS, ['text-to-image', 'image-to-image', 'text-to-video', 'image-to-video']);
  assert.throws(() => api.generate('text-to-sound', {}), TypeError);
});

test('getJob, cancelJob, health and limits hit the documented paths', async () => {
  const primary = await server((req, res) => sendJson(res, 200, req.url.includes('/jobs/') ? job('a b') : {}));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url });
  await api.getJob('a b');
  await api.cancelJob('a b');
  await api.health();
  await api.limits();
  assert.deepEqual(primary.requests.map((r) => `${r.method} ${r.url}`), [
    'GET /api/v1/jobs/a%20b', 'DELETE /api/v1/jobs/a%20b', 'GET /api/v1/health', 'GET /api/v1/limits',
  ]);
});

test('resultUrl and eventsUrl point at the backend that served the job', async () => {
  const fallback = await server((req, res) => sendJson(res, 200, succeeded));
  const api = createApiClient({ ...FAST, primaryUrl: await refusedUrl(), fallbackUrl: fallback.url });

  const { data } = await api.getJob('done-1');

  assert.equal(api.resultUrl(data), `${fallback.url}/api/v1/jobs/done-1/result`);
  assert.equal(api.eventsUrl(data), `${fallback.url}/api/v1/jobs/done-1/events`);
  assert.equal(api.resultUrl(job('queued-1')), null, 'no result link yet');
});

test('the headers option adds e.g. an Authorization header to every request', async () => {
  const primary = await server((req, res) => sendJson(res, 200, {}));
  const api = createApiClient({ ...FAST, primaryUrl: primary.url, headers: async () => ({ Authorization: 'Bearer t0k3n' }) });
  await api.limits();
  assert.equal(primary.requests[0].headers.authorization, 'Bearer t0k3n');
});
