// auth.js (the one sign-in module), the ApiClient's signed-in requests (Bearer header, one retry
// with a forced token refresh after a 401) and user-jobs.js (the signed-in gallery hook).
// The Firebase SDK is injected: test-support/fake-firebase.mjs has its functions' signatures and
// its error codes; the real SDK against the real Auth emulator runs in e2e/auth.e2e.js.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAuth, authHeaders, authReady, currentToken, firebaseSettings, toAuthError, AUTH_MESSAGES, NOT_CONFIGURED, CANT_START } from '../src/auth.js';
import { fetchUserJobs } from '../src/user-jobs.js';
import { createApiClient, HttpError } from '../src/api-client.js';
import { startServer, sendJson, sendProblem, job, FAST } from '../test-support/servers.js';
import { fakeFirebase } from '../test-support/fake-firebase.mjs';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));

const CONFIG = { firebase: { apiKey: 'demo-key', authDomain: 'demo-aiart.firebaseapp.com', projectId: 'demo-aiart', emulatorUrl: 'http://127.0.0.1:9099' } };

/** A session on a fresh fake Firebase; `accounts` exist already (email → password). */
async function session({ accounts, signedIn, config = CONFIG } = {}) {
  const fb = fakeFirebase({ accounts, signedIn });
  const auth = createAuth(config, { loadSdk: async () => fb.sdk });
  await auth.ready;
  return { auth, fb };
}

test('without Firebase settings sign-in says it is not configured and never loads the SDK', async () => {
  let loaded = false;
  const auth = createAuth({ primaryUrl: 'http://x' }, { loadSdk: async () => { loaded = true; return {}; } });
  await auth.ready;
  assert.equal(auth.configured, false);
  assert.equal(auth.message, NOT_CONFIGURED);
  assert.equal(auth.current(), null);
  await assert.rejects(auth.signIn('a@b.c', 'secret123'), (err) => err.name === 'AuthError' && err.code === 'not_configured' && err.message === NOT_CONFIGURED);
  await assert.rejects(auth.signUp('a@b.c', 'secret123'), { code: 'not_configured' });
  assert.deepEqual(await authHeaders(), {});
  assert.equal(currentToken(), null);
  assert.equal(loaded, false);
  assert.equal(firebaseSettings({ firebase: { apiKey: 'k' } }), null, 'a project id is needed too');
});

test('the SDK is set up from config.firebase, with the emulator only when emulatorUrl is set', async () => {
  const { auth, fb } = await session();
  assert.equal(auth.configured, true);
  assert.equal(auth.message, null);
  assert.deepEqual(fb.calls.initializeApp, [{ apiKey: 'demo-key', authDomain: 'demo-aiart.firebaseapp.com', projectId: 'demo-aiart' }]);
  assert.deepEqual(fb.calls.connectAuthEmulator, ['http://127.0.0.1:9099']);
  assert.deepEqual(fb.calls.persistence, [['indexedDB', 'browserLocal']], 'kept across reloads');

  const prod = await session({ config: { firebase: { apiKey: 'AIza-x', projectId: 'aiart-prod' } } });
  assert.deepEqual(prod.fb.calls.connectAuthEmulator, []);
});

test('sign up, sign out, sign in: current(), onChange, the token and the Bearer header follow', async () => {
  const { auth, fb } = await session();
  const seen = [];
  auth.onChange((user) => seen.push(user?.email ?? null));
  assert.deepEqual(await authHeaders(), {});

  const user = await auth.signUp('ada@example.org', 'secret123');
  assert.equal(user.email, 'ada@example.org');
  assert.deepEqual(auth.current(), { signedIn: true, uid: user.uid, email: 'ada@example.org', emailVerified: false });
  const token = currentToken();
  assert.match(token, /^fake-id-token\./);
  assert.deepEqual(await authHeaders(), { Authorization: `Bearer ${token}` });

  await auth.signOut();
  assert.equal(auth.current(), null);
  assert.equal(currentToken(), null);
  assert.deepEqual(await authHeaders(), {});

  await auth.signIn('ada@example.org', 'secret123');
  assert.equal(auth.current().uid, user.uid, 'the same account');
  assert.deepEqual(seen, ['ada@example.org', null, 'ada@example.org']);
  assert.deepEqual(fb.calls.signOut, 1);
});

