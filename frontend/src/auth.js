// Sign-in: the ONE module that knows about identity (frontend/README.md). It holds the Firebase JS SDK
// (`firebase/app` + `firebase/auth`, e-mail and password; the Auth emulator locally when
// config.firebase.emulatorUrl is set). The SDK is loaded on demand — a server without Firebase
// settings never downloads it — and can be injected, which is how test/auth.test.js runs it.
//
//   createAuth(config, { loadSdk }) → the page-facing session (one per page — it initialises
//                                      Firebase's default app — made by site.js):
//       { configured, message, ready, current(), onChange(fn), signIn(email, password),
//         signUp(email, password), signOut(), sendVerification(), refresh(),
//         deleteAccount(password, eraseData) }
//   currentToken()               → the last ID token Firebase gave us, or null (synchronous)
//   authHeaders({ forceRefresh }) → {} or { Authorization: 'Bearer <ID token>' }; the ApiClient
//                                  calls it for every request, and once more with forceRefresh
//                                  after a 401 to a signed-in request
//   authReady()                  → resolves once the persisted sign-in (if any) is restored
//
// Firebase keeps the sign-in in IndexedDB (localStorage as a fallback) and renews the ID token
// (valid for an hour) by itself; onIdTokenChanged tells us about every new token.
// Tested with a stand-in SDK (test/auth.test.js) and with the real SDK against the real Auth
// emulator (test/auth-emulator.test.js, e2e/auth.e2e.js).

export const NOT_CONFIGURED = 'Sign-in is not configured on this server.';
export const CANT_START = "Sign-in can't start right now. Please reload the page in a moment.";

/** Firebase error code → what the visitor reads. */
export const AUTH_MESSAGES = Object.freeze({
  'auth/invalid-credential': "That email and password don't match. Please try again.",
  'auth/invalid-login-credentials': "That email and password don't match. Please try again.",
  'auth/wrong-password': "That email and password don't match. Please try again.",
  'auth/user-not-found': 'There is no account with that email yet. You can create one here.',
  'auth/email-already-in-use': 'There is already an account with that email. Please sign in instead.',
  'auth/weak-password': 'Please choose a stronger password: at least 8 characters.',
  'auth/invalid-email': 'Please enter a valid email address.',
  'auth/missing-password': 'Please enter your password.',
  'auth/user-disabled': 'This account has been disabled. Please contact the site’s operator.',
  'auth/too-many-requests': 'Too many attempts. Please wait a few minutes and try again.',
  'auth/network-request-failed': "We can't reach the sign-in service. Please check your connection and try again.",
  'auth/requires-recent-login': 'For your safety, please sign out and sign in again, then retry.',
  'auth/operation-not-allowed': 'Signing in with email and password is not enabled on this server.',
  'auth/invalid-api-key': NOT_CONFIGURED,
});
const WRONG_PASSWORD = new Set(['auth/invalid-credential', 'auth/invalid-login-credentials', 'auth/wrong-password']);
const FALLBACK_MESSAGE = "That didn't work. Please try again.";

export class AuthError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
  }
}

/** An AuthError with the visitor-facing message for a Firebase error (or any other error). */
export function toAuthError(err) {
  if (err instanceof AuthError) return err;
  const code = typeof err?.code === 'string' ? err.code : 'auth/unknown';
  return new AuthError(AUTH_MESSAGES[code] ?? FALLBACK_MESSAGE, code);
}

/** The Firebase web settings when sign-in is configured (apiKey and projectId), else null. */
export function firebaseSettings(config) {
  const f = config?.firebase;
  return f && typeof f.apiKey === 'string' && f.apiKey && typeof f.projectId === 'string' && f.projectId ? f : null;
}

/** The Firebase SDK functions auth.js uses (code-split by Vite into their own chunk). */
export async function loadFirebaseSdk() {
  const [app, auth] = await Promise.all([import('firebase/app'), import('firebase/auth')]);
  return { ...app, ...auth };
}

const RESTORE_WAIT_MS = 5000;

// The page's session (the latest createAuth); module-level so that the ApiClient, made before
// any page code runs, can ask it for headers.
let active = null;

/** The signed-in user's last ID token, or null. */
export function currentToken() {
  return active?.state.token ?? null;
}

/** Resolves when the sign-in state is known (at once when sign-in is not configured). */
export function authReady() {
  return active ? active.settled : Promise.resolve();
}

