#!/usr/bin/env node
// Measures how long a visitor waits when the primary dies: the time from the primary's death
// to the first successful answer through the fallback, with the site's own ApiClient and
// the timeouts the site really uses (its /config.js over the ApiClient defaults).
//
//   node e2e/measure-failover.mjs [--trials 3] [--modes refused,hung]
//
// Each trial starts a fresh topology with scripts/run.sh (store, primary, fallback, site),
// warms two clients up against the primary (keep-alive connections open, as on a page that
// has been talking to it), then kills the primary — `kill -9` (connections refused) or
// `kill -STOP` (it still accepts TCP but never answers) — and at once sends, from two
// independent clients, what a visitor's page sends: a generation POST and a job-status GET.
// Results: a table on stdout and test-output/e2e/failover.json. See docs/FAILOVER.md.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { createApiClient } from '../src/api-client.js';
import { readRuntimeConfig } from '../src/runtime-config.js';
import { ensureBuilt, startSite, OUTPUT } from './harness.js';

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)));
const TRIALS = Number(args.trials ?? 3);
const MODES = (args.modes ?? 'refused,hung').split(',');
const SIGNALS = { refused: 'SIGKILL', hung: 'SIGSTOP' };

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

function client(config, failover) {
  return createApiClient({ ...config, hooks: { onFailover: () => { failover.at ??= performance.now(); } } });
}

async function trial(mode, n) {
  const site = await startSite({ name: `failover-${mode}-${n}`, env: { AIART_RATE_LIMIT_ANONYMOUS: '1000' } });
  try {
    const config = await siteConfig(site.siteUrl);
    const posterFailover = {};
    const pollerFailover = {};
    const poster = client(config, posterFailover);
    const poller = client(config, pollerFailover);
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

    const t0 = performance.now();
    site.signal('primary', SIGNALS[mode]);
    const [post, get] = await Promise.all([
      timed(() => poster.generate('text-to-image', { prompt: 'a lighthouse in a storm' }), t0, posterFailover),
      timed(() => poller.getJob(job.id), t0, pollerFailover),
    ]);
    // What the next request costs once the client knows (primary marked down for the cooldown).
    const t1 = performance.now();
    const next = await timed(() => poller.getJob(job.id), t1, pollerFailover);
    return { mode, trial: n, post, get, next, config: pick(config) };
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
      const show = (x) => `${x.ms} ms via ${x.backend ?? '—'}${x.detectMs != null ? ` (primary given up after ${x.detectMs} ms)` : ''}${x.ok ? '' : ` (FAILED: ${x.error})`}`;
      console.log(`${mode} #${n}: POST ${show(r.post)}; GET ${show(r.get)}; next GET ${show(r.next)}`);
    }
  }
  const summary = {};
  for (const mode of MODES) {
    const rs = results.filter((r) => r.mode === mode);
    summary[mode] = {
      post: stats(rs.map((r) => r.post.ms)),
      postDetect: stats(rs.map((r) => r.post.detectMs ?? NaN)),
      get: stats(rs.map((r) => r.get.ms)),
      getDetect: stats(rs.map((r) => r.get.detectMs ?? NaN)),
      next: stats(rs.map((r) => r.next.ms)),
      allServedByFallback: rs.every((r) => r.post.ok && r.get.ok && r.post.backend === 'fallback' && r.get.backend === 'fallback'),
    };
  }
  console.log('\nmode     request          min     median  max   (ms, death → first success via the fallback)');
  for (const [mode, s] of Object.entries(summary)) {
    for (const kind of ['post', 'postDetect', 'get', 'getDetect', 'next']) {
      const label = { post: 'POST generate', postDetect: '  primary left', get: 'GET job', getDetect: '  primary left', next: 'next GET' }[kind];
      console.log(`${mode.padEnd(8)} ${label.padEnd(16)} ${String(s[kind].min).padStart(6)}  ${String(s[kind].median).padStart(6)}  ${String(s[kind].max).padStart(6)}`);
    }
  }
  mkdirSync(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, 'failover.json');
  writeFileSync(file, JSON.stringify({ measuredAt: new Date().toISOString(), trials: TRIALS, summary, results }, null, 2));
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
  if (!Object.values(summary).every((s) => s.allServedByFallback)) process.exitCode = 1;
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
