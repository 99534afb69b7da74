/**
 * AiArt ApiClient — talks to the primary backend and fails over to the fallback
 * (frontend/README.md). One ES module, no dependencies; runs in browsers and Node ≥ 20.
 *
 *   import { createApiClient } from './api-client.js';
 *   const api = createApiClient({ primaryUrl, fallbackUrl });
 *   const { data: job, backend } = await api.generate('text-to-image', { prompt: 'a fox' });
 *
 * Every request method resolves to an `ApiResult`:
 *   {
 *     data,      // parsed JSON body (null for an empty or non-JSON body)
 *     status,    // HTTP status (2xx)
 *     headers,   // the Response's Headers (RateLimit, RateLimit-Policy, …)
 *     backend,   // { name: 'primary' | 'fallback', url } — who answered
 *     response,  // the raw Response (its body has already been read)
 *   }
 * and rejects with one of:
 *   HttpError    — a non-2xx answer that is final (4xx, 500, or 502/503/504 after every
 *                  backend was tried). Fields: status, errorType, message, retryAfter
 *                  (seconds; body's retry_after, else the Retry-After header),
 *                  donationLink, title, type, problem (the raw application/problem+json
 *                  body, or null), backend, response. error_type / retry_after /
 *                  donation_link are read-only aliases.
 *   NetworkError — no backend could be reached (refused, DNS, reset, CORS…).
 *   TimeoutError — the last attempt timed out (`phase: 'attempt'`) or the overall
 *                  budget ran out (`phase: 'budget'`).
 *   AbortError   — a DOMException named 'AbortError' when the caller's signal aborted.
 *                  Never retried.
 *
 * Failover rules
 *   • Tried in order: the current backend, then the other one. A network error, a
 *     per-attempt timeout (`readTimeoutMs` for GET/HEAD, `attemptTimeoutMs` for POST and
 *     DELETE), or a 502/503/504 moves on to the next backend; any other
 *     status is final at once (400/401/403/404/409/413/415/429 → HttpError, no failover).
 *   • When every backend failed in a round, the client waits (exponential backoff with
 *     jitter) and starts another round, up to `retries` extra rounds, all inside
 *     `totalBudgetMs`. If every failure of a round was a 503 carrying `retry_after`, the
 *     servers have said when to come back: no further rounds, the HttpError is thrown.
 *   • Hedging: a read (GET/HEAD, not a result download) or a creation (generate() of a text-*
 *     kind: a POST that carries an `Idempotency-Key`) that has had no answer after the hedge
 *     delay is sent to the other backend as well; the first answer wins and the other attempt
 *     is aborted. The delay is the p95 of the last answer times of its class, clamped to
 *     `hedge.read` / `hedge.create` { floorMs, ceilingMs }; a budget (`hedge.budget`, 4 % of
 *     requests in the long run) bounds the extra requests. Uploads (image-* kinds), DELETE and other POSTs are
 *     never hedged. The attempt timeout stays the outer bound of each attempt.
 *   • A backend that failed, timed out or lost a hedge is marked down for `cooldownMs`. While the primary is down
 *     the fallback goes first. Once its cooldown has passed, the next request first
 *     probes `GET {primary}/api/v1/health`; a 200 fails back to the primary. `probe()`
 *     does the same on demand.
 *   • A POST carries an `Idempotency-Key` generated once per logical request and sent
 *     unchanged on every attempt, so a resubmission to the fallback returns the job the
 *     primary may already have created instead of making a second one.
 *   • Sign-in: the `headers` provider's Authorization goes with every request. A 401 to such a
 *     request is retried once (same Idempotency-Key) with a freshly forced token.
 *
 * Hooks (all optional, exceptions inside hooks are swallowed):
 *   onRequest({ method, url, backend, round, idempotencyKey })
 *   onResponse({ method, url, backend, status, durationMs })
 *   onFailover({ from, to, reason })   // from/to: 'primary' | 'fallback'; reason: 'network' | 'timeout' | 'http_502' | 'slow' | 'silent' | …
 *   onHedge({ method, url, from, to, delayMs })   // a hedge was sent to `to` after `delayMs` without an answer from `from`
 *   onFailback({ to: 'primary', url })
 */

