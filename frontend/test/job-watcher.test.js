// Following a job: SSE first, polling (through the ApiClient) when the stream fails.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient } from '../src/api-client.js';
import { watchJob } from '../src/job-watcher.js';
import { startServer, sendJson, sendProblem, job, FAST } from '../test-support/servers.js';

// Attempts of 10 s, not FAST's 200 ms: on a loaded machine a short attempt can give up on an
// answer the server already counted, and a poll would then skip a state.
const CLIENT = { ...FAST, attemptTimeoutMs: 10_000 };

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

function watch(api, first, options, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const seen = [];
    let watcher;
    // a watch that never ends is stopped, so a failing test does not keep the process polling
    const timer = setTimeout(() => { watcher?.stop(); reject(new Error(`timed out, saw ${seen}`)); }, timeoutMs);
    const done = (value) => { clearTimeout(timer); resolve(value); };
    watcher = watchJob(api, first, {
      onUpdate: (j) => { seen.push(j.status); if (['succeeded', 'failed', 'canceled'].includes(j.status)) done(seen); },
      onGone: () => done([...seen, 'gone']),
    }, { pollIntervalMs: 20, ...options });
  });
}

test('without EventSource it polls until a terminal status', async () => {
  const backend = await progressingBackend();
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
  const seen = await watch(api, job('w1'), { EventSource: undefined });
  assert.deepEqual(seen, ['queued', 'running', 'succeeded']);
  assert.equal(backend.countOf('/api/v1/jobs/w1'), 3);
});

test('uses the events URL on the serving backend, and falls back to polling when the stream errors', async () => {
  const backend = await progressingBackend();
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
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
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
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
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
  assert.deepEqual(await watch(api, job('w3'), { EventSource: undefined }), ['gone']);
});

/** An EventSource stand-in whose streams are scripted per URL: `script(url, send)` sends events. */
function scriptedEventSource(opened, script) {
  return class ScriptedEventSource {
    constructor(url) {
      opened.push(url);
      this.timers = [];
      script(url, (j, delay) => this.timers.push(setTimeout(() => { if (!this.closed) this.onmessage?.({ data: JSON.stringify(j) }); }, delay)));
    }
    addEventListener() {}
    close() { this.closed = true; this.timers.forEach(clearTimeout); }
  };
}

test('a stream that misses its heartbeats is left for the other backend, without losing the progress', async () => {
  const primary = await server(() => {}); // hung: would answer nothing, so a poll sent there would stall
  const fallback = await server((req, res) => sendJson(res, 200, job('w5', { status: 'running', progress: 0.6 })));
  const failovers = [];
  const api = createApiClient({ ...CLIENT, primaryUrl: primary.url, fallbackUrl: fallback.url,
    hooks: { onFailover: (e) => failovers.push(e) } });
  const opened = [];
  const ES = scriptedEventSource(opened, (url, send) => {
    if (url.startsWith(primary.url)) return send(job('w5', { status: 'running', progress: 0.3 }), 10); // then silence
    send(job('w5', { status: 'running', progress: 0.8 }), 10);
    send(job('w5', { status: 'succeeded' }), 20);
  });
  const seen = await watch(api, job('w5'), { EventSource: ES, silenceMs: 300 });

  assert.deepEqual(opened, [`${primary.url}/api/v1/jobs/w5/events`, `${fallback.url}/api/v1/jobs/w5/events`]);
  assert.deepEqual(seen, ['running', 'running', 'running', 'succeeded'], 'stream 0.3, poll 0.6, stream 0.8, done');
  assert.equal(primary.count, 0, 'the poll after the silence went straight to the fallback');
  assert.equal(fallback.countOf('/api/v1/jobs/w5'), 1);
  assert.deepEqual(failovers, [{ from: 'primary', to: 'fallback', reason: 'silent' }]);
  assert.equal(api.currentBackend().name, 'fallback', 'the silent backend waits behind the other for the cooldown');
});

test('heartbeats keep a quiet stream alive: no poll, no second stream', async () => {
  const backend = await server((req, res) => sendJson(res, 200, job('w6')));
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
  const opened = [];
  const ES = scriptedEventSource(opened, (url, send) => {
    // the same snapshot again every 100 ms (a heartbeat), well inside the 1 s silence allowance
    for (let t = 10; t <= 1500; t += 100) send(job('w6', { status: 'running', progress: 0.5 }), t);
    send(job('w6', { status: 'succeeded' }), 1600);
  });
  const seen = await watch(api, job('w6'), { EventSource: ES, silenceMs: 1000 }, 10_000);
  assert.equal(seen.at(-1), 'succeeded');
  assert.equal(opened.length, 1);
  assert.equal(backend.count, 0);
});

test('a stream silent on the only backend ends in polling there', async () => {
  const backend = await progressingBackend();
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
  const opened = [];
  const seen = await watch(api, job('w1'), { EventSource: scriptedEventSource(opened, () => {}), silenceMs: 100 });
  assert.deepEqual(seen, ['queued', 'running', 'succeeded']);
  assert.equal(opened.length, 1, 'no new stream on the backend that went silent');
});
