// `sync` against local stand-ins of the Render, Railway and Fly APIs: the exact requests
// (method, path, credential, body), only changes sent, nothing sent twice, no secret printed.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, VALID, assertNoSecrets } from '../test-support/cli.mjs';
import { renderStub, railwayStub, flyStub, newRailwayServiceInstance } from '../test-support/stubs.mjs';
import { RAILWAY_SERVICE_SETTINGS } from '../lib/railway-settings.mjs';

let render, railway, fly, renderState, railwayState, flyState, apiEnv;

beforeEach(async () => {
  renderState = {
    token: VALID.RENDER_API_KEY,
    services: {
      'srv-backend1': {
        // one value already right, one stale, one the tool does not manage
        env: { AIART_IP_HASH_KEY: VALID.AIART_IP_HASH_KEY, AIART_CORS_ORIGINS: 'https://old-site.example', SOMETHING_ELSE: 'kept' },
        deploys: [],
      },
      'srv-site1': { env: {}, deploys: [] },
    },
  };
  railwayState = {
    projectToken: VALID.RAILWAY_TOKEN, projectId: VALID.RAILWAY_PROJECT_ID, environmentId: VALID.RAILWAY_ENVIRONMENT_ID,
    serviceId: VALID.RAILWAY_SERVICE_ID, variables: { AIART_INSTANCE: 'primary', RAILWAY_PUBLIC_DOMAIN: 'x.up.railway.app' }, deployments: [],
  };
  flyState = { token: VALID.FLY_API_TOKEN, app: VALID.FLY_APP, secrets: {}, machines: [] };
  [render, railway, fly] = await Promise.all([renderStub(renderState), railwayStub(railwayState), flyStub(flyState)]);
  apiEnv = { RENDER_API_URL: `${render.url}/v1`, RAILWAY_API_URL: `${railway.url}/graphql/v2`, FLY_API_URL: `${fly.url}/v1` };
});

afterEach(async () => {
  await Promise.all([render.close(), railway.close(), fly.close()]);
});

const BACKEND_SECRETS = {
  QUARKUS_MONGODB_CONNECTION_STRING: VALID.QUARKUS_MONGODB_CONNECTION_STRING,
  AIART_IP_HASH_KEY: VALID.AIART_IP_HASH_KEY,
  AIART_DATA_KEY: VALID.AIART_DATA_KEY,
  AIART_CORS_ORIGINS: VALID.AIART_CORS_ORIGINS,
  AIART_PROVIDERS_STABILITY_API_KEY: VALID.AIART_PROVIDERS_STABILITY_API_KEY,
  AIART_ALERTS_WEBHOOK_URL: VALID.AIART_ALERTS_WEBHOOK_URL,
  AIART_AUTH_PROJECT_ID: VALID.AIART_AUTH_PROJECT_ID,
  AIART_AUTH_ADMIN_EMAILS: VALID.AIART_AUTH_ADMIN_EMAILS,
  AIART_DONATIONS_VERIFICATION_TOKEN: VALID.AIART_DONATIONS_VERIFICATION_TOKEN,
};

test('Render: reads the service env, PUTs only what differs, per key, with the API key', async () => {
  const { code, stdout, stderr } = await runCli(['sync', '--platform', 'render'], { settings: VALID, env: apiEnv });
  assert.equal(code, 0, stdout + stderr);
  assertNoSecrets(assert, stdout + stderr);

  for (const r of render.requests) {
    assert.equal(r.headers.authorization, `Bearer ${VALID.RENDER_API_KEY}`);
    assert.equal(r.headers.accept, 'application/json');
  }
  const backend = render.requests.filter((r) => r.path.startsWith('/v1/services/srv-backend1'));
  assert.deepEqual(backend[0], { ...backend[0], method: 'GET', path: '/v1/services/srv-backend1/env-vars', query: { limit: '100' } });
  const puts = backend.filter((r) => r.method === 'PUT');
  // the fallback's peer is the primary; AIART_INSTANCE, the client-address rule and PORT come from render.yaml
  const expected = { ...BACKEND_SECRETS, AIART_PEERS_URLS: VALID.AIART_PRIMARY_URL };
  delete expected.AIART_IP_HASH_KEY; // already right
  assert.deepEqual(
    Object.fromEntries(puts.map((r) => [decodeURIComponent(r.path.split('/').pop()), r.body])),
    Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, { value: v }])),
  );
  for (const p of puts) assert.equal(p.headers['content-type'], 'application/json');
  assert.equal(renderState.services['srv-backend1'].env.SOMETHING_ELSE, 'kept', 'variables the tool does not manage are left alone');

  const site = render.requests.filter((r) => r.path.startsWith('/v1/services/srv-site1') && r.method === 'PUT');
  assert.deepEqual(site.map((r) => [r.path, r.body]), [
    ['/v1/services/srv-site1/env-vars/AIART_PRIMARY_URL', { value: VALID.AIART_PRIMARY_URL }],
    ['/v1/services/srv-site1/env-vars/AIART_FALLBACK_URL', { value: VALID.AIART_FALLBACK_URL }],
    ['/v1/services/srv-site1/env-vars/AIART_FIREBASE_API_KEY', { value: VALID.AIART_FIREBASE_API_KEY }],
    ['/v1/services/srv-site1/env-vars/AIART_FIREBASE_AUTH_DOMAIN', { value: VALID.AIART_FIREBASE_AUTH_DOMAIN }],
    ['/v1/services/srv-site1/env-vars/AIART_FIREBASE_PROJECT_ID', { value: VALID.AIART_FIREBASE_PROJECT_ID }],
  ]);
  assert.match(stdout, /unchanged\s+AIART_IP_HASH_KEY/);
  assert.match(stdout, /updated\s+AIART_CORS_ORIGINS/);
  assert.match(stdout, /created\s+QUARKUS_MONGODB_CONNECTION_STRING/);

  // idempotent: a second sync reads and sends nothing
  const before = render.requests.length;
  const again = await runCli(['sync', '--platform', 'render'], { settings: VALID, env: apiEnv });
  assert.equal(again.code, 0);
  assert.deepEqual(render.requests.slice(before).map((r) => r.method), ['GET', 'GET']);
  assert.match(again.stdout, /0 changed/);
});