export const KINDS = Object.freeze(['text-to-image', 'image-to-image', 'text-to-video', 'image-to-video']);

const API_PREFIX = '/api/v1';
const FAILOVER_STATUSES = new Set([502, 503, 504]);
const READS = new Set(['GET', 'HEAD']);
const DEFAULT_READ_TIMEOUT_MS = 4000;
const RESULT_TIMEOUT_MS = 30_000;
// Hedge delays (docs/FAILOVER.md): the p95 of recent answers, never below the floor (a healthy pair
// is not hedged for its ordinary jitter) nor above the ceiling (a hung backend costs at most the
// ceiling plus the other backend's answer: targets 1 s for a read, 1.5 s for a creation).
const DEFAULT_HEDGE = Object.freeze({
  read: Object.freeze({ floorMs: 500, ceilingMs: 800 }),
  create: Object.freeze({ floorMs: 1000, ceilingMs: 1200 }),
  budget: Object.freeze({ ratio: 0.04, burst: 3 }),
  window: 100,
});

/** A final non-2xx answer. `problem` is the parsed application/problem+json body. */
export class HttpError extends Error {
  constructor({ status, problem = null, backend = null, response = null, retryAfterHeader = null }) {
    const p = problem && typeof problem === 'object' ? problem : null;
    super(p?.message || `HTTP ${status}`);
    this.name = 'HttpError';
    this.status = status;
    this.problem = p;
    this.errorType = p?.error_type ?? null;
    this.title = p?.title ?? null;
    this.type = p?.type ?? null;
    this.retryAfter = toSeconds(p?.retry_after) ?? toSeconds(retryAfterHeader);
    this.donationLink = p?.donation_link ?? null;
    this.backend = backend;
    this.response = response;
  }

  /** snake_case aliases, as the fields are named in the problem body. */
  get error_type() { return this.errorType; }
  get retry_after() { return this.retryAfter; }
  get donation_link() { return this.donationLink; }
}

/** No backend answered: connection refused, DNS failure, reset, CORS rejection… */
export class NetworkError extends Error {
  constructor(message = 'Network error', { cause, backend = null } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = 'NetworkError';
    this.backend = backend;
  }
}

/** An attempt exceeded `attemptTimeoutMs`, or the whole request exceeded `totalBudgetMs`. */
export class TimeoutError extends Error {
  constructor(message = 'Request timed out', { phase = 'attempt', backend = null } = {}) {
    super(message);
    this.name = 'TimeoutError';
    this.phase = phase;
    this.backend = backend;
  }
}

/** True for the error a user abort produces (a DOMException or any error named AbortError). */
export function isAbortError(err) {
  return !!err && err.name === 'AbortError';
}

/**
 * @param {object} options
 * @param {string} options.primaryUrl            base URL of the primary backend (no /api/v1)
 * @param {string} [options.fallbackUrl]         base URL of the fallback backend
 * @param {typeof fetch} [options.fetch]
 * @param {number} [options.attemptTimeoutMs=8000]   per attempt of a POST or DELETE (uploads need time)
 * @param {number} [options.readTimeoutMs]           per attempt of a GET/HEAD (job status, health, limits):
 *                                                   min(4000, attemptTimeoutMs) unless given. Reads are
 *                                                   answered in milliseconds, so a hung backend is left sooner.
 * @param {number} [options.totalBudgetMs=20000]     whole logical request, retries included
 * @param {number} [options.cooldownMs=30000]        how long a failed backend stays "down"
 * @param {number} [options.retries=2]               extra rounds after every backend failed
 * @param {number} [options.backoffBaseMs=300]       first backoff; doubles every round
 * @param {number} [options.backoffMaxMs=4000]
 * @param {number} [options.probeTimeoutMs=2000]     timeout of a health probe (it delays one request per cooldown)
 * @param {() => number} [options.random=Math.random]
 * @param {() => number} [options.now=Date.now]
 * @param {() => string} [options.uuid]              Idempotency-Key generator
 * @param {object|(({ forceRefresh }?) => (object|Promise<object>))} [options.headers]  extra headers for every
 *                                               request (e.g. Authorization). A function is called for each
 *                                               request; after a 401 to a request it gave an Authorization
 *                                               header, it is called once more with { forceRefresh: true }
 *                                               and the request is retried once with what it returns.
 * @param {object|false} [options.hedge]         hedging settings, merged over the defaults: { read: { floorMs=500,
 *                                               ceilingMs=800 }, create: { floorMs=1000, ceilingMs=1200 }, budget:
 *                                               { ratio=0.04, burst=3 }, window=100 }; false turns hedging off
 * @param {object} [options.hooks]               { onRequest, onResponse, onFailover, onFailback, onHedge }
 */
