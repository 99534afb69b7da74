// auth.js (the one sign-in module) and user-jobs.js (the signed-in gallery hook).
import { test, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createAuth, authHeaders, currentToken, firebaseSettings, NOT_CONFIGURED, NOT_AVAILABLE } from '../src/auth.js';
import { fetchUserJobs } from '../src/user-jobs.js';
import { createApiClient } from '../src/api-client.js';
import { startServer, sendJson, sendProblem, job, FAST } from '../test-support/servers.js';

const servers = [];
async function server(handler) { const s = await startServer(handler); servers.push(s); return s; }
after(() => Promise.all(servers.map((s) => s.close())));
afterEach(() => { delete globalThis.window; });

test('without Firebase settings sign-in reports that it is not configured', async () => {
  const auth = createAuth({ primaryUrl: 'http://x' });
  assert.equal(auth.configured, false);
  assert.equal(auth.message, NOT_CONFIGURED);
  assert.equal(NOT_CONFIGURED, 'Sign-in is not configured on this server.');
  assert.equal(auth.current(), null);
  await assert.rejects(auth.signIn('a@b.c', 'secret123'), (err) => err.name === 'AuthError' && err.code === 'not_configured' && err.message === NOT_CONFIGURED);
  await assert.rejects(auth.signUp('a@b.c', 'secret123'), { code: 'not_configured' });
});

test('with Firebase settings it is configured (the SDK arrives with the identity work)', async () => {
  const config = { firebase: { apiKey: 'demo-key', projectId: 'demo-aiart' } };
  assert.deepEqual(firebaseSettings(config), config.firebase);
  assert.equal(firebaseSettings({ firebase: { apiKey: 'k' } }), null, 'a project id is needed too');
  const auth = createAuth(config);
  assert.equal(auth.configured, true);
  assert.equal(auth.message, NOT_AVAILABLE);
  await assert.rejects(auth.signIn('a@b.c', 'secret123'), { code: 'not_available' });
});

test('a token in window.AIART_AUTH is sent as a Bearer header; sign-out forgets it', async () => {
  assert.equal(currentToken(), null);
  assert.deepEqual(await authHeaders(), {});
  globalThis.window = { AIART_AUTH: { token: 'tok-123', email: 'ada@example.org' } };
  assert.deepEqual(await authHeaders(), { Authorization: 'Bearer tok-123' });
  const auth = createAuth({});
  assert.deepEqual(auth.current(), { signedIn: true, email: 'ada@example.org' });
  const seen = [];
  auth.onChange((user) => seen.push(user));
  await auth.signOut();
  assert.equal(currentToken(), null);
  assert.deepEqual(seen, [null]);
});

test('the gallery asks GET /api/v1/user/jobs only when signed in', async () => {
  const backend = await server((req, res) => sendJson(res, 200, { jobs: [job('u1'), job('u2'), { nope: 1 }] }));
  const api = createApiClient({ ...FAST, primaryUrl: backend.url });

  assert.equal(await fetchUserJobs(api, { token: null }), null);
  assert.equal(backend.count, 0, 'anonymous: no request at all');

  const jobs = await fetchUserJobs(api, { token: 'tok-9' });
  assert.deepEqual(jobs.map((j) => j.id), ['u1', 'u2']);
  assert.equal(backend.countOf('/api/v1/user/jobs'), 1);
  assert.equal(backend.requests[0].headers.authorization, 'Bearer tok-9');
});

test('a backend without the endpoint yet (404) or a stale token (401) leaves the local gallery', async () => {
  for (const status of [404, 401]) {
    const backend = await server((req, res) => sendProblem(res, status, { error_type: status === 404 ? 'not_found' : 'unauthorized' }));
    const api = createApiClient({ ...FAST, primaryUrl: backend.url });
    assert.equal(await fetchUserJobs(api, { token: 't' }), null);
  }
});
