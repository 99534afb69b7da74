// The admin dashboard shell: the health of each backend, asked directly (not through the
// failover client: each backend's own answer is what matters here), and clearly labelled
// placeholders for what the operations API (/api/v1/admin/**) will provide. No figures are
// invented: everything shown comes from GET /api/v1/health.
import { config, wakeBackend } from './site.js';
import { formatDuration } from './messages.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 15_000;
const TIMEOUT_MS = 4000;

const backends = [{ name: 'primary', label: 'Primary', url: config.primaryUrl }];
if (config.fallbackUrl && config.fallbackUrl !== config.primaryUrl) backends.push({ name: 'fallback', label: 'Fallback', url: config.fallbackUrl });

let timer = null;
let running = null;

/** GET {url}/api/v1/health: { state: healthy|degraded|down|unreachable, health, ms, error } */
async function check(url) {
  const started = performance.now();
  try {
    const res = await fetch(`${url.replace(/\/+$/, '')}/api/v1/health`, {
      headers: { Accept: 'application/json' }, cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const ms = Math.round(performance.now() - started);
    let body = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    const health = res.ok ? body : body?.health ?? null; // a 503 carries its figures under `health`
    const state = health?.status ?? (res.ok ? 'healthy' : 'down');
    return { state, health, ms, error: res.ok ? null : (body?.message ?? `HTTP ${res.status}`) };
  } catch (err) {
    const ms = Math.round(performance.now() - started);
    return { state: 'unreachable', health: null, ms, error: err?.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : 'connection failed' };
  }
}

function card(b, r) {
  const el = document.createElement('article');
  el.className = 'panel panel-pad backend-card';
  el.dataset.state = r.state;
  el.dataset.backend = b.name;
  const h = r.health ?? {};
  const rows = [
    ['Address', b.url],
    ['Answered in', r.state === 'unreachable' ? '—' : `${r.ms} ms`],
  ];
  if (r.health) {
    rows.push(['Instance', h.instance ?? '—'], ['Version', h.version ?? '—'],
      ['Load', Number.isFinite(h.load) ? `${Math.round(h.load * 100)} %` : '—'],
      ['Jobs waiting', Number.isFinite(h.queue_length) ? String(h.queue_length) : '—'],
      ['Hibernating', h.hibernating ? 'yes' : 'no'],
      ['Providers', h.providers ? Object.entries(h.providers).map(([k, v]) => `${k}: ${v}`).join(', ') : '—']);
  }
  if (r.error) rows.push(['Problem', r.error]);
  el.innerHTML = `<header class="backend-head"><h3></h3><span class="badge"></span></header><dl class="facts"></dl>`;
  el.querySelector('h3').textContent = b.label;
  const badge = el.querySelector('.badge');
  badge.textContent = r.state;
  badge.dataset.state = r.state;
  const dl = el.querySelector('dl');
  for (const [k, v] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    dl.append(dt, dd);
  }
  return el;
}

async function refresh() {
  if (running) return running;
  running = (async () => {
    const results = await Promise.all(backends.map((b) => check(b.url)));
    $('backends').replaceChildren(...backends.map((b, i) => card(b, results[i])));
    const queue = results.find((r) => Number.isFinite(r.health?.queue_length));
    $('queue-length').textContent = queue ? String(queue.health.queue_length) : '—';
    const up = results.filter((r) => r.state === 'healthy' || r.state === 'degraded').length;
    const time = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    $('admin-status').textContent = `${up} of ${backends.length} backends answering · checked at ${time} · refreshes every ${formatDuration(REFRESH_MS / 1000)}`;
  })().finally(() => { running = null; });
  return running;
}

function schedule() {
  clearInterval(timer);
  timer = document.hidden ? null : setInterval(refresh, REFRESH_MS);
}

$('admin-refresh').addEventListener('click', refresh);
document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); schedule(); });

refresh();
schedule();
wakeBackend(); // the footer indicator, like every page