export function createApiClient({
  primaryUrl,
  fallbackUrl,
  fetch: fetchImpl = globalThis.fetch,
  attemptTimeoutMs = 8000,
  readTimeoutMs = Math.min(DEFAULT_READ_TIMEOUT_MS, attemptTimeoutMs),
  totalBudgetMs = 20000,
  cooldownMs = 30000,
  retries = 2,
  backoffBaseMs = 300,
  backoffMaxMs = 4000,
  probeTimeoutMs = 2000,
  random = Math.random,
  now = Date.now,
  uuid = defaultUuid,
  headers: extraHeaders,
  hedge: hedgeOptions,
  hooks = {},
} = {}) {
  if (!primaryUrl) throw new TypeError('createApiClient: primaryUrl is required');
  if (typeof fetchImpl !== 'function') throw new TypeError('createApiClient: no fetch implementation');
  const doFetch = (...args) => fetchImpl(...args); // unbound window.fetch throws "Illegal invocation"

  const backends = [{ name: 'primary', url: trimUrl(primaryUrl), downUntil: 0, down: false }];
  if (fallbackUrl && trimUrl(fallbackUrl) !== backends[0].url) {
    backends.push({ name: 'fallback', url: trimUrl(fallbackUrl), downUntil: 0, down: false });
  }
  const [primary] = backends;
  const jobOrigins = new Map(); // job id → base URL of the backend that served it
  let servedBy = null;
  let probing = null;
  const hedging = hedgeOptions === false ? null : createHedgePolicy(hedgeOptions);

  const emit = (name, payload) => {
    const fn = hooks?.[name];
    if (typeof fn !== 'function') return;
    try { fn(payload); } catch { /* a hook must never break a request */ }
  };
  const info = (b) => ({ name: b.name, url: b.url });

  function markDown(b) {
    b.down = true;
    b.downUntil = now() + cooldownMs;
  }

  function markUp(b) {
    const wasDown = b.down;
    b.down = false;
    b.downUntil = 0;
    if (wasDown && b === primary) emit('onFailback', { to: 'primary', url: b.url });
  }

  /** Backends in the order the next request tries them. */
  function order() {
    for (const b of backends) {
      // The fallback needs no probe: its mark only orders it behind the primary.
      if (b !== primary && b.down && now() >= b.downUntil) { b.down = false; b.downUntil = 0; }
    }
    if (primary.down && backends.length > 1) return [...backends.slice(1), primary];
    return [...backends];
  }

  /** Probe the primary's health; fail back to it when it answers 200. */
  function probe() {
    if (probing) return probing;
    probing = (async () => {
      try {
        const res = await doFetch(primary.url + API_PREFIX + '/health', {
          method: 'GET',
          headers: { Accept: 'application/json' },
          signal: AbortSignal.timeout(probeTimeoutMs),
          cache: 'no-store',
        });
        try { await res.body?.cancel(); } catch { /* ignore */ }
        if (res.status === 200) {
          markUp(primary);
          return true;
        }
      } catch { /* unreachable: stays down */ }
      if (primary.down) primary.downUntil = now() + cooldownMs;
      return false;
    })().finally(() => { probing = null; });
    return probing;
  }

  async function maybeFailback() {
    if (primary.down && backends.length > 1 && now() >= primary.downUntil) await probe();
  }

  /**
   * One logical request with failover, retries and budget.
   * @param {string} method
   * @param {string} path      path below /api/v1 (e.g. '/jobs/abc') or an absolute /api/… path
   * @param {object} [opts]    { json, body, headers, signal, idempotencyKey (false: none), hedge (false: never;
   *                           'create': a POST that may be hedged — only when it carries an Idempotency-Key
   *                           the backend honours), budgetMs, attemptTimeoutMs
   *                           (per attempt, instead of the read/write default), as: 'json' | 'blob' (a 2xx
   *                           body as a Blob in `data`), cache (fetch's cache mode, 'no-store' unless given),
   *                           anonymous (true: without the `headers` provider's, e.g. sign-in, headers) }
   * @returns {Promise<ApiResult>}
   */
  async function request(method, path, opts = {}) {
    method = method.toUpperCase();
    // `idempotencyKey: false` sends none (such a POST is never hedged).
    const idempotencyKey = method === 'POST' && opts.idempotencyKey !== false ? (opts.idempotencyKey || uuid()) : null;
    const provided = opts.anonymous ? {} : await providedHeaders();
    try {
      return await send(method, path, opts, provided, idempotencyKey);
    } catch (err) {
      // A signed-in request refused with 401: the token may have just expired or been revoked.
      // Ask the header provider once more with a forced refresh, and retry once.
      if (!(err instanceof HttpError && err.status === 401) || !hasAuthorization(provided)
          || hasAuthorization(opts.headers) || typeof extraHeaders !== 'function') throw err;
      const refreshed = await providedHeaders({ forceRefresh: true });
      if (!hasAuthorization(refreshed)) throw err;
      return send(method, path, opts, refreshed, idempotencyKey);
    }
  }

  async function providedHeaders(options) {
    if (typeof extraHeaders === 'function') return { ...(await extraHeaders(options)) };
    return { ...extraHeaders };
  }

  async function send(method, path, opts, provided, idempotencyKey) {
    const { json, body: rawBody, signal, budgetMs = totalBudgetMs, as = 'json', cache = 'no-store' } = opts;
    const deadline = now() + budgetMs;
    const perAttemptMs = opts.attemptTimeoutMs ?? (READS.has(method) ? readTimeoutMs : attemptTimeoutMs);
    const fullPath = path.startsWith('/api/') ? path : API_PREFIX + (path.startsWith('/') ? path : '/' + path);

    throwIfAborted(signal);
    await maybeFailback();
    throwIfAborted(signal);

    const headers = { Accept: 'application/json, application/problem+json', ...provided, ...opts.headers };
    let body = rawBody;
    if (json !== undefined) {
      body = JSON.stringify(json);
      headers['Content-Type'] = 'application/json';
    }
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

    const hedgeClass = hedgeClassOf(method, opts, headers);
    hedging?.earn(hedgeClass);
    let lastError = null;
    let lastHttpError = null;
    for (let round = 0; round <= retries; round++) {
      if (round > 0) {
        const delay = backoffDelay(round);
        if (now() + delay >= deadline) break;
        await sleep(delay, signal);
      }
      const tried = order();
      let allSaidRetryAfter = true;
      // The round's attempts: the first backend, then the next one when an attempt fails or — for
      // a hedgeable request — when the first has had no answer by the hedge delay. Several may be
      // in flight; the first answer wins and the others are aborted.
      const running = new Map(); // index in `tried` → { controller, promise }
      let next = 0;
      const launch = () => {
        const i = next++;
        const b = tried[i];
        const remaining = deadline - now();
        if (remaining <= 0) {
          if (running.size) return false; // the attempt in flight may still answer
          throw lastHttpError ?? lastError ?? new TimeoutError('The request ran out of time', { phase: 'budget', backend: info(b) });
        }
        const controller = new AbortController();
        const promise = attempt(b, method, fullPath, headers, body, signal, Math.min(perAttemptMs, remaining), round, idempotencyKey, { as, cache, cancel: controller.signal })
          .then((outcome) => ({ i, outcome }));
        running.set(i, { controller, promise });
        return true;
      };
      const cancelAll = () => {
        for (const r of running.values()) r.controller.abort();
        running.clear();
      };
      launch();
      let hedgeTimer = null;
      let hedgeDue = null;
      const hedgeDelayMs = hedgeClass && tried.length > 1 ? hedging.delay(hedgeClass) : null;
      if (hedgeDelayMs != null && hedgeDelayMs < perAttemptMs) {
        hedgeDue = new Promise((resolve) => { hedgeTimer = setTimeout(() => resolve({ hedge: true }), hedgeDelayMs); });
      }
      let refusal = null; // a 429 while another attempt was still in flight
      try {
        while (running.size) {
          const waiting = [...running.values()].map((r) => r.promise);
          const got = await Promise.race(hedgeDue && next < tried.length ? [...waiting, hedgeDue] : waiting);
          if (got.hedge) {
            hedgeDue = null;
            if (!hedging.spend()) continue; // over the hedge budget: this request waits out its attempt
            const from = tried[[...running.keys()][0]];
            const to = tried[next];
            if (launch()) emit('onHedge', { method, url: to.url + fullPath, from: from.name, to: to.name, delayMs: hedgeDelayMs });
            continue;
          }
          const { i, outcome } = got;
          running.delete(i);
          const b = tried[i];
          if (outcome.answeredMs != null) hedging?.record(hedgeClass, outcome.answeredMs);
          if (outcome.result) {
            // Attempts started before this one and still silent lost the race: that backend is
            // slow now, so it goes behind the other for the cooldown, as a failed one does.
            for (const j of running.keys()) {
              if (j < i) {
                markDown(tried[j]);
                emit('onFailover', { from: tried[j].name, to: b.name, reason: 'slow' });
              }
            }
            cancelAll();
            markUp(b);
            servedBy = info(b);
            rememberJob(outcome.result.data, b);
            return outcome.result;
          }
          const err = outcome.error;
          if (!outcome.retryable && err instanceof HttpError && err.status === 429 && running.size) {
            // A hedge's refusal for the caller's allowance may only mean that the other attempt took
            // the last token for this very request: wait for that attempt, which may hold the job.
            refusal ??= err;
            continue;
          }
          if (!outcome.retryable) {
            cancelAll();
            if (err instanceof HttpError) { markUp(b); servedBy = info(b); }
            throw err;
          }
          lastError = err;
          if (err instanceof HttpError) lastHttpError = err;
          if (!(err instanceof HttpError && err.status === 503 && err.retryAfter != null)) allSaidRetryAfter = false;
          markDown(b);
          const inFlight = [...running.keys()][0];
          if (inFlight != null) {
            emit('onFailover', { from: b.name, to: tried[inFlight].name, reason: outcome.reason });
          } else if (next < tried.length) {
            emit('onFailover', { from: b.name, to: tried[next].name, reason: outcome.reason });
            launch();
          }
        }
        if (refusal) throw refusal; // the other attempt failed too: the refusal is the answer
      } finally {
        clearTimeout(hedgeTimer);
        cancelAll();
      }
      if (allSaidRetryAfter && lastHttpError) break;
    }
    // Prefer an answer the user can read (a 503 with a message) over a bare network error.
    throw lastHttpError ?? lastError ?? new NetworkError('No backend available');
  }

  /** 'read', 'create' or null (never hedged): which hedge delay applies to a request. */
  function hedgeClassOf(method, opts, headers) {
    if (!hedging || opts.hedge === false) return null;
    if (READS.has(method)) return opts.as === 'blob' ? null : 'read';
    // A creation may go to both backends only because both return the one job its key names.
    if (method === 'POST' && opts.hedge === 'create' && headers['Idempotency-Key']) return 'create';
    return null;
  }

  async function attempt(b, method, fullPath, headers, body, signal, timeoutMs, round, idempotencyKey, { as, cache, cancel }) {
    const url = b.url + fullPath;
    const timeout = AbortSignal.timeout(Math.max(1, timeoutMs));
    const combined = anySignal([signal, timeout, cancel].filter(Boolean));
    const started = now();
    emit('onRequest', { method, url, backend: b.name, round, idempotencyKey });
    let response;
    try {
      response = await doFetch(url, { method, headers, body, signal: combined, cache });
      const data = as === 'blob' && response.ok ? await response.blob() : await readBody(response);
      const answeredMs = now() - started;
      emit('onResponse', { method, url, backend: b.name, status: response.status, durationMs: answeredMs });
      if (response.ok) {
        return { answeredMs, result: { data, status: response.status, headers: response.headers, backend: info(b), response } };
      }
      const error = new HttpError({
        status: response.status,
        problem: data,
        backend: info(b),
        response,
        retryAfterHeader: response.headers.get('Retry-After'),
      });
      if (FAILOVER_STATUSES.has(response.status)) return { answeredMs, error, retryable: true, reason: `http_${response.status}` };
      return { answeredMs, error, retryable: false };
    } catch (cause) {
      if (signal?.aborted) return { error: abortError(signal), retryable: false };
      if (cancel?.aborted) return { error: new DOMException('Another attempt answered first', 'AbortError'), retryable: false };
      if (timeout.aborted || cause?.name === 'TimeoutError') {
        return { error: new TimeoutError(`${b.name} did not answer in ${timeoutMs} ms`, { backend: info(b) }), retryable: true, reason: 'timeout' };
      }
      return { error: new NetworkError(`${b.name} is unreachable`, { cause, backend: info(b) }), retryable: true, reason: 'network' };
    }
  }

  function backoffDelay(round) {
    const exp = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (round - 1));
    return Math.round(exp / 2 + random() * (exp / 2)); // "equal jitter": [exp/2, exp]
  }

  function rememberJob(data, b) {
    if (data && typeof data === 'object' && typeof data.id === 'string' && data.links) {
      jobOrigins.set(data.id, b.url);
      if (jobOrigins.size > 200) jobOrigins.delete(jobOrigins.keys().next().value);
    }
  }

  function jobPath(id) {
    if (!id || typeof id !== 'string') throw new TypeError('job id required');
    return '/jobs/' + encodeURIComponent(id);
  }

  /** Absolute URL of a job link (links.result, links.events…) on the backend that served the job. */
  function jobLinkUrl(job, link) {
    const href = job?.links?.[link];
    if (!href) return null;
    const base = jobOrigins.get(job.id) ?? servedBy?.url ?? order()[0].url;
    return new URL(href, base + '/').href;
  }

  return {
    request,
    probe,

    /**
     * Start a generation. `body`: for text-* a plain object sent as JSON; for image-*
     * a FormData, or a plain object whose `image` is a Blob/File (sent as multipart).
     * @param {'text-to-image'|'image-to-image'|'text-to-video'|'image-to-video'} kind
     */
    generate(kind, body, opts = {}) {
      if (!KINDS.includes(kind)) throw new TypeError(`unknown generation kind: ${kind}`);
      const path = '/generate/' + kind;
      if (kind.startsWith('image-')) {
        // Never hedged: an upload's answer time is mostly the upload itself, so a hedge would send
        // up to 10 MB twice over the same slow line and slow both (docs/FAILOVER.md).
        return request('POST', path, { ...opts, body: toFormData(body) });
      }
      return request('POST', path, { hedge: 'create', ...opts, json: body ?? {} });
    },
    getJob: (id, opts) => request('GET', jobPath(id), opts),
    cancelJob: (id, opts) => request('DELETE', jobPath(id), opts),
    health: (opts) => request('GET', '/health', opts),
    limits: (opts) => request('GET', '/limits', opts),

    /**
     * A succeeded job's result as a Blob (`data`), with failover like every other call: results
     * are in the shared store, so either backend serves them. Sent without the sign-in header
     * (holding the job id is the permission, docs/GENERATION.md) and through the browser's cache
     * (a result never changes, and was usually just shown); 30 s an attempt, for a video on a
     * slow line.
     */
    result(job, opts = {}) {
      const link = job?.links?.result ?? job?.result?.url;
      if (!link || typeof link !== 'string') throw new TypeError('the job has no result yet');
      const path = new URL(link, 'http://backend/').pathname; // links are paths; an absolute one is read as its path
      return request('GET', path, {
        attemptTimeoutMs: RESULT_TIMEOUT_MS, budgetMs: Math.max(totalBudgetMs, 3 * RESULT_TIMEOUT_MS), ...opts,
        headers: { Accept: '*/*', ...opts.headers }, as: 'blob', cache: 'default', anonymous: true,
      });
    },

    /** Absolute URL of `job.links.result` on the backend that served the job (null until it has one). */
    resultUrl: (job) => jobLinkUrl(job, 'result'),
    /** Absolute URL of `job.links.events` (Server-Sent Events) on the backend that served the job. */
    eventsUrl: (job) => jobLinkUrl(job, 'events'),

    /**
     * Tells the client that a backend serving `url` went silent where it should have spoken (a
     * live-status stream that missed its heartbeats): it waits behind the other for the cooldown,
     * as a backend that timed out does. Returns whether `url` belonged to a backend.
     */
    reportSlow(url) {
      const b = backends.find((x) => typeof url === 'string' && (url === x.url || url.startsWith(x.url + '/')));
      if (!b || backends.length < 2) return !!b;
      const wasFirst = order()[0] === b;
      markDown(b);
      if (wasFirst) emit('onFailover', { from: b.name, to: order()[0].name, reason: 'silent' });
      return true;
    },

    /** The backend the next request goes to first: { name, url }. */
    currentBackend: () => info(order()[0]),
    /** The backend that answered the last request, or null before any answer. */
    get servedBy() { return servedBy; },
    /** Snapshot of every backend and whether it is marked down. */
    backends: () => backends.map((b) => ({ ...info(b), down: b.down, downUntil: b.downUntil })),
  };
}