test('a sign-in kept by Firebase (a reload) is restored before the first request', async () => {
  const { auth } = await session({ accounts: { 'jo@example.org': 'pw-123456' }, signedIn: 'jo@example.org' });
  await authReady();
  assert.equal(auth.current().email, 'jo@example.org');
  assert.match((await authHeaders()).Authorization, /^Bearer fake-id-token\./);
});

test("Firebase's error codes become messages a visitor can act on", async () => {
  const { auth } = await session({ accounts: { 'taken@example.org': 'secret123' } });
  const cases = [
    [() => auth.signUp('taken@example.org', 'secret123'), 'auth/email-already-in-use', /already an account with that email/],
    [() => auth.signUp('new@example.org', '123'), 'auth/weak-password', /stronger password/],
    [() => auth.signIn('taken@example.org', 'wrong-one'), 'auth/wrong-password', /email and password don't match/],
    [() => auth.signIn('nobody@example.org', 'secret123'), 'auth/user-not-found', /no account with that email/],
  ];
  for (const [call, code, message] of cases) {
    await assert.rejects(call(), (err) => err.name === 'AuthError' && err.code === code && message.test(err.message), code);
  }
  assert.equal(auth.current(), null, 'nothing signed in after a refusal');
  for (const code of ['auth/too-many-requests', 'auth/network-request-failed', 'auth/invalid-credential']) {
    const { auth: a, fb } = await session();
    fb.failNext(code);
    await assert.rejects(a.signIn('x@example.org', 'secret123'), { code, message: AUTH_MESSAGES[code] });
  }
  assert.match(AUTH_MESSAGES['auth/too-many-requests'], /Too many attempts/);
  assert.match(AUTH_MESSAGES['auth/network-request-failed'], /can't reach the sign-in service/);
  assert.equal(toAuthError(new Error('boom')).message, "That didn't work. Please try again.", 'never a raw error text');
});

test('an SDK that cannot load leaves the site anonymous and says so', async () => {
  const auth = createAuth(CONFIG, { loadSdk: async () => { throw new TypeError('Failed to fetch dynamically imported module'); } });
  await auth.ready;
  assert.equal(auth.message, CANT_START);
  await assert.rejects(auth.signIn('a@b.c', 'secret123'), { code: 'unavailable', message: CANT_START });
  assert.deepEqual(await authHeaders(), {});
});

test('a 401 to a signed-in request is retried once with a forced token refresh', async () => {
  const { auth, fb } = await session();
  await auth.signUp('ada@example.org', 'secret123');
  const stale = currentToken(); // the backend no longer accepts it (expired while the tab slept, say)
  const backend = await server((req, res) => {
    if (req.headers.authorization === `Bearer ${stale}`) return sendProblem(res, 401, { error_type: 'unauthorized' });
    sendJson(res, 201, job('j1'));
  });
  const api = createApiClient({ ...FAST, primaryUrl: backend.url, headers: authHeaders });
  const { data } = await api.generate('text-to-image', { prompt: 'a fox' });
  assert.equal(data.id, 'j1');
  assert.equal(backend.count, 2);
  const [first, second] = backend.requests;
  assert.equal(first.headers.authorization, `Bearer ${stale}`);
  assert.notEqual(second.headers.authorization, first.headers.authorization);
  assert.equal(second.headers.authorization, `Bearer ${currentToken()}`);
  assert.equal(second.headers['idempotency-key'], first.headers['idempotency-key'], 'one logical request');
  assert.deepEqual(fb.calls.forcedRefresh, 1);
});

test('a second 401 is final (one retry only), and anonymous 401s are not retried', async () => {
  const { auth } = await session();
  await auth.signUp('ada@example.org', 'secret123');
  const backend = await server((req, res) => sendProblem(res, 401, { error_type: 'unauthorized' }));
  const api = createApiClient({ ...FAST, primaryUrl: backend.url, headers: authHeaders });
  await assert.rejects(api.limits(), (err) => err instanceof HttpError && err.status === 401);
  assert.equal(backend.count, 2);

  await auth.signOut();
  await assert.rejects(api.limits(), { status: 401 });
  assert.equal(backend.count, 3, 'no Authorization sent, so nothing to refresh');
  assert.equal(backend.requests[2].headers.authorization, undefined);
});

test('after verifying the address, the pages are told with the new token already in the headers', async () => {
  const { auth, fb } = await session();
  await auth.signUp('ada@example.org', 'secret123');
  const before = currentToken();
  const told = [];
  auth.onChange(async (user) => told.push({ verified: user.emailVerified, headers: await authHeaders() }));
  fb.verify('ada@example.org');
  const user = await auth.refresh();
  assert.equal(user.emailVerified, true);
  await new Promise((resolve) => setTimeout(resolve, 20)); // the listener's own awaits
  assert.equal(told.length, 1, 'told once');
  assert.equal(told[0].verified, true);
  assert.notEqual(told[0].headers.Authorization, `Bearer ${before}`, 'the new token, which says the address is verified');
  assert.equal(told[0].headers.Authorization, `Bearer ${currentToken()}`);
});

test('deleting the account: the password is checked first, then the data, then the Firebase account', async () => {
  const { auth, fb } = await session({ accounts: { 'ada@example.org': 'secret123' } });
  await auth.signIn('ada@example.org', 'secret123');
  let erased = 0;
  const eraseData = async () => { erased += 1; return { data: { erased: { jobs: 2 } } }; };
  await assert.rejects(auth.deleteAccount('wrong-one', eraseData), { message: "That password isn't right. Please try again." });
  assert.equal(erased, 0, 'nothing erased on a wrong password');
  assert.ok(fb.user('ada@example.org'), 'account kept');

  const result = await auth.deleteAccount('secret123', eraseData);
  assert.deepEqual(result, { data: { erased: { jobs: 2 } } });
  assert.equal(erased, 1);
  assert.equal(fb.user('ada@example.org'), undefined, 'the Firebase account is gone');
  assert.equal(auth.current(), null);
  assert.deepEqual(await authHeaders(), {});
});

test('the gallery asks GET /api/v1/user/jobs only when signed in, page by page, with the Bearer header', async () => {
  const { auth } = await session();
  const backend = await server((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.searchParams.get('before')) return sendJson(res, 200, { jobs: [job('u1'), job('u2'), { nope: 1 }], next_before: 'c1' });
    sendJson(res, 200, { jobs: [job('u3')], next_before: null });
  });
  const api = createApiClient({ ...FAST, primaryUrl: backend.url, headers: authHeaders });

  assert.equal(await fetchUserJobs(api), null);
  assert.equal(backend.count, 0, 'anonymous: no request at all');

  await auth.signUp('ada@example.org', 'secret123');
  const jobs = await fetchUserJobs(api);
  assert.deepEqual(jobs.map((j) => j.id), ['u1', 'u2', 'u3']);
  assert.deepEqual(backend.requests.map((r) => r.url), ['/api/v1/user/jobs?limit=100', '/api/v1/user/jobs?limit=100&before=c1']);
  assert.equal(backend.requests[0].headers.authorization, `Bearer ${currentToken()}`);
});

test('a backend without the endpoint (404) leaves the local gallery', async () => {
  const { auth } = await session();
  await auth.signUp('ada@example.org', 'secret123');
  const backend = await server((req, res) => sendProblem(res, 404, { error_type: 'not_found' }));
  const api = createApiClient({ ...FAST, primaryUrl: backend.url, headers: authHeaders });
  assert.equal(await fetchUserJobs(api), null);
});
