// Sign-in: the ONE module that knows about identity (DESIGN §8: Firebase JS SDK, the Auth
// emulator locally). Today it only reads the settings: without Firebase settings in
// /config.js it reports NOT_CONFIGURED; with them, that sign-in is not available yet.
// The identity work replaces the bodies marked "identity:" with the Firebase SDK and keeps
// this surface, so the pages do not change:
//
//   createAuth(config) → { configured, message, current(), onChange(fn), signIn(email, password),
//                          signUp(email, password), signOut() }
//   currentToken()     → the Firebase ID token for `Authorization: Bearer …`, or null
//   authHeaders()      → {} or { Authorization } — given to the ApiClient for every request
//
// Until then, a token can be provided by setting `window.AIART_AUTH = { token, email }`
// (e.g. from the browser console against a backend with the identity work): the ApiClient
// sends it and the gallery asks GET /api/v1/user/jobs.

export const NOT_CONFIGURED = 'Sign-in is not configured on this server.';
export const NOT_AVAILABLE = "Sign-in isn't available yet on this server. Please check back soon.";

export class AuthError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
  }
}

/** The Firebase web settings when sign-in is configured (apiKey and projectId), else null. */
export function firebaseSettings(config) {
  const f = config?.firebase;
  return f && typeof f.apiKey === 'string' && f.apiKey && typeof f.projectId === 'string' && f.projectId ? f : null;
}

/** The signed-in user's ID token, or null. identity: read it from the Firebase user. */
export function currentToken() {
  const auth = globalThis.window?.AIART_AUTH;
  return typeof auth?.token === 'string' && auth.token ? auth.token : null;
}

/** Headers that make a request come from the signed-in user ({} when signed out). */
export async function authHeaders() {
  const token = currentToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The page-facing sign-in object. */
export function createAuth(config) {
  const settings = firebaseSettings(config);
  const listeners = new Set();
  const notify = () => {
    for (const fn of listeners) { try { fn(current()); } catch { /* a listener must not break sign-in */ } }
  };
  const message = settings ? NOT_AVAILABLE : NOT_CONFIGURED;
  const unavailable = () => Promise.reject(new AuthError(message, settings ? 'not_available' : 'not_configured'));

  function current() {
    if (!currentToken()) return null;
    const email = globalThis.window?.AIART_AUTH?.email;
    return { signedIn: true, email: typeof email === 'string' ? email : null };
  }

  return {
    /** Whether this server has sign-in settings. */
    configured: !!settings,
    /** What to tell a visitor while sign-in cannot be used (null once it works). */
    message,
    current,
    onChange(fn) { listeners.add(fn); return () => listeners.delete(fn); },
    // identity: Firebase signInWithEmailAndPassword / createUserWithEmailAndPassword.
    signIn: unavailable,
    signUp: unavailable,
    async signOut() {
      // identity: Firebase signOut().
      if (globalThis.window?.AIART_AUTH) delete globalThis.window.AIART_AUTH;
      notify();
    },
  };
}
