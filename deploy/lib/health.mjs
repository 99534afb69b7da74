// `health`: polls each deployed backend's /q/health/ready and /api/v1/health until both answer
// 200 or the time is up (a free-tier backend may need a minute to wake), and the static site's
// /config.js until it names the primary. Then asks each backend which address it takes for the
// caller (GET /api/v1/client-address), so a wrong client-address setting shows on day one.
// Needs no platform token.
import { isIP } from 'node:net';
import { flyUrl, CLIENT_ADDRESS } from './targets.mjs';

/** The things to poll, from the settings: [{ name, url, kind: 'backend'|'site' }]. */
export function healthTargets(env, targets) {
  const out = [];
  const wants = (t) => !targets || targets.includes(t);
  const fly = flyUrl(env);
  // the fallback runs on Render or on Fly
  const fallbackPlatform = env.AIART_FALLBACK_URL && ((fly && env.AIART_FALLBACK_URL.replace(/\/+$/, '') === fly) || /\.fly\.dev\/?$/.test(env.AIART_FALLBACK_URL)) ? 'fly' : 'render';
  if (wants('railway')) add('primary', env.AIART_PRIMARY_URL, 'backend', 'railway');
  if (wants('render-backend')) add('fallback', env.AIART_FALLBACK_URL, 'backend', fallbackPlatform);
  if (wants('fly') && env.FLY_APP) add('fly', fly, 'backend', 'fly');
  if (wants('render-site') && env.AIART_CORS_ORIGINS) add('site', env.AIART_CORS_ORIGINS.split(',')[0].trim(), 'site');
  return out;
  function add(name, url, kind, platform) {
    if (url && !out.some((o) => o.url === url.replace(/\/+$/, ''))) out.push({ name, url: url.replace(/\/+$/, ''), kind, ...(platform ? { platform } : {}) });
  }
}

async function probe(url, fetchImpl, timeoutMs) {
  const started = Date.now();
  try {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json, */*' } });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json, text, ms: Date.now() - started };
  } catch (err) {
    return { status: 0, error: err.name === 'TimeoutError' ? 'timeout' : (err.cause?.code ?? err.message), ms: Date.now() - started };
  }
}

/**
 * Polls until every target is healthy or `timeoutMs` passes.
 * @returns {Promise<Array<{ name, url, healthy, ready, api, detail, seconds }>>}
 */
export async function pollHealth(list, { env, timeoutMs = 300_000, intervalMs = 5_000, requestTimeoutMs = 15_000, fetch: fetchImpl = globalThis.fetch, onProgress } = {}) {
  const started = Date.now();
  const results = new Map(list.map((t) => [t.name, { ...t, healthy: false, ready: '-', api: '-', detail: '', seconds: null }]));
  for (;;) {
    await Promise.all(list.map(async (t) => {
      const r = results.get(t.name);
      if (r.healthy) return;
      if (t.kind === 'site') {
        const cfg = await probe(`${t.url}/config.js`, fetchImpl, requestTimeoutMs);
        const primary = (env.AIART_PRIMARY_URL ?? '').replace(/\/+$/, '');
        r.ready = statusText(cfg);
        const names = cfg.status === 200 && (!primary || cfg.text.includes(primary));
        r.api = cfg.status === 200 ? (names ? 'names the primary' : 'does not name AIART_PRIMARY_URL') : '-';
        r.healthy = Boolean(names);
        r.detail = cfg.status === 200 && !names ? 'config.js is from an older build: redeploy the site' : '';
      } else {
        const [ready, api] = await Promise.all([
          probe(`${t.url}/q/health/ready`, fetchImpl, requestTimeoutMs),
          probe(`${t.url}/api/v1/health`, fetchImpl, requestTimeoutMs),
        ]);
        r.ready = statusText(ready);
        r.api = statusText(api);
        const h = api.json?.health ?? api.json ?? {};
        r.detail = api.json ? [h.status, h.instance && `instance ${h.instance}`, h.version && `v${h.version}`, h.hibernating ? 'hibernating' : null, h.queue_length !== undefined ? `queue ${h.queue_length}` : null].filter(Boolean).join(', ') : (api.error ?? '');
        r.healthy = ready.status === 200 && api.status === 200;
      }
      if (r.healthy) r.seconds = Math.round((Date.now() - started) / 100) / 10;
    }));
    const all = [...results.values()];
    onProgress?.(all);
    if (all.every((r) => r.healthy) || Date.now() - started >= timeoutMs) return all;
    await new Promise((res) => setTimeout(res, Math.min(intervalMs, Math.max(0, timeoutMs - (Date.now() - started)))));
  }
}

function statusText(r) {
  return r.status ? `${r.status}${r.ms !== undefined ? ` (${r.ms} ms)` : ''}` : (r.error ?? 'no answer');
}

// ---------------------------------------------------------------------------------------------
// The visitor's address as each backend sees it (docs/DEPLOY.md, "Visitors' addresses").

/** Where each platform's client-address settings are kept, for the message that names the fix. */
const WHERE_SET = Object.freeze({
  railway: 'pushed by `sync` (or the service\'s Variables tab), then `deploy`',
  render: 'in render.yaml (the Blueprint) or the service\'s Environment tab, then `deploy`',
  fly: 'in fly.toml [env], then `fly deploy --ha=false`',
});

const settingFor = (platform) => `${Object.entries(CLIENT_ADDRESS[platform]).map(([k, v]) => `${k}=${v}`).join(' (fallback ')})`
  + ` on ${platform === 'render' ? 'Render' : platform === 'fly' ? 'Fly' : 'Railway'}, ${WHERE_SET[platform]}`;

/** Parses an IPv4 address into its four numbers, or null. */
function v4(addr) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  return m ? m.slice(1).map(Number) : null;
}

/**
 * Why an address cannot be a visitor's on the internet (a proxy's or the platform's own), or
 * null for a public address: private (10/8, 172.16/12, 192.168/16, fc00::/7), shared/CGNAT
 * (100.64/10), loopback (127/8, ::1), link-local (169.254/16, fe80::/10), unspecified.
 */
export function nonPublicKind(address) {
  const addr = String(address).trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (mapped) return nonPublicKind(mapped[1]);
  const q = v4(addr);
  if (q) {
    const [a, b] = q;
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
    if (a === 100 && b >= 64 && b <= 127) return 'shared (CGNAT)';
    if (a === 127) return 'loopback';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 0) return 'unspecified';
    return null;
  }
  if (addr === '::1') return 'loopback';
  if (addr === '::') return 'unspecified';
  if (/^f[cd][0-9a-f]{0,2}:/.test(addr)) return 'private';
  if (/^fe[89ab][0-9a-f]?:/.test(addr)) return 'link-local';
  return null;
}

