// A signed-in visitor's history from the backend: GET /api/v1/user/jobs (arrives with the
// identity work). The only caller of that endpoint, and only when there is a sign-in token;
// anonymous visitors' galleries come from this browser's localStorage (gallery-store.js).
import { currentToken } from './auth.js';

/**
 * @returns {Promise<object[]|null>} the user's jobs (Job documents), or null when not signed
 *          in or when this backend does not offer the endpoint yet.
 */
export async function fetchUserJobs(api, { token = currentToken(), signal } = {}) {
  if (!token) return null;
  try {
    const { data } = await api.request('GET', '/user/jobs', { signal, headers: { Authorization: `Bearer ${token}` } });
    const list = Array.isArray(data) ? data : Array.isArray(data?.jobs) ? data.jobs : Array.isArray(data?.items) ? data.items : [];
    return list.filter((job) => job && typeof job.id === 'string');
  } catch (err) {
    // Not signed in any more, or not deployed yet: the gallery carries on with local entries.
    if (err?.name === 'HttpError' && [401, 403, 404, 405, 501].includes(err.status)) return null;
    throw err;
  }
}
