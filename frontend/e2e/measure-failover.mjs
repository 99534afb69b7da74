#!/usr/bin/env node
// Measures how long a visitor waits when the primary dies: the time from the primary's death
// to the first successful answer through the fallback, with the site's own ApiClient and
// the timeouts the site really uses (its /config.js over the ApiClient defaults).
//
//   node e2e/measure-failover.mjs [--trials 3] [--modes refused,hung,stream]
//
// Each trial starts a fresh topology with scripts/run.sh (store, primary, fallback, site),
// warms two clients up against the primary (keep-alive connections open, as on a page that
// has been talking to it), then kills the primary — `kill -9` (connections refused) or
// `kill -STOP` (it still accepts TCP but never answers) — and at once sends, from two
// independent clients, what a visitor's page sends: a generation POST and a job-status GET.
// Before the kill, the same clients send a burst of ordinary traffic to the healthy pair and
// count the extra requests hedging added. Mode `stream` follows a long job over a live-status
// stream on the primary (the site's job-watcher.js, over a small fetch-based EventSource),
// stops the primary, and times until the stream has moved to the fallback.
// Results: a table on stdout and test-output/e2e/failover.json. See docs/FAILOVER.md.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { createApiClient } from '../src/api-client.js';
import { readRuntimeConfig } from '../src/runtime-config.js';
import { watchJob } from '../src/job-watcher.js';
import { ensureBuilt, startSite, OUTPUT } from './harness.js';

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)));
const TRIALS = Number(args.trials ?? 3);
const MODES = (args.modes ?? 'refused,hung,stream').split(',');
const SIGNALS = { refused: 'SIGKILL', hung: 'SIGSTOP', stream: 'SIGSTOP' };
const HEALTHY_READS = 60;
const HEALTHY_CREATIONS = 10;

/** The config the site serves, exactly as a browser would read it. */
async function siteConfig(siteUrl) {
  const text = await (await fetch(`${siteUrl}/config.js`)).text();
  const sandbox = { window: {} };
  vm.runInNewContext(text, sandbox);
  return readRuntimeConfig(sandbox.window.AIART_CONFIG);
}

/** Runs one request; `ms` from `t0`, `detectMs` when the client gave up on the primary. */
async function timed(fn, t0, failover) {
  failover.at = null;
  try {
    const result = await fn();
    return { ms: Math.round(performance.now() - t0), detectMs: failover.at == null ? null : Math.round(failover.at - t0), backend: result.backend.name, ok: true };
  } catch (err) {
    return { ms: Math.round(performance.now() - t0), detectMs: null, backend: err.backend?.name ?? null, ok: false, error: `${err.name}: ${err.message}` };
  }
}

function client(config, failover, counts = {}) {
  const left = () => { failover.at ??= performance.now(); };
  return createApiClient({ ...config, hooks: {
    onFailover: left, onHedge: left, // a hedge is the moment the client stops waiting for the primary alone
    onRequest: () => { counts.sent = (counts.sent ?? 0) + 1; },
  } });
}

/** Ordinary traffic on the healthy pair: how many requests hedging added, in %. */
async function healthyExtra(poster, poller, counts, jobId) {
  const before = counts.sent ?? 0;
  for (let i = 0; i < HEALTHY_READS; i++) await poller.getJob(jobId);
  for (let i = 0; i < HEALTHY_CREATIONS; i++) await poster.generate('text-to-image', { prompt: `a quiet street number ${i}` });
  const logical = HEALTHY_READS + HEALTHY_CREATIONS;
  return { logical, sent: counts.sent - before, extraPct: Math.round(((counts.sent - before - logical) / logical) * 1000) / 10 };
}

