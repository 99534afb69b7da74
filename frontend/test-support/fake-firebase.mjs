// A stand-in for the parts of the Firebase JS SDK (firebase/app + firebase/auth, v12) that
// src/auth.js uses: the same function names and arguments, `FirebaseError`s with Firebase's
// `auth/...` codes, an Auth object with currentUser / authStateReady(), users with
// getIdToken(forceRefresh) / reload(). Accounts live in memory. The real SDK against the real
// Auth emulator is exercised by e2e/auth.e2e.js.

class FirebaseError extends Error {
  constructor(code) {
    super(`Firebase: Error (${code}).`);
    this.name = 'FirebaseError';
    this.code = code;
  }
}

/**
 * @param {object} [options]
 * @param {Record<string,string>} [options.accounts]  email → password, existing before the page loads
 * @param {string} [options.signedIn]                 email of an account Firebase had kept signed in
 */
export function fakeFirebase({ accounts = {}, signedIn } = {}) {
  const calls = { initializeApp: [], connectAuthEmulator: [], persistence: [], signOut: 0, forcedRefresh: 0 };
  const users = new Map(); // email → { password, user }
  const verified = new Set(); // emails whose verification link was followed
  let serial = 0;
  let tokens = 0;
  let failure = null;

  function makeUser(email) {
    const uid = `uid-${++serial}`;
    let token = null;
    return {
      uid,
      email,
      emailVerified: false,
      async getIdToken(forceRefresh = false) {
        if (forceRefresh) calls.forcedRefresh += 1;
        if (token && !forceRefresh) return token;
        await new Promise((resolve) => setTimeout(resolve, 5)); // a new token is a round trip to Firebase
        token = `fake-id-token.${uid}.${++tokens}`;
        if (auth.currentUser === this) for (const fn of auth.listeners) fn(this); // like onIdTokenChanged
        return token;
      },
      async reload() {
        // like the SDK: the account's current fields, and the listeners are told (with the token as it is)
        this.emailVerified = verified.has(email);
        if (auth.currentUser === this) for (const fn of auth.listeners) fn(this);
      },
    };
  }
  for (const [email, password] of Object.entries(accounts)) users.set(email, { password, user: makeUser(email) });

  const auth = {
    currentUser: signedIn ? users.get(signedIn).user : null,
    listeners: new Set(),
    async authStateReady() {},
  };
  const setUser = (user) => {
    auth.currentUser = user;
    for (const fn of auth.listeners) fn(user);
  };
  const maybeFail = () => {
    if (failure) { const code = failure; failure = null; throw new FirebaseError(code); }
  };

  const sdk = {
    initializeApp(options) { calls.initializeApp.push(options); return { name: '[DEFAULT]', options }; },
    initializeAuth(app, deps) { calls.persistence.push(deps?.persistence ?? []); return auth; },
    indexedDBLocalPersistence: 'indexedDB',
    browserLocalPersistence: 'browserLocal',
    connectAuthEmulator(a, url) { calls.connectAuthEmulator.push(url); },
    onIdTokenChanged(a, fn) {
      a.listeners.add(fn);
      Promise.resolve().then(() => fn(a.currentUser)); // Firebase reports the current state once
      return () => a.listeners.delete(fn);
    },
    async createUserWithEmailAndPassword(a, email, password) {
      maybeFail();
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new FirebaseError('auth/invalid-email');
      if (users.has(email)) throw new FirebaseError('auth/email-already-in-use');
      if (password.length < 6) throw new FirebaseError('auth/weak-password');
      const user = makeUser(email);
      users.set(email, { password, user });
      setUser(user);
      return { user };
    },
    async signInWithEmailAndPassword(a, email, password) {
      maybeFail();
      const account = users.get(email);
      if (!account) throw new FirebaseError('auth/user-not-found');
      if (account.password !== password) throw new FirebaseError('auth/wrong-password');
      setUser(account.user);
      return { user: account.user };
    },
    async signOut() { calls.signOut += 1; setUser(null); },
    async sendEmailVerification() {},
    EmailAuthProvider: { credential: (email, password) => ({ providerId: 'password', email, password }) },
    async reauthenticateWithCredential(user, credential) {
      const account = users.get(user.email);
      if (!account || account.password !== credential.password) throw new FirebaseError('auth/wrong-password');
      return { user };
    },
    async deleteUser(user) {
      users.delete(user.email);
      if (auth.currentUser === user) setUser(null);
    },
  };

  return {
    sdk,
    calls,
    /** The account's user object, or undefined once deleted. */
    user: (email) => users.get(email)?.user,
    /** The account's verification link was followed (seen by the page after user.reload()). */
    verify(email) { verified.add(email); },
    /** The next sign-in or sign-up fails with this Firebase error code. */
    failNext(code) { failure = code; },
  };
}
