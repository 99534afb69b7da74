// A small JSON-over-HTTP client for the platform APIs: per-request timeout, retries of reads
// on 429/5xx (honouring Retry-After), errors that name the request, and --dry-run, in which
// writes are printed (secret values masked) instead of sent and reads are skipped.

export class ApiError extends Error {
  constructor(message, { status, body } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

/**
 * @param {object} options
 * @param {boolean} [options.dryRun]
 * @param {(line: string) => void} options.print   output (already redacted by the caller)
 * @param {typeof fetch} [options.fetch]
 * @param {number} [options.timeoutMs]
 * @param {number} [options.retries]  retries of reads (GET, GraphQL queries)
 */
export function createHttp({ dryRun = false, print, fetch: fetchImpl = globalThis.fetch, timeoutMs = 30_000, retries = 2, retryBaseMs = 500 } = {}) {
  /**
   * @param {string} method
   * @param {string} url
   * @param {object} [opts]
   * @param {Record<string,string>} [opts.headers]
   * @param {unknown} [opts.body]         JSON body
   * @param {unknown} [opts.shownBody]    what --dry-run prints instead of the body (masked)
   * @param {boolean} [opts.read]         a read: skipped in --dry-run, retried on 429/5xx
   * @param {string} [opts.authName]      name of the token variable, for --dry-run output
   */
  async function request(method, url, { headers = {}, body, shownBody, read = method === 'GET', authName } = {}) {
    if (dryRun) {
      if (read) return { status: 0, json: null, skipped: true };
      const shownHeaders = Object.entries(headers).map(([k, v]) => `${k}: ${/authorization|token/i.test(k) ? `<${authName ?? 'token'}>` : v}`);
      print(`  would send ${method} ${url}`);
      for (const h of shownHeaders) print(`      ${h}`);
      if (body !== undefined) print(`      ${JSON.stringify(shownBody ?? body)}`);
      return { status: 0, json: null, skipped: true };
    }
    const init = {
      method,
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    };
    for (let attempt = 0; ; attempt++) {
      let res;
      try {
        res = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        if (read && attempt < retries) { await sleep(backoff(attempt, retryBaseMs)); continue; }
        throw new ApiError(`${method} ${url}: ${err.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : err.message}`);
      }
      const text = await res.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
      if ((res.status === 429 || res.status >= 500) && read && attempt < retries) {
        await sleep(retryAfterMs(res.headers.get('retry-after')) ?? backoff(attempt, retryBaseMs));
        continue;
      }
      if (!res.ok) {
        const detail = json?.message ?? json?.error ?? (json?.errors ? JSON.stringify(json.errors) : text.slice(0, 300));
        throw new ApiError(`${method} ${url}: HTTP ${res.status}${detail ? ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail)}` : ''}`, { status: res.status, body: json ?? text });
      }
      return { status: res.status, json, text };
    }
  }
  return { request, dryRun };
}

function backoff(attempt, base) {
  const cap = base * 2 ** attempt;
  return cap / 2 + Math.random() * (cap / 2);
}

function retryAfterMs(header) {
  if (!header) return null;
  const s = Number(header);
  if (Number.isFinite(s)) return Math.min(s, 30) * 1000;
  const t = Date.parse(header);
  return Number.isFinite(t) ? Math.max(0, Math.min(t - Date.now(), 30_000)) : null;
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