/** Just enough of EventSource for job-watcher.js in Node 20 (which has none): fetch + text/event-stream. */
function fetchEventSource(onOpenUrl) {
  return class {
    constructor(url) {
      this.url = url;
      this.controller = new AbortController();
      onOpenUrl(url, this);
      this.run().catch(() => { if (!this.controller.signal.aborted) this.onerror?.(new Event('error')); });
    }
    async run() {
      const res = await fetch(this.url, { headers: { Accept: 'text/event-stream' }, signal: this.controller.signal });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, cut).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          buffer = buffer.slice(cut + 2);
          if (data) { this.lastEventAt = performance.now(); this.onmessage?.({ data }); }
        }
      }
      throw new Error('stream ended');
    }
    addEventListener() {}
    close() { this.controller.abort(); }
  };
}

/** Mode `stream`: a job followed over SSE on the primary; the primary stops; when does the stream move? */
async function streamTrial(n) {
  const site = await startSite({ name: `failover-stream-${n}`, env: { AIART_RATE_LIMIT_ANONYMOUS: '1000', AIART_LOCAL_DELAY: '60s' } });
  let watcher;
  try {
    const config = await siteConfig(site.siteUrl);
    const api = client(config, {});
    await api.health();
    const { data: job, backend } = await api.generate('text-to-image', { prompt: 'a slow sunrise over the sea' });
    if (backend.name !== 'primary') throw new Error('warm-up was not served by the primary');
    const streams = [];
    const ES = fetchEventSource((url, source) => streams.push({ url, source, openedAt: performance.now() }));
    watcher = watchJob(api, job, { onUpdate: () => {} }, { EventSource: ES });
    // the stream on the primary is live: wait for two events (the first snapshot and a heartbeat)
    const liveBy = performance.now() + 15_000;
    let events = 0;
    while (events < 2 && performance.now() < liveBy) {
      const before = streams[0]?.source.lastEventAt;
      await new Promise((r) => setTimeout(r, 100));
      if (streams[0]?.source.lastEventAt !== before) events++;
    }
    const t0 = performance.now();
    site.signal('primary', 'SIGSTOP');
    const deadline = t0 + 20_000;
    let moved = null;
    while (!moved && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      const s = streams.find((x) => x.url.startsWith(site.fallbackUrl) && x.source.lastEventAt);
      if (s) moved = s.source.lastEventAt;
    }
    const ms = moved ? Math.round(moved - t0) : null;
    return { mode: 'stream', trial: n, stream: { ms, ok: ms != null, backend: moved ? 'fallback' : null, opened: streams.map((x) => x.url) } };
  } finally {
    watcher?.stop();
    await site.stop();
  }
}

async function trial(mode, n) {
  if (mode === 'stream') return streamTrial(n);
  const site = await startSite({ name: `failover-${mode}-${n}`, env: { AIART_RATE_LIMIT_ANONYMOUS: '1000' } });
  try {
    const config = await siteConfig(site.siteUrl);
    const posterFailover = {};
    const pollerFailover = {};
    const counts = {};
    const poster = client(config, posterFailover, counts);
    const poller = client(config, pollerFailover, counts);
    // Warm-up: both clients have talked to the primary, as a page open for a while has.
    await poster.health();
    const { data: job, backend } = await poster.generate('text-to-image', { prompt: 'a harbour at dawn, warm light' });
    if (backend.name !== 'primary') throw new Error('warm-up was not served by the primary');
    await poller.getJob(job.id);
    await poller.health();
    // The fallback has served before (as after its own health checks and earlier visitors),
    // so its first-request warm-up does not count as failover time.
    await fetch(`${site.fallbackUrl}/api/v1/jobs/${job.id}`);
    await fetch(`${site.fallbackUrl}/api/v1/generate/text-to-image`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ prompt: 'warm-up' }) });

    const healthy = await healthyExtra(poster, poller, counts, job.id);
    posterFailover.at = null;
    pollerFailover.at = null;

    const t0 = performance.now();
    site.signal('primary', SIGNALS[mode]);
    const [post, get] = await Promise.all([
      timed(() => poster.generate('text-to-image', { prompt: 'a lighthouse in a storm' }), t0, posterFailover),
      timed(() => poller.getJob(job.id), t0, pollerFailover),
    ]);
    // What the next request costs once the client knows (primary marked down for the cooldown).
    const t1 = performance.now();
    const next = await timed(() => poller.getJob(job.id), t1, pollerFailover);
    return { mode, trial: n, post, get, next, healthy, config: pick(config) };
  } finally {
    await site.stop(); // SIGCONT first for a stopped primary, then the normal shutdown
  }
}

