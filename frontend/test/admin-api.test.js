// admin-api.js against a real local server: paths, methods, bodies, the sign-in header from
// the ApiClient, and the 401/403 answers that replace the dashboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, HttpError } from '../src/api-client.js';
import { createAdminApi, createAdminClient, accessProblem, problemText, ADMIN_READ_TIMEOUT_MS } from '../src/admin-api.js';
import { startServer } from '../test-support/servers.js';

const json = (res, status, body, type = 'application/json') => {
  res.writeHead(status, { 'Content-Type': type });
  res.end(JSON.stringify(body));
};

test('calls the admin routes with the sign-in header; changes go by POST and DELETE', async () => {
  const server = await startServer((req, res) => json(res, 200, { ok: true, tier: 'donor', identity: 'ip:x' }));
  try {
    const api = createApiClient({ primaryUrl: server.url, fallbackUrl: server.url, headers: () => ({ Authorization: 'Bearer t0ken' }) });
    const admin = createAdminApi(api);
    await admin.me();
    await admin.analytics(7);
    await admin.analytics({ hours: 24 });
    await admin.history(24);
    await admin.store();
    await admin.alerts();
    await admin.errors(20);
    await admin.queue();
    await admin.users({ email: 'a+b@example.com' });
    await admin.users({ before: 'cursor/1' });
    await admin.setTier('uid/1', 'donor');
    await admin.setPerMinute('uid1', null);
    await admin.blocks();
    await admin.block({ ip: '203.0.113.9', minutes: 30, reason: 'spam' });
    await admin.block({ identity: 'user:u1' });
    await admin.lift('ip:abc');
    await admin.cancelJob('job 1');
    assert.deepEqual(server.requests.map((r) => `${r.method} ${r.url}`), [
      'GET /api/v1/auth/me',
      'GET /api/v1/admin/analytics?days=7',
      'GET /api/v1/admin/analytics?hours=24',
      'GET /api/v1/admin/metrics/history?hours=24',
      'GET /api/v1/admin/store',
      'GET /api/v1/admin/alerts?limit=100',
      'GET /api/v1/admin/errors?limit=20',
      'GET /api/v1/admin/queue?limit=20',
      'GET /api/v1/admin/users?email=a%2Bb%40example.com&limit=10',
      'GET /api/v1/admin/users?before=cursor%2F1&limit=10',
      'POST /api/v1/admin/users/uid%2F1/tier',
      'POST /api/v1/admin/users/uid1/overrides',
      'GET /api/v1/admin/blocks',
      'POST /api/v1/admin/blocks',
      'POST /api/v1/admin/blocks',
      'DELETE /api/v1/admin/blocks?identity=ip%3Aabc',
      'DELETE /api/v1/admin/jobs/job%201',
    ]);
    assert.ok(server.requests.every((r) => r.headers.authorization === 'Bearer t0ken'));
    const bodies = server.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body));
    assert.deepEqual(bodies, [{ tier: 'donor' }, { per_minute: null }, { ip: '203.0.113.9', minutes: 30, reason: 'spam' }, { identity: 'user:u1' }]);
  } finally {
    await server.close();
  }
});

test('401 means "sign in", 403 "not an admin"; neither is tried on the fallback', async () => {
  let status = 401;
  const primary = await startServer((req, res) => json(res, status, { success: false, status, error_type: status === 401 ? 'unauthorized' : 'forbidden', message: "This is for AiArt's admins: please sign in." }, 'application/problem+json'));
  const fallback = await startServer((req, res) => json(res, 200, {}));
  try {
    const admin = createAdminApi(createApiClient({ primaryUrl: primary.url, fallbackUrl: fallback.url }));
    const signin = await admin.analytics(2).catch((e) => e);
    assert.ok(signin instanceof HttpError);
    assert.equal(accessProblem(signin), 'signin');
    assert.equal(problemText(signin), "This is for AiArt's admins: please sign in.");
    status = 403;
    assert.equal(accessProblem(await admin.queue().catch((e) => e)), 'forbidden');
    assert.equal(fallback.count, 0);
    status = 500;
    assert.equal(accessProblem(await admin.queue().catch((e) => e)), null);
    assert.equal(accessProblem(new Error('x')), null);
  } finally {
    await primary.close();
    await fallback.close();
  }
});

test('the dashboard\'s client waits longer for the heavy admin reads than the site\'s reads do', async () => {
  const slow = await startServer((req, res) => setTimeout(() => json(res, 200, { days: [] }), 300));
  try {
    const config = { primaryUrl: slow.url, fallbackUrl: slow.url, readTimeoutMs: 100, totalBudgetMs: 250, retries: 0 };
    const site = createAdminApi(createApiClient(config));
    const err = await site.analytics(30).catch((e) => e);
    assert.equal(err?.name, 'TimeoutError', 'the site\'s 100 ms reads give up');
    const before = slow.count;
    const dashboard = createAdminApi(createAdminClient(config, { headers: () => ({ Authorization: 'Bearer t' }) }));
    assert.deepEqual(await dashboard.analytics(30), { days: [] });
    assert.equal(slow.count - before, 1, 'one attempt, no failover');
    assert.equal(slow.requests.at(-1).headers.authorization, 'Bearer t');
    assert.ok(ADMIN_READ_TIMEOUT_MS >= 20_000);
  } finally {
    await slow.close();
  }
});
