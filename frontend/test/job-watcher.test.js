// Following a job: SSE first, polling (through the ApiClient) when the stream fails. The streams are
// real: test servers answer text/event-stream, read by a WHATWG EventSource (the `eventsource`
// package, over fetch) handed to the watcher as a browser's would be.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { EventSource } from 'eventsource';
import { createApiClient } from '../src/api-client.js';
import { watchJob } from '../src/job-watcher.js';
import { startServer, sendJson, sendProblem, eventStream, job, FAST } from '../test-support/servers.js';

// Attempts of 10 s, not FAST's 200 ms: on a loaded machine a short attempt can give up on an
// answer the server already counted, and a poll would then skip a state.
const CLIENT = { ...FAST, attemptTimeoutMs: 10_000 };

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

/** A handler answering polls of job w1 with queued, then running, then succeeded. */
function progressing() {
  const states = [
    job('w1', { status: 'queued', position: 2 }),
    job('w1', { status: 'running', progress: 0.5 }),
    job('w1', { status: 'succeeded', result: { content_type: 'image/png', width: 8, height: 8, provider: 'local', url: '/r' } }),
  ];
  let n = 0;
  return (req, res) => sendJson(res, 200, states[Math.min(n++, states.length - 1)]);
}

/** A backend whose job is queued, then running, then succeeded on successive polls. */
function progressingBackend() { return server(progressing()); }

/** The live-status streams a test server was asked for, in order. */
function streamsOpened(backend) { return backend.requests.filter((r) => r.url.endsWith('/events')).map((r) => r.url); }

