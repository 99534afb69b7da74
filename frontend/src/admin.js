// The admin dashboard, for administrators only. Until an admin is signed in the page shows
// nothing but its gate: "sign in as an administrator" (no sign-in: no request at all) or "this
// account is not an administrator" (GET /auth/me says admin false, or a 403). Before the gate
// opens the page asks the backends nothing but /auth/me — no health, no addresses, no versions.
// Once it is open:
//  • Backends: each backend's /api/v1/health, asked directly (not through the failover
//    client: each backend's own answer is what matters), every 15 s.
//  • The admin API (/api/v1/admin/**) through the site's ApiClient (sign-in headers from
//    auth.js, failover like every call) — summary, alerts, charts (the store's commands against
//    its budget among them), queue, users, blocks and errors, refreshed every minute (snapshots
//    are taken every minute).
// Nothing is invented: every figure comes from an API answer. Markup is made by admin-views.js
// (escaped), charts by charts.js; tiers are worded by tiers.js.
import { auth, config, wakeBackend, announce, showBackend, showNotConnected } from './site.js';
import { authHeaders, authReady, currentToken } from './auth.js';
import { formatDuration } from './messages.js';
import { createAdminApi, createAdminClient, accessProblem, problemText } from './admin-api.js';
import { PERIODS, localZone, providersText } from './admin-data.js';
import { tierLabel } from './tiers.js';
import {
  alertsMarkup, blocksMarkup, blockTarget, chartsMarkup, errorsMarkup, historyNote, kpisMarkup, queueMarkup, usersMarkup,
} from './admin-views.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 15_000;
const ADMIN_REFRESH_MS = 60_000;
const TIMEOUT_MS = 4000;
const PERIOD_KEY = 'aiart.admin.period';

// The site's ApiClient settings, failover and footer indicator, with admin-sized read timeouts.
const admin = createAdminApi(createAdminClient(config, {
  headers: authHeaders,
  hooks: { onResponse: ({ backend }) => showBackend(backend), onFailover: ({ to }) => showBackend(to), onFailback: () => showBackend('primary') },
}));

const backends = [{ name: 'primary', label: 'Primary', url: config.primaryUrl }];
if (config.fallbackUrl && config.fallbackUrl !== config.primaryUrl) backends.push({ name: 'fallback', label: 'Fallback', url: config.fallbackUrl });

let timer = null;
let running = null;
let adminRunning = null;
let lastAdminLoad = 0;
let loadedPeriod = null;
let adminState = 'unknown'; // unknown | ok | signin | forbidden | error
let woken = false;
let usersQuery = {};
let period = PERIODS[localStorage.getItem(PERIOD_KEY)] ? localStorage.getItem(PERIOD_KEY) : '24h';

// ——— backends ———

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
      ['Providers', providersText(h)]);
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

async function refreshBackends() {
  const results = await Promise.all(backends.map((b) => check(b.url)));
  $('backends').replaceChildren(...backends.map((b, i) => card(b, results[i])));
  return results.filter((r) => r.state === 'healthy' || r.state === 'degraded').length;
}

// ——— admin sections ———

function showGate(state, err) {
  adminState = state;
  const gate = $('admin-gate');
  const text = $('admin-gate-text');
  $('admin-content').hidden = state !== 'ok';
  $('admin-toolbar').hidden = state !== 'ok';
  $('period').disabled = state !== 'ok';
  gate.hidden = state === 'ok';
  if (state !== 'ok') $('backends').replaceChildren(); // a signed-out admin leaves nothing behind
  gate.dataset.state = state;
  if (state === 'signin') {
    text.innerHTML = 'Sign in as an administrator to see the figures, alerts, queue, users and blocks. <a href="/signin.html">Sign in</a>';
  } else if (state === 'forbidden') {
    text.textContent = 'This account is not an administrator. Admins are made with the admin claim or by their verified e-mail in AIART_AUTH_ADMIN_EMAILS (docs/IDENTITY.md).';
  } else if (state === 'error') {
    text.textContent = `The operations figures could not be loaded: ${problemText(err)}`;
  }
}

/** Fills one section from a settled promise: markup on success, the problem in its place otherwise. */
function fill(id, settled, render) {
  const el = $(id);
  if (settled.status === 'fulfilled') el.innerHTML = render(settled.value);
  else {
    el.replaceChildren();
    const p = document.createElement('p');
    p.className = 'form-message error';
    p.textContent = `Could not load this: ${problemText(settled.reason)}`;
    el.append(p);
  }
}

