// A signed-in visitor's history from the backend: GET /api/v1/user/jobs. The only caller of
// that endpoint, and only when signed in (the ApiClient adds the Authorization header from
// auth.js); anonymous visitors' galleries come from this browser's localStorage (gallery-store.js).
import { authReady, currentToken } from './auth.js';

const PAGE = 100; // the endpoint's largest page; jobs are kept for the retention (7 days)
const MAX_PAGES = 3;

/**
 * @param {object} api  the ApiClient (its `headers` provider signs the request in)
 * @param {object} [options]  { signedIn: boolean (default: auth.js has a token), signal }
 * @returns {Promise<object[]|null>} the user's jobs (Job documents, newest first), or null when
 *          not signed in or when the backend refuses (the gallery then shows the local ones).
 */
export async function fetchUserJobs(api, { signedIn, signal } = {}) {
  if (signedIn === undefined) {
    await authReady();
    signedIn = !!currentToken();
  }
  if (!signedIn) return null;
  const jobs = [];
  let before = null;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = `?limit=${PAGE}${before ? `&before=${encodeURIComponent(before)}` : ''}`;
      const { data } = await api.request('GET', `/user/jobs${query}`, { signal });
      const list = Array.isArray(data?.jobs) ? data.jobs : [];
      jobs.push(...list.filter((job) => job && typeof job.id === 'string'));
      before = typeof data?.next_before === 'string' && data.next_before ? data.next_before : null;
      if (!before) break;
    }
    return jobs;
  } catch (err) {
    // Signed out elsewhere (401, after the ApiClient's one refresh) or an older backend:
    // the gallery carries on with the local entries.
    if (err?.name === 'HttpError' && [401, 403, 404, 405, 501].includes(err.status)) return null;
    throw err;
  }
}
