// The admin API (/api/v1/admin/**, docs/OPERATIONS.md and docs/IDENTITY.md) as the dashboard
// calls it: through an ApiClient (the site's settings, failover and sign-in headers from auth.js,
// with longer reads, see createAdminClient). Changes go by POST and DELETE
// (the site's CORS policy offers browsers GET, POST and DELETE only).
import { createApiClient, HttpError } from './api-client.js';

/**
 * The admin reads are the site's heaviest queries (analytics scans the request log, page
 * events and jobs of the whole range): measured at 4.4 s for 30 days over one generated day on
 * the embedded store of a busy 2-core machine. The site's 4 s read timeout would cut them and
 * send them to the other backend, which is just as slow, so the dashboard has its own client
 * with the same failover and headers and longer reads.
 */
export const ADMIN_READ_TIMEOUT_MS = 20_000;
export const ADMIN_BUDGET_MS = 45_000;

/** An ApiClient for the dashboard: the site's settings, hooks and headers, with admin-sized timeouts. */
export function createAdminClient(config, { headers, hooks } = {}) {
  return createApiClient({
    ...config,
    readTimeoutMs: Math.max(config?.readTimeoutMs ?? 0, ADMIN_READ_TIMEOUT_MS),
    totalBudgetMs: Math.max(config?.totalBudgetMs ?? 0, ADMIN_BUDGET_MS),
    // The dashboard's reads are store aggregates that may rightly take seconds: a hedge would run
    // the same heavy query on the other backend too (docs/FAILOVER.md).
    hedge: false,
    headers,
    hooks,
  });
}

const q = (params) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};
const seg = (v) => encodeURIComponent(String(v));

/** @param {{request: Function}} api  the site's ApiClient */
export function createAdminApi(api) {
  const get = async (path) => (await api.request('GET', path)).data;
  return {
    /** Who the token says the caller is: { uid, email, admin, … } (401 without a valid sign-in). */
    me: () => get('/auth/me'),
    /** `range`: a number of UTC days, or { days } or { hours } (the last hours, one bucket per UTC hour). */
    analytics: (range) => get(`/admin/analytics${q(typeof range === 'object' && range ? { days: range.days, hours: range.hours } : { days: range })}`),
    history: (hours) => get(`/admin/metrics/history${q({ hours })}`),
    /** The store's commands a second now, per instance, against the budget: { budget, alert_share, per_second, share, instances }. */
    store: () => get('/admin/store'),
    alerts: (limit = 100) => get(`/admin/alerts${q({ limit })}`),
    errors: (limit = 50) => get(`/admin/errors${q({ limit })}`),
    queue: (limit = 20) => get(`/admin/queue${q({ limit })}`),
    cancelJob: async (id) => (await api.request('DELETE', `/admin/jobs/${seg(id)}`)).data,
    users: ({ email, before, limit = 10 } = {}) => get(`/admin/users${q({ email, before, limit })}`),
    setTier: async (uid, tier) => (await api.request('POST', `/admin/users/${seg(uid)}/tier`, { json: { tier } })).data,
    setPerMinute: async (uid, perMinute) => (await api.request('POST', `/admin/users/${seg(uid)}/overrides`, { json: { per_minute: perMinute } })).data,
    blocks: () => get('/admin/blocks'),
    block: async ({ ip, identity, minutes, reason }) => (await api.request('POST', '/admin/blocks', {
      json: { ...(ip ? { ip } : { identity }), ...(minutes ? { minutes } : {}), ...(reason ? { reason } : {}) },
    })).data,
    lift: async (identity) => (await api.request('DELETE', `/admin/blocks${q({ identity })}`)).data,
  };
}

/** 'signin' for a 401, 'forbidden' for a 403, else null: the two answers that replace the whole dashboard. */
export function accessProblem(err) {
  if (err instanceof HttpError || typeof err?.status === 'number') {
    if (err.status === 401) return 'signin';
    if (err.status === 403) return 'forbidden';
  }
  return null;
}

/** What to tell the admin about a failed call: the server's message when it sent one. */
export function problemText(err) {
  if (err instanceof HttpError && err.message) return err.message;
  if (err?.name === 'TimeoutError') return 'The server did not answer in time. Try again.';
  if (err?.name === 'NetworkError') return "We can't reach the AiArt servers right now.";
  return err?.message ? String(err.message) : 'Something went wrong.';
}