async function loadAdmin() {
  if (adminRunning) return adminRunning;
  adminRunning = (async () => {
    // Only an admin's browser asks the admin API: no token → the sign-in message at once;
    // a token → GET /auth/me says whether it is an admin's (so a visitor's console stays clean).
    await authReady(); // a kept sign-in is restored first, so an admin is not told to sign in
    if (!currentToken()) {
      showGate('signin');
      if (!woken) showNotConnected(); // no backend is asked before the gate opens: none served the page
      return;
    }
    const me = await admin.me().catch((err) => ({ error: err }));
    if (me.error) { showGate(accessProblem(me.error) ?? 'error', me.error); return; }
    if (me.admin !== true) { showGate('forbidden'); return; }
    const wanted = period;
    const { hours, analytics: range } = PERIODS[wanted];
    const calls = [admin.analytics(range), admin.history(hours), admin.alerts(100), admin.queue(20), admin.blocks(), admin.errors(10), admin.users(usersQuery), admin.store()];
    const settled = await Promise.allSettled(calls);
    const denied = settled.map((s) => (s.status === 'rejected' ? accessProblem(s.reason) : null)).find(Boolean);
    if (denied) { showGate(denied); return; }
    if (settled.every((s) => s.status === 'rejected')) { showGate('error', settled[0].reason); return; }
    showGate('ok');
    if (!woken) { woken = true; wakeBackend(); } // the footer indicator, once an admin is in
    lastAdminLoad = Date.now();
    loadedPeriod = wanted;
    const [analytics, history, alerts, queue, blocks, errors, users, storeBudget] = settled;
    const now = Date.now();
    const both = analytics.status === 'fulfilled' || history.status === 'fulfilled';
    const zone = localZone();
    $('summary-range').textContent = analytics.status !== 'fulfilled' ? ''
      : Array.isArray(analytics.value.hours) ? `· ${PERIODS[wanted].label} (hour by hour, your time${zone ? `: ${zone}` : ''})`
        : `· ${PERIODS[wanted].label} (UTC days ${analytics.value.from} to ${analytics.value.to})`;
    if (both) {
      const report = analytics.status === 'fulfilled' ? analytics.value : null;
      const snaps = history.status === 'fulfilled' ? history.value : [];
      const store = storeBudget.status === 'fulfilled' ? storeBudget.value : null; // without it: no budget line, no card
      $('kpis').innerHTML = kpisMarkup(report, snaps, store);
      $('charts').innerHTML = chartsMarkup(report, snaps, { hours, now, store, timeZone: zone ?? undefined });
      $('charts-note').textContent = [
        analytics.status === 'rejected' ? `Analytics could not be loaded: ${problemText(analytics.reason)}.` : '',
        history.status === 'rejected' ? `Resource history could not be loaded: ${problemText(history.reason)}.` : '',
        storeBudget.status === 'rejected' ? `The store's budget could not be loaded: ${problemText(storeBudget.reason)}.` : '',
        historyNote(snaps),
      ].filter(Boolean).join(' ');
    } else {
      fill('charts', analytics, () => '');
    }
    fill('alerts', alerts, (v) => alertsMarkup(v, now));
    fill('queue', queue, (v) => queueMarkup(v, now));
    fill('blocks', blocks, blocksMarkup);
    fill('errors', errors, errorsMarkup);
    // a periodic refresh must not wipe an edit in progress
    if (!$('users').contains(document.activeElement)) fill('users', users, usersMarkup);
  })().catch((err) => showGate('error', err)).finally(() => { adminRunning = null; });
  return adminRunning;
}

async function refresh({ admin: withAdmin = true } = {}) {
  if (running) return running;
  running = (async () => {
    // the gate first: the backends' health (addresses, versions, providers) is for admins only
    if (withAdmin) await loadAdmin();
    if (adminState !== 'ok') return;
    const up = await refreshBackends();
    if (adminState !== 'ok') { $('backends').replaceChildren(); return; } // signed out meanwhile
    const time = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    $('admin-status').textContent = `${up} of ${backends.length} backends answering · checked at ${time} · refreshes every ${formatDuration(REFRESH_MS / 1000)} · figures for ${PERIODS[period].label}, refreshed every minute`;
  })().finally(() => { running = null; });
  return running;
}