/**
 * When to hedge: per class ('read', 'create') the p95 of the last `window` answer times, clamped
 * to [floorMs, ceilingMs] (the ceiling with no answer yet), and a budget that lets hedges be at
 * most `budget.ratio` of requests plus a `budget.burst` (a token bucket: every hedgeable request
 * earns `ratio` tokens, a hedge spends one). Exported for tests that replay a day of answer times.
 */
export function createHedgePolicy(options = {}) {
  const cls = (name) => ({ ...DEFAULT_HEDGE[name], ...options[name] });
  const classes = { read: cls('read'), create: cls('create') };
  const budget = { ...DEFAULT_HEDGE.budget, ...options.budget };
  const window = options.window ?? DEFAULT_HEDGE.window;
  const samples = { read: [], create: [] };
  let tokens = budget.burst;
  return {
    delay(name) {
      const { floorMs, ceilingMs } = classes[name];
      const s = samples[name];
      if (!s.length) return ceilingMs;
      const sorted = [...s].sort((a, b) => a - b);
      const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
      return Math.min(ceilingMs, Math.max(floorMs, p95));
    },
    record(name, ms) {
      if (!samples[name] || !Number.isFinite(ms)) return;
      samples[name].push(ms);
      if (samples[name].length > window) samples[name].shift();
    },
    earn(name) {
      if (name) tokens = Math.min(budget.burst, tokens + budget.ratio);
    },
    spend() {
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

// ——— helpers ———

async function readBody(response) {
  if (response.status === 204 || response.status === 205) return null;
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text();
  if (!text) return null;
  if (/[/+]json\b/i.test(type) || /^\s*[[{]/.test(text)) {
    try { return JSON.parse(text); } catch { return null; }
  }
  return null;
}

function toFormData(body) {
  if (typeof FormData !== 'undefined' && body instanceof FormData) return body;
  const form = new FormData();
  for (const [key, value] of Object.entries(body ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof Blob !== 'undefined' && value instanceof Blob) form.append(key, value, value.name || key);
    else form.append(key, String(value));
  }
  return form;
}

function hasAuthorization(headers) {
  return !!headers && Object.keys(headers).some((k) => k.toLowerCase() === 'authorization' && headers[k]);
}

function toSeconds(v) {
  if (v == null || v === '') return null;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const date = Date.parse(v); // Retry-After may be an HTTP date
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function trimUrl(url) {
  return String(url).trim().replace(/\/+$/, '');
}

function abortError(signal) {
  const reason = signal?.reason;
  if (isAbortError(reason)) return reason;
  const err = new DOMException('The request was aborted', 'AbortError');
  if (reason !== undefined) err.cause = reason;
  return err;
}

/** One signal that aborts with the first of `signals` (AbortSignal.any, or by hand where it is missing). */
function anySignal(signals) {
  if (signals.length === 1) return signals[0];
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) { controller.abort(s.reason); break; }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

function throwIfAborted(signal) {
  if (signal?.aborted) throw abortError(signal);
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => { clearTimeout(timer); reject(abortError(signal)); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function defaultUuid() {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // Plain-http pages outside localhost have no randomUUID: build a v4 UUID by hand.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