function pick(config) {
  const { attemptTimeoutMs, readTimeoutMs, totalBudgetMs, cooldownMs } = config;
  return { attemptTimeoutMs, readTimeoutMs, totalBudgetMs, cooldownMs };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
}

async function main() {
  ensureBuilt();
  const results = [];
  for (const mode of MODES) {
    for (let n = 1; n <= TRIALS; n++) {
      const r = await trial(mode, n);
      results.push(r);
      if (mode === 'stream') {
        console.log(`stream #${n}: ${r.stream.ok ? `moved to the fallback ${r.stream.ms} ms after the stop` : 'did NOT move'} (${r.stream.opened.join(' → ')})`);
        continue;
      }
      const show = (x) => `${x.ms} ms via ${x.backend ?? '—'}${x.detectMs != null ? ` (primary given up after ${x.detectMs} ms)` : ''}${x.ok ? '' : ` (FAILED: ${x.error})`}`;
      console.log(`${mode} #${n}: POST ${show(r.post)}; GET ${show(r.get)}; next GET ${show(r.next)}; healthy pair: ${r.healthy.sent} requests for ${r.healthy.logical} (+${r.healthy.extraPct} %)`);
    }
  }
  const summary = {};
  for (const mode of MODES) {
    const rs = results.filter((r) => r.mode === mode);
    if (mode === 'stream') {
      summary.stream = { moved: stats(rs.map((r) => r.stream.ms ?? NaN)), allMoved: rs.every((r) => r.stream.ok) };
      continue;
    }
    summary[mode] = {
      post: stats(rs.map((r) => r.post.ms)),
      postDetect: stats(rs.map((r) => r.post.detectMs ?? NaN)),
      get: stats(rs.map((r) => r.get.ms)),
      getDetect: stats(rs.map((r) => r.get.detectMs ?? NaN)),
      next: stats(rs.map((r) => r.next.ms)),
      healthyExtraPct: stats(rs.map((r) => r.healthy.extraPct)),
      allServedByFallback: rs.every((r) => r.post.ok && r.get.ok && r.post.backend === 'fallback' && r.get.backend === 'fallback'),
    };
  }
  console.log('\nmode     request          min     median  max   (ms, death → first success via the fallback)');
  for (const [mode, s] of Object.entries(summary)) {
    if (mode === 'stream') {
      console.log(`stream   stream moved     ${String(s.moved.min).padStart(6)}  ${String(s.moved.median).padStart(6)}  ${String(s.moved.max).padStart(6)}`);
      continue;
    }
    console.log(`${mode.padEnd(8)} healthy extra %  ${String(s.healthyExtraPct.min).padStart(6)}  ${String(s.healthyExtraPct.median).padStart(6)}  ${String(s.healthyExtraPct.max).padStart(6)}`);
    for (const kind of ['post', 'postDetect', 'get', 'getDetect', 'next']) {
      const label = { post: 'POST generate', postDetect: '  primary left', get: 'GET job', getDetect: '  primary left', next: 'next GET' }[kind];
      console.log(`${mode.padEnd(8)} ${label.padEnd(16)} ${String(s[kind].min).padStart(6)}  ${String(s[kind].median).padStart(6)}  ${String(s[kind].max).padStart(6)}`);
    }
  }
  mkdirSync(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, 'failover.json');
  writeFileSync(file, JSON.stringify({ measuredAt: new Date().toISOString(), trials: TRIALS, summary, results }, null, 2));
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
  if (!Object.entries(summary).every(([mode, s]) => (mode === 'stream' ? s.allMoved : s.allServedByFallback))) process.exitCode = 1;
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