function tick() {
  refresh({ admin: adminState !== 'signin' && adminState !== 'forbidden' && Date.now() - lastAdminLoad >= ADMIN_REFRESH_MS - 1000 });
}

function schedule() {
  clearInterval(timer);
  timer = document.hidden ? null : setInterval(tick, REFRESH_MS);
}

// ——— actions ———

async function act(messageId, work, done) {
  const message = $(messageId);
  try {
    const text = await work();
    message.classList.remove('error');
    announce(message, text);
    await done?.();
  } catch (err) {
    message.classList.add('error');
    announce(message, problemText(err));
  }
}

const reloadUsers = async () => fill('users', await Promise.allSettled([admin.users(usersQuery)]).then((s) => s[0]), usersMarkup);

$('users').addEventListener('change', (event) => {
  const select = event.target.closest('select[data-action="set-tier"]');
  if (!select) return;
  const uid = select.dataset.uid;
  act('users-message', async () => {
    const user = await admin.setTier(uid, select.value);
    return `${user.email ?? uid} is now ${tierLabel(user.tier)}.`;
  }, reloadUsers);
});

$('users').addEventListener('submit', (event) => {
  const form = event.target.closest('form[data-action="set-override"]');
  if (!form) return;
  event.preventDefault();
  const uid = form.dataset.uid;
  const value = form.querySelector('input').value.trim();
  act('users-message', async () => {
    const user = await admin.setPerMinute(uid, value === '' ? null : Number(value));
    const pm = user.rate_limit_overrides?.per_minute;
    return pm ? `${user.email ?? uid} may now create ${pm} a minute.` : `${user.email ?? uid} is back to the ${tierLabel(user.tier)} limit.`;
  }, reloadUsers);
});

$('users').addEventListener('click', (event) => {
  const more = event.target.closest('button[data-action="more-users"]');
  if (!more) return;
  usersQuery = { ...usersQuery, before: more.dataset.before };
  reloadUsers();
});

$('users-search').addEventListener('submit', (event) => {
  event.preventDefault();
  const email = $('users-email').value.trim();
  usersQuery = email ? { email } : {};
  reloadUsers();
});

$('users-all').addEventListener('click', () => {
  $('users-email').value = '';
  usersQuery = {};
  reloadUsers();
});

$('queue').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action="cancel-job"]');
  if (!button) return;
  button.disabled = true;
  act('blocks-message', async () => { await admin.cancelJob(button.dataset.id); return `Job ${button.dataset.id} canceled.`; },
    async () => fill('queue', (await Promise.allSettled([admin.queue(20)]))[0], (v) => queueMarkup(v)));
});

const reloadBlocks = async () => fill('blocks', (await Promise.allSettled([admin.blocks()]))[0], blocksMarkup);

$('blocks').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action="lift-block"]');
  if (!button) return;
  button.disabled = true;
  act('blocks-message', async () => { await admin.lift(button.dataset.identity); return `${button.dataset.identity} may create again.`; }, reloadBlocks);
});

$('block-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const target = blockTarget($('block-target').value);
  if (!target) return;
  const minutes = Number($('block-minutes').value) || undefined;
  act('blocks-message', async () => {
    const block = await admin.block({ ...target, minutes, reason: $('block-reason').value.trim() });
    $('block-form').reset();
    return `${block.identity} is blocked until ${new Date(block.until).toUTCString()}.`;
  }, reloadBlocks);
});

$('period').addEventListener('change', (event) => {
  if (!PERIODS[event.target.value]) return;
  period = event.target.value;
  try { localStorage.setItem(PERIOD_KEY, period); } catch { /* private mode */ }
  // a load already running is for the old period: load again once it is done
  loadAdmin().then(() => { if (loadedPeriod !== period) loadAdmin(); });
});

$('admin-refresh').addEventListener('click', () => refresh());
document.addEventListener('visibilitychange', () => { if (!document.hidden) tick(); schedule(); });
// a sign-in or sign-out runs the gate again, after a refresh already under way (which saw the old state)
auth.onChange(() => Promise.resolve(running).then(() => refresh()));

const chosen = document.querySelector(`#period input[value="${period}"]`);
if (chosen) chosen.checked = true;
refresh();
schedule();
