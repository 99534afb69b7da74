// auth.js with the REAL Firebase JS SDK (its default loader: firebase/app + firebase/auth)
// against the REAL Firebase Auth emulator (tools/): what Firebase really answers is what the
// visitor reads, tokens really reach the ApiClient, a forced refresh really gives a new token.
// One session for the file, as on a page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAuth, authHeaders, currentToken, AUTH_MESSAGES } from '../src/auth.js';
import { createApiClient } from '../src/api-client.js';
import { startServer, sendJson, sendProblem, job, FAST } from '../test-support/servers.js';
import { startAuthEmulator, PROJECT } from '../test-support/auth-emulator.mjs';

let emulator;
let auth;
const servers = [];
const email = `node-${Date.now()}@example.org`;
const password = 'node-password-1';

before(async () => {
  emulator = await startAuthEmulator();
  auth = createAuth({ firebase: { apiKey: 'demo-key', authDomain: `${PROJECT}.firebaseapp.com`, projectId: PROJECT, emulatorUrl: emulator.url } });
  await auth.ready;
}, { timeout: 120_000 });

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await emulator?.stop();
}, { timeout: 30_000 });

const claims = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

test('sign up, sign out, sign in with the real SDK: the ID token is the emulator\'s, for this project', async () => {
  assert.equal(auth.message, null);
  assert.equal(auth.current(), null);
  const seen = [];
  const off = auth.onChange((user) => seen.push(user?.email ?? null));

  const user = await auth.signUp(email, password);
  assert.equal(user.email, email);
  const { Authorization } = await authHeaders();
  assert.equal(Authorization, `Bearer ${currentToken()}`);
  const c = claims(currentToken());
  assert.equal(c.aud, PROJECT);
  assert.equal(c.email, email);
  assert.equal(c.user_id, user.uid);

  await auth.signOut();
  assert.equal(auth.current(), null);
  assert.deepEqual(await authHeaders(), {});

  const again = await auth.signIn(email, password);
  assert.equal(again.uid, user.uid);
  off();
  assert.deepEqual(seen, [email, null, email]);
});

test("the emulator's refusals reach the visitor as friendly messages", async () => {
  const cases = [
    [() => auth.signUp(email, password), 'auth/email-already-in-use'],
    [() => auth.signUp(`weak-${email}`, '123'), 'auth/weak-password'],
    [() => auth.signUp('not-an-address', password), 'auth/invalid-email'],
    [() => auth.signIn(email, 'not-the-password'), ['auth/wrong-password', 'auth/invalid-credential']],
    [() => auth.signIn(`nobody-${email}`, password), ['auth/user-not-found', 'auth/invalid-credential']],
  ];
  for (const [call, codes] of cases) {
    await assert.rejects(call(), (err) => {
      assert.equal(err.name, 'AuthError');
      assert.ok([codes].flat().includes(err.code), `${err.code} is one of ${codes}`);
      assert.equal(err.message, AUTH_MESSAGES[err.code]);
      return true;
    });
  }
  assert.equal(auth.current()?.email, email, 'a refused attempt leaves the sign-in as it was');
});

test('a 401 is retried once with a token Firebase really refreshed', async () => {
  const stale = currentToken();
  await new Promise((resolve) => setTimeout(resolve, 1100)); // a new token differs by its iat (seconds)
  const backend = await startServer((req, res) => {
    if (req.headers.authorization === `Bearer ${stale}`) return sendProblem(res, 401, { error_type: 'unauthorized' });
    sendJson(res, 200, { jobs: [job('j1')], next_before: null });
  });
  servers.push(backend);
  const api = createApiClient({ ...FAST, primaryUrl: backend.url, headers: authHeaders });
  const { data } = await api.request('GET', '/user/jobs');
  assert.deepEqual(data.jobs.map((j) => j.id), ['j1']);
  assert.equal(backend.count, 2);
  const fresh = backend.requests[1].headers.authorization.slice('Bearer '.length);
  assert.notEqual(fresh, stale);
  assert.ok(claims(fresh).iat > claims(stale).iat);
  assert.equal(claims(fresh).user_id, claims(stale).user_id);
});

test('deleting the account: a wrong password erases nothing; the right one erases, then removes the account', async () => {
  let erased = 0;
  const eraseData = async () => { erased += 1; return { data: { erased: { jobs: 0 } } }; };
  await assert.rejects(auth.deleteAccount('not-the-password', eraseData), { message: "That password isn't right. Please try again." });
  assert.equal(erased, 0);
  assert.equal(auth.current()?.email, email);

  await auth.deleteAccount(password, eraseData);
  assert.equal(erased, 1);
  assert.equal(auth.current(), null);
  await assert.rejects(auth.signIn(email, password), (err) => ['auth/user-not-found', 'auth/invalid-credential'].includes(err.code));
});