function watch(api, first, options, timeoutMs = 10_000, onUpdate = () => {}) {
  return new Promise((resolve, reject) => {
    const seen = [];
    let watcher;
    // a watch that never ends is stopped, so a failing test does not keep the process polling
    const timer = setTimeout(() => { watcher?.stop(); reject(new Error(`timed out, saw ${seen}`)); }, timeoutMs);
    const done = (value) => { clearTimeout(timer); resolve(value); };
    watcher = watchJob(api, first, {
      onUpdate: (j) => { seen.push(j.status); onUpdate(j); if (['succeeded', 'failed', 'canceled'].includes(j.status)) done(seen); },
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
  const states = progressing();
  // the stream is refused (503, as when the instance's streams are all taken); jobs are answered
  const backend = await server((req, res) => {
    if (req.url.endsWith('/events')) return sendProblem(res, 503, { error_type: 'resource_limit', message: 'Busy.' });
    states(req, res);
  });
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
  // a silence allowance longer than the test: only the stream's error can send the watcher to polling
  const seen = await watch(api, job('w1'), { EventSource, silenceMs: 60_000 });
  assert.deepEqual(streamsOpened(backend), ['/api/v1/jobs/w1/events']);
  assert.equal(backend.requests[0].headers.accept, 'text/event-stream', 'a real EventSource asked for the stream');
  assert.deepEqual(seen, ['queued', 'running', 'succeeded']);
  assert.equal(backend.countOf('/api/v1/jobs/w1'), 3);
});

test('job snapshots from the stream are applied without polling', async () => {
  const backend = await server((req, res) => {
    if (!req.url.endsWith('/events')) return sendJson(res, 200, job('w2'));
    const stream = eventStream(res);
    stream.send(job('w2', { status: 'running', progress: 0.2 }));
    stream.send(job('w2', { status: 'succeeded' }));
    stream.end(); // as the backend does after the terminal snapshot
  });
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
  const seen = await watch(api, job('w2'), { EventSource });
  assert.deepEqual(seen, ['running', 'succeeded']);
  assert.equal(backend.countOf('/api/v1/jobs/w2'), 0);
  assert.deepEqual(streamsOpened(backend), ['/api/v1/jobs/w2/events']);
});

test('a stream the backend ends before the job (its maximum duration) is followed by polling', async () => {
  const states = progressing();
  const backend = await server((req, res) => {
    if (!req.url.endsWith('/events')) return states(req, res);
    const stream = eventStream(res);
    stream.send(job('w1', { status: 'queued', position: 2 }));
    setTimeout(() => stream.end(), 50);
  });
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
  const seen = await watch(api, job('w1'), { EventSource, silenceMs: 60_000 });
  assert.deepEqual(seen, ['queued', 'queued', 'running', 'succeeded'], 'the stream\'s snapshot, then the polls');
  assert.deepEqual(streamsOpened(backend), ['/api/v1/jobs/w1/events'], 'the ended stream is not opened again on the same backend');
});

test('a job that disappeared (404) ends the watch', async () => {
  const backend = await server((req, res) => sendProblem(res, 404, { error_type: 'not_found', message: 'Gone.' }));
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
  assert.deepEqual(await watch(api, job('w3'), { EventSource: undefined }), ['gone']);
});

test('a stream that misses its heartbeats is left for the other backend, without losing the progress', async () => {
  // hung: its stream sends one snapshot and then nothing, and a poll sent there would stall
  const primary = await server((req, res) => {
    if (req.url.endsWith('/events')) eventStream(res).send(job('w5', { status: 'running', progress: 0.3 }));
  });
  const fallback = await server((req, res) => {
    if (!req.url.endsWith('/events')) return sendJson(res, 200, job('w5', { status: 'running', progress: 0.6 }));
    const stream = eventStream(res);
    stream.send(job('w5', { status: 'running', progress: 0.8 }));
    stream.send(job('w5', { status: 'succeeded', progress: 1 }));
    stream.end();
  });
  const failovers = [];
  const api = createApiClient({ ...CLIENT, primaryUrl: primary.url, fallbackUrl: fallback.url,
    hooks: { onFailover: (e) => failovers.push(e) } });
  const progress = [];
  const seen = await watch(api, job('w5'), { EventSource, silenceMs: 300 }, 10_000, (j) => progress.push(j.progress));

  assert.deepEqual(streamsOpened(primary), ['/api/v1/jobs/w5/events']);
  assert.deepEqual(streamsOpened(fallback), ['/api/v1/jobs/w5/events']);
  assert.deepEqual(seen, ['running', 'running', 'running', 'succeeded'], 'stream 0.3, poll 0.6, stream 0.8, done');
  assert.deepEqual(progress, [0.3, 0.6, 0.8, 1], 'no step back: each snapshot at least as far as the one before');
  assert.equal(primary.countOf('/api/v1/jobs/w5'), 0, 'the poll after the silence went straight to the fallback');
  assert.equal(fallback.countOf('/api/v1/jobs/w5'), 1);
  assert.deepEqual(failovers, [{ from: 'primary', to: 'fallback', reason: 'silent' }]);
  assert.equal(api.currentBackend().name, 'fallback', 'the silent backend waits behind the other for the cooldown');
});

test('heartbeats keep a quiet stream alive: no poll, no second stream', async () => {
  const backend = await server((req, res) => {
    if (!req.url.endsWith('/events')) return sendJson(res, 200, job('w6'));
    const stream = eventStream(res);
    // the same snapshot again every 100 ms (a heartbeat), well inside the 1 s silence allowance
    const heartbeat = setInterval(() => stream.send(job('w6', { status: 'running', progress: 0.5 })), 100);
    setTimeout(() => { clearInterval(heartbeat); stream.send(job('w6', { status: 'succeeded' })); stream.end(); }, 1500);
    res.on('close', () => clearInterval(heartbeat));
  });
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
  const seen = await watch(api, job('w6'), { EventSource, silenceMs: 1000 }, 10_000);
  assert.ok(seen.length > 2, `heartbeats were delivered: ${seen}`);
  assert.equal(seen.at(-1), 'succeeded');
  assert.deepEqual(streamsOpened(backend), ['/api/v1/jobs/w6/events']);
  assert.equal(backend.countOf('/api/v1/jobs/w6'), 0);
});

test('a stream silent on the only backend ends in polling there', async () => {
  const states = progressing();
  const backend = await server((req, res) => {
    if (req.url.endsWith('/events')) return eventStream(res); // open, and never a word
    states(req, res);
  });
  const api = createApiClient({ ...CLIENT, primaryUrl: backend.url });
  const seen = await watch(api, job('w1'), { EventSource, silenceMs: 100 });
  assert.deepEqual(seen, ['queued', 'running', 'succeeded']);
  assert.deepEqual(streamsOpened(backend), ['/api/v1/jobs/w1/events'], 'no new stream on the backend that went silent');
});
