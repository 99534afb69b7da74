// `health`: polls each deployed backend's /q/health/ready and /api/v1/health until both answer
// 200 or the time is up (a free-tier backend may need a minute to wake), and the static site's
// /config.js until it names the primary. Needs no platform token.
import { flyUrl } from './targets.mjs';

/** The things to poll, from the settings: [{ name, url, kind: 'backend'|'site' }]. */
export function healthTargets(env, targets) {
  const out = [];
  const add = (name, url, kind) => { if (url && !out.some((o) => o.url === url)) out.push({ name, url: url.replace(/\/+$/, ''), kind }); };
  const wants = (t) => !targets || targets.includes(t);
  if (wants('railway')) add('primary', env.AIART_PRIMARY_URL, 'backend');
  if (wants('render-backend')) add('fallback', env.AIART_FALLBACK_URL, 'backend');
  if (wants('fly') && env.FLY_APP) add('fly', flyUrl(env), 'backend');
  if (wants('render-site') && env.AIART_CORS_ORIGINS) add('site', env.AIART_CORS_ORIGINS.split(',')[0].trim(), 'site');
  return out;
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