/**
 * Asks each backend `samples` times which address it takes for the caller, and finds what is
 * wrong: a non-public address, an address that changes between requests, backends that
 * disagree, or an address other than `clientIp` (the caller's own, when the operator gives it).
 * A backend without the endpoint (404: an older one) is reported, not failed.
 * @returns {Promise<{ rows: Array<{ name, url, platform, address, source, mark, note }>, problems: string[] }>}
 */
export async function checkClientAddresses(list, { samples = 3, clientIp, requestTimeoutMs = 15_000, fetch: fetchImpl = globalThis.fetch } = {}) {
  const rows = [];
  const problems = [];
  for (const t of list.filter((x) => x.kind === 'backend')) {
    const row = { name: t.name, url: t.url, platform: t.platform, address: '-', source: '-', mark: '✓', note: '' };
    rows.push(row);
    const seen = [];
    for (let i = 0; i < samples; i++) {
      const r = await probe(`${t.url}/api/v1/client-address`, fetchImpl, requestTimeoutMs);
      if (r.status === 404) { row.mark = '-'; row.note = 'not checked: this backend serves no /api/v1/client-address (an older version; deploy the current one)'; break; }
      const address = r.status === 200 && typeof r.json?.address === 'string' ? r.json.address.trim() : null;
      if (!address || !isIP(address)) {
        row.mark = '✗';
        row.note = `no address: ${r.status ? `HTTP ${r.status}` : r.error}${r.status === 200 ? ` ${r.text.slice(0, 80)}` : ''}`;
        problems.push(`${t.name} (${t.url}) did not say which address it takes for yours: ${row.note}`);
        break;
      }
      seen.push({ address, source: String(r.json.source ?? '?') });
    }
    if (!seen.length) continue;
    const addresses = [...new Set(seen.map((x) => x.address))];
    const sources = [...new Set(seen.map((x) => x.source))];
    row.address = addresses.join(', ');
    row.source = sources.join(', ');
    row.stable = addresses.length === 1;
    const fix = `set ${settingFor(t.platform)}`;
    const kind = addresses.map(nonPublicKind).find(Boolean);
    const rowProblems = [];
    if (kind) rowProblems.push(`${t.name} takes ${row.address} (${row.source}) for your address: a ${kind} address, a proxy's, which every visitor would share as one allowance — ${fix}`);
    else if (addresses.length > 1) rowProblems.push(`${t.name} takes a different address at each request (${row.address}; ${row.source}): a proxy's address that varies, so a visitor's allowance starts afresh at every request — ${fix}`);
    else if (clientIp && addresses[0] !== clientIp) rowProblems.push(`${t.name} takes ${addresses[0]} (${row.source}) for your address, which is ${clientIp} — ${fix}`);
    if (rowProblems.length) { row.mark = '✗'; row.note = kind ? `a ${kind} address` : addresses.length > 1 ? 'changes between requests' : `not ${clientIp}`; }
    problems.push(...rowProblems);
  }
  // two backends that each look right but disagree: one takes a proxy's (public) address
  const settled = rows.filter((r) => r.mark === '✓' && r.stable);
  if (!clientIp && new Set(settled.map((r) => r.address)).size > 1) {
    for (const r of settled) { r.mark = '✗'; r.note = 'the backends disagree'; }
    problems.push(`the backends disagree about your address (${settled.map((r) => `${r.name} ${r.address} via ${r.source}`).join('; ')}): one takes a proxy's address. `
      + `Run \`health --client-ip <your public address>\` to see which, then ${[...new Set(settled.map((r) => r.platform))].map((p) => `set ${settingFor(p)}`).join('; or ')}`);
  }
  return { rows, problems };
}