test('Railway: queries the variables, then one variableCollectionUpsert of the changes, skipDeploys, project token', async () => {
  const { code, stdout, stderr } = await runCli(['sync', '--platform', 'railway'], { settings: VALID, env: apiEnv });
  assert.equal(code, 0, stdout + stderr);
  assertNoSecrets(assert, stdout + stderr);
  for (const r of railway.requests) {
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/graphql/v2');
    assert.equal(r.headers['project-access-token'], VALID.RAILWAY_TOKEN);
    assert.equal(r.headers.authorization, undefined);
  }
  const variables = railway.requests.filter((r) => /^(query variables|mutation variableCollectionUpsert)\(/.test(r.body.query));
  assert.equal(variables.length, 2);
  const ids = { projectId: VALID.RAILWAY_PROJECT_ID, environmentId: VALID.RAILWAY_ENVIRONMENT_ID, serviceId: VALID.RAILWAY_SERVICE_ID };
  assert.match(variables[0].body.query, /^query variables\(/);
  assert.deepEqual(variables[0].body.variables, ids);
  assert.match(variables[1].body.query, /^mutation variableCollectionUpsert\(\$input: VariableCollectionUpsertInput!\)/);
  assert.deepEqual(variables[1].body.variables, {
    input: {
      ...ids,
      skipDeploys: true,
      // railway.toml holds no variables, so the primary's client-address rule is sent too
      // (AIART_INSTANCE=primary is there already)
      variables: { ...BACKEND_SECRETS, AIART_CLIENT_IP_HEADER: 'X-Real-IP', AIART_TRUSTED_PROXIES: '2', AIART_PEERS_URLS: VALID.AIART_FALLBACK_URL },
    },
  });
  assert.equal(railwayState.variables.RAILWAY_PUBLIC_DOMAIN, 'x.up.railway.app');

  const again = await runCli(['sync', '--platform', 'railway'], { settings: VALID, env: apiEnv });
  assert.equal(again.code, 0);
  assert.deepEqual(railway.requests.slice(4).map((r) => r.body.query.match(/^(query|mutation) (\w+)/)[2]), ['variables', 'serviceInstance'], 'the second sync only reads');
});

test('Railway: the service settings of railway.toml through the API — read back, only what differs, no builder', async () => {
  // a service as Railway creates it now: config as code is not read, so none of railway.toml applies;
  // someone already set the health-check path by hand
  railwayState.serviceInstance = { ...newRailwayServiceInstance(railwayState), healthcheckPath: '/q/health/ready' };
  const { code, stdout, stderr } = await runCli(['sync', '--platform', 'railway'], { settings: VALID, env: apiEnv });
  assert.equal(code, 0, stdout + stderr);
  const [read, update] = railway.requests.filter((r) => /serviceInstance/.test(r.body.query));
  assert.match(read.body.query, /^query serviceInstance\(\$serviceId: String!, \$environmentId: String!\)/);
  assert.deepEqual(read.body.variables, { serviceId: VALID.RAILWAY_SERVICE_ID, environmentId: VALID.RAILWAY_ENVIRONMENT_ID });
  assert.match(update.body.query, /^mutation serviceInstanceUpdate\(\$serviceId: String!, \$environmentId: String, \$input: ServiceInstanceUpdateInput!\)/);
  const { healthcheckPath, restartPolicyType, restartPolicyMaxRetries, ...differing } = RAILWAY_SERVICE_SETTINGS;
  assert.deepEqual(update.body.variables, {
    serviceId: VALID.RAILWAY_SERVICE_ID, environmentId: VALID.RAILWAY_ENVIRONMENT_ID,
    input: { ...differing, watchPatterns: [...differing.watchPatterns] },
  });
  assert.equal(healthcheckPath, '/q/health/ready');
  assert.equal('builder' in update.body.variables.input, false);
  assert.match(stdout, /unchanged\s+healthcheckPath/);
  assert.match(stdout, /unchanged\s+restartPolicyType/); // Railway's default is ours
  assert.match(stdout, /updated\s+region/);
  assert.match(stdout, /updated\s+watchPatterns/);
  assert.match(stdout, /9 service settings, 6 changed\. Railway uses changed service settings from the next deploy/);
  // what the service now has is railway.toml's
  for (const [name, value] of Object.entries(RAILWAY_SERVICE_SETTINGS)) assert.deepEqual(railwayState.serviceInstance[name], Array.isArray(value) ? [...value] : value, name);

  // nothing differs: read only; the order of the watch patterns does not matter
  railwayState.serviceInstance.watchPatterns.reverse();
  const before = railway.requests.length;
  const again = await runCli(['sync', '--platform', 'railway'], { settings: VALID, env: apiEnv });
  assert.equal(again.code, 0);
  assert.deepEqual(railway.requests.slice(before).map((r) => r.body.query.match(/^(query|mutation) (\w+)/)[2]), ['variables', 'serviceInstance']);
  assert.match(again.stdout, /9 service settings, 0 changed/);
});

test('Railway: a refused settings update fails the platform and says what to do', async () => {
  railwayState.refuseSettings = true;
  const { code, stderr } = await runCli(['sync', '--platform', 'railway'], { settings: VALID, env: apiEnv });
  assert.equal(code, 1);
  assert.match(stderr, /railway: Railway: Not Authorized — the service settings \(healthcheckPath, watchPatterns, region, …\) were not applied: .*RAILWAY_API_TOKEN.*docs\/DEPLOY\.md §4\.1/);
});

test('Fly: one POST of the app secrets (values, Bearer token); fly.toml [env] names are not sent', async () => {
  const { code, stdout, stderr } = await runCli(['sync', '--platform', 'fly'], { settings: VALID, env: apiEnv });
  assert.equal(code, 0, stdout + stderr);
  assertNoSecrets(assert, stdout + stderr);
  assert.equal(fly.requests.length, 1);
  const [r] = fly.requests;
  assert.equal(r.method, 'POST');
  assert.equal(r.path, '/v1/apps/aiart-fallback/secrets');
  assert.equal(r.headers.authorization, `Bearer ${VALID.FLY_API_TOKEN}`);
  assert.deepEqual(r.body, { values: { ...BACKEND_SECRETS, AIART_PEERS_URLS: VALID.AIART_PRIMARY_URL } });
  assert.match(stdout, /secrets version 1/);
});

test('the local Auth emulator address never reaches a deployed site', async () => {
  const { code, stdout, stderr } = await runCli(['sync', '--platform', 'render-site'], { settings: { ...VALID, AIART_FIREBASE_AUTH_EMULATOR_URL: 'http://127.0.0.1:9099' }, env: apiEnv });
  assert.equal(code, 1, 'check refuses it, so nothing is sent');
  assert.match(stdout + stderr, /AIART_FIREBASE_AUTH_EMULATOR_URL/);
  assert.equal(render.requests.filter((r) => r.method === 'PUT').length, 0);
});

test('a platform that refuses the credential fails that platform only, and says so without the secret', async () => {
  renderState.token = 'another-key';
  const { code, stdout, stderr } = await runCli(['sync', '--platform', 'render,fly'], { settings: VALID, env: apiEnv });
  assert.equal(code, 1);
  assert.match(stderr, /render-backend: GET .*\/env-vars\?limit=100: HTTP 401 — Authorization information is missing or invalid/);
  assert.equal(fly.requests.length, 1, 'Fly is still synced');
  assertNoSecrets(assert, stdout + stderr);
});

test('an error that quotes the secrets sent is redacted', async () => {
  railwayState.rejectUpsert = true;
  const { code, stderr } = await runCli(['sync', '--platform', 'railway'], { settings: VALID, env: apiEnv });
  assert.equal(code, 1);
  assert.match(stderr, /Railway: Invalid variables: \{.*"QUARKUS_MONGODB_CONNECTION_STRING":"\*\*\*\*"/);
  assertNoSecrets(assert, stderr);
});

test('settings that fail `check` are not sent anywhere', async () => {
  const { code, stderr } = await runCli(['sync', '--platform', 'render'], { settings: { ...VALID, AIART_IP_HASH_KEY: 'short' }, env: apiEnv });
  assert.equal(code, 1);
  assert.match(stderr, /not sent — fix these first/);
  assert.match(stderr, /AIART_IP_HASH_KEY is 5 characters/);
  assert.equal(render.requests.length, 0);
});