/** Headers that make a request come from the signed-in user ({} when signed out). */
export async function authHeaders({ forceRefresh = false } = {}) {
  if (!active) return {};
  // A kept sign-in is restored in milliseconds; an SDK that is slow to download must not hold
  // up every request of the page (they go out anonymous until it is there).
  let timer;
  await Promise.race([active.settled, new Promise((resolve) => { timer = setTimeout(resolve, RESTORE_WAIT_MS); })]);
  clearTimeout(timer);
  const { user } = active.state;
  if (!user) return {};
  let token = active.state.token;
  try {
    token = await user.getIdToken(forceRefresh);
    if (active.state.user === user) active.state.token = token;
  } catch {
    // Firebase can't renew it (offline?): send what we have; a 401 then says so.
  }
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * The page-facing sign-in object.
 * @param {object} config                  the runtime config (config.firebase)
 * @param {object} [options]
 * @param {() => Promise<object>} [options.loadSdk]  the Firebase functions (default: firebase/app + firebase/auth)
 */
export function createAuth(config, { loadSdk = loadFirebaseSdk } = {}) {
  const settings = firebaseSettings(config);
  const listeners = new Set();
  const state = { user: null, token: null, sdk: null, auth: null, failed: false };
  let shown = null; // what listeners were last told: uid and verification, not every new token
  const notify = () => {
    const user = current();
    const key = user ? `${user.uid}|${user.emailVerified}` : null;
    if (key === shown) return;
    shown = key;
    for (const fn of listeners) { try { fn(user); } catch { /* a listener must not break sign-in */ } }
  };

  function current() {
    const { user } = state;
    return user ? { signedIn: true, uid: user.uid, email: user.email ?? null, emailVerified: !!user.emailVerified } : null;
  }

  const start = settings ? (async () => {
    const sdk = await loadSdk();
    const app = sdk.initializeApp({ apiKey: settings.apiKey, authDomain: settings.authDomain, projectId: settings.projectId });
    const auth = sdk.initializeAuth(app, { persistence: [sdk.indexedDBLocalPersistence, sdk.browserLocalPersistence].filter(Boolean) });
    if (settings.emulatorUrl) sdk.connectAuthEmulator(auth, settings.emulatorUrl, { disableWarnings: true });
    Object.assign(state, { sdk, auth });
    // Every new ID token (sign-in, sign-out, hourly renewal) passes through here.
    sdk.onIdTokenChanged(auth, async (user) => {
      let token = null;
      if (user) { try { token = await user.getIdToken(); } catch { /* kept null: authHeaders tries again */ } }
      if ((auth.currentUser ?? null) !== (user ?? null)) return; // signed in or out meanwhile
      state.user = user ?? null;
      state.token = token;
      notify();
    });
    await auth.authStateReady();
    state.user = auth.currentUser ?? null;
  })() : Promise.resolve();
  const settled = start.catch(() => { state.failed = true; session.message = CANT_START; notify(); });

  async function ready() {
    if (!settings) throw new AuthError(NOT_CONFIGURED, 'not_configured');
    await settled;
    if (state.failed) throw new AuthError(CANT_START, 'unavailable');
    return state;
  }

  /** Runs a Firebase sign-in call and waits until the new token is known. */
  async function signInWith(fn, email, password) {
    const { auth } = await ready();
    try {
      const { user } = await fn(auth, email, password);
      state.user = user;
      state.token = await user.getIdToken();
      notify();
      return current();
    } catch (err) {
      throw toAuthError(err);
    }
  }

  const session = {
    /** Whether this server has sign-in settings. */
    configured: !!settings,
    /** What to tell a visitor while sign-in cannot be used (null when it works). */
    message: settings ? null : NOT_CONFIGURED,
    /** Resolves when the sign-in state is known. */
    ready: settled,
    current,
    onChange(fn) { listeners.add(fn); return () => listeners.delete(fn); },
    signIn: (email, password) => signInWith((...a) => state.sdk.signInWithEmailAndPassword(...a), email, password),
    signUp: (email, password) => signInWith((...a) => state.sdk.createUserWithEmailAndPassword(...a), email, password),
    async signOut() {
      if (!settings) return;
      const { sdk, auth } = await ready();
      try { await sdk.signOut(auth); } catch (err) { throw toAuthError(err); }
      state.user = null;
      state.token = null;
      notify();
    },
    /** Sends the signed-in user Firebase's verification email. */
    async sendVerification() {
      const { sdk } = await ready();
      if (!state.user) throw new AuthError('You are not signed in.', 'auth/no-current-user');
      try { await sdk.sendEmailVerification(state.user); } catch (err) { throw toAuthError(err); }
    },
    /** Reads the account again (after verifying the email) and gets a token that says so. */
    async refresh() {
      await ready();
      const user = state.user;
      if (!user) return null;
      try {
        // The new token first: reload() tells the listeners, who then send the token they get.
        state.token = await user.getIdToken(true);
        await user.reload();
      } catch (err) { throw toAuthError(err); }
      notify();
      return current();
    },
    /**
     * Deletes the account: checks the password again (Firebase wants a recent sign-in), runs
     * `eraseData()` (DELETE /api/v1/user/me) while the token still works, then deletes the
     * Firebase account, which signs the visitor out. Resolves to what eraseData returned.
     */
    async deleteAccount(password, eraseData) {
      const { sdk, auth } = await ready();
      const user = state.user;
      if (!user) throw new AuthError('You are not signed in.', 'auth/no-current-user');
      try {
        await sdk.reauthenticateWithCredential(user, sdk.EmailAuthProvider.credential(user.email, password));
      } catch (err) {
        const e = toAuthError(err);
        throw WRONG_PASSWORD.has(e.code) ? new AuthError("That password isn't right. Please try again.", e.code) : e;
      }
      const erased = await eraseData();
      try {
        await sdk.deleteUser(user);
      } catch (err) {
        throw new AuthError(`Your data is erased, but the sign-in account itself couldn't be removed: ${toAuthError(err).message}`, toAuthError(err).code);
      }
      state.user = null;
      state.token = null;
      notify();
      return erased;
    },
  };
  active = { state, settled };
  return session;
}
