// Following a job: SSE first, polling (through the ApiClient) when the stream fails.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient } from '../src/api-client.js';
import { watchJob } from '../src/job-watcher.js';
import { startServer, sendJson, sendProblem, job, FAST } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

/** A backend whose job is queued, then running, then succeeded on successive polls. */
async function progressingBackend() {
  const states = [
    job('w1', { status: 'queued', position: 2 }),
    job('w1', { status: 'running', progress: 0.5 }),
    job('w1', { status: 'succeeded', result: { content_type: 'image/png', width: 8, height: 8, provider: 'local', url: '/r' } }),
  ];
  let n = 0;
  return server((req, res) => sendJson(res, 200, states[Math.min(n++, states.length - 1)]));
}

function watch(api, first, options) {
  return new Promise((resolve, reject) => {
    const seen = [];
    const timer = setTimeout(() => reject(new Error(`timed out, saw ${seen}`)), 3000);
    const done = (value) => { clearTimeout(timer); resolve(value); };
    watchJob(api, first, {
      onUpdate: (j) => { seen.push(j.status); if (['succeeded', 'failed', 'canceled'].includes(j.status)) done(seen); },
      onGone: () => done([...seen, 'gone']),
    }, { pollIntervalMs: 20, ...options });
  });
}

test('without EventSource it polls until a terminal status', async () => {
  const backend = await progressingBackend();
  const api = createApiClient({ ...FAST, primaryUrl: backend.url });
  const seen = await watch(api, job('w1'), { EventSource: undefined });
  assert.deepEqual(seen, ['queued', 'running', 'succeeded']);
  assert.equal(backend.countOf('/api/v1/jobs/w1'), 3);
});

test('uses the events URL on the serving backend, and falls back to polling when the stream errors', async () => {
  const backend = await progressingBackend();
  const api = createApiClient({ ...FAST, primaryUrl: backend.url });
  const opened = [];
  class FailingEventSource {
    constructor(url) { opened.push(url); setTimeout(() => this.onerror?.(new Event('error')), 10); }
    addEventListener() {}
    close() { this.closed = true; }
  }
  const seen = await watch(api, job('w1'), { EventSource: FailingEventSource });
  assert.deepEqual(opened, [`${backend.url}/api/v1/jobs/w1/events`]);
  assert.deepEqual(seen, ['queued', 'running', 'succeeded']);
});

test('job snapshots from the stream are applied without polling', async () => {
  const backend = await server((req, res) => sendJson(res, 200, job('w2')));
  const api = createApiClient({ ...FAST, primaryUrl: backend.url });
  class StreamingEventSource {
    constructor() {
      const send = (j, delay) => setTimeout(() => this.onmessage?.({ data: JSON.stringify(j) }), delay);
      send(job('w2', { status: 'running', progress: 0.2 }), 10);
      send(job('w2', { status: 'succeeded' }), 20);
    }
    addEventListener() {}
    close() {}
  }
  const seen = await watch(api, job('w2'), { EventSource: StreamingEventSource });
  assert.deepEqual(seen, ['running', 'succeeded']);
  assert.equal(backend.count, 0);
});

test('a job that disappeared (404) ends the watch', async () => {
  const backend = await server((req, res) => sendProblem(res, 404, { error_type: 'not_found', message: 'Gone.' }));
  const api = createApiClient({ ...FAST, primaryUrl: backend.url });
  assert.deepEqual(await watch(api, job('w3'), { EventSource: undefined }), ['gone']);
});
