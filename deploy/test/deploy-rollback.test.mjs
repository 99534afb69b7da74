// `deploy` and `rollback` against local stand-ins of the platform APIs: exact requests, the
// previous *successful* deploy chosen, a clear failure when there is none.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, VALID, assertNoSecrets } from '../test-support/cli.mjs';
import { renderStub, railwayStub, flyStub } from '../test-support/stubs.mjs';

let render, railway, fly, renderState, railwayState, flyState, apiEnv;
const IMAGE_A = 'registry.fly.io/aiart-fallback:deployment-01JA';
const IMAGE_B = 'registry.fly.io/aiart-fallback:deployment-01JB';
const machineConfig = (image) => ({
  image, env: { PORT: '8080', AIART_INSTANCE: 'fallback' }, guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 512 },
  services: [{ internal_port: 8080, protocol: 'tcp', autostop: 'stop', autostart: true, min_machines_running: 0 }],
  metadata: { fly_process_group: 'app', fly_platform_version: 'v2' },
});

beforeEach(async () => {
  renderState = {
    token: VALID.RENDER_API_KEY,
    services: {
      // newest first: a failed build, the live deploy, the one before it, an older one
      'srv-backend1': { env: {}, deploys: [{ id: 'dep-4', status: 'build_failed' }, { id: 'dep-3', status: 'live' }, { id: 'dep-2', status: 'update_failed' }, { id: 'dep-1', status: 'deactivated' }, { id: 'dep-0', status: 'deactivated' }] },
      'srv-site1': { env: {}, deploys: [{ id: 'dep-s1', status: 'live' }] },
    },
  };
  railwayState = {
    projectToken: VALID.RAILWAY_TOKEN, projectId: VALID.RAILWAY_PROJECT_ID, environmentId: VALID.RAILWAY_ENVIRONMENT_ID,
    serviceId: VALID.RAILWAY_SERVICE_ID, variables: {},
    deployments: [
      { id: 'd-4', status: 'FAILED', canRollback: false },
      { id: 'd-3', status: 'SUCCESS', canRollback: true },
      { id: 'd-2', status: 'CRASHED', canRollback: true },
      { id: 'd-1', status: 'REMOVED', canRollback: true },
    ],
  };
  flyState = {
    // `sync` stored version 7 of the app's secrets
    token: VALID.FLY_API_TOKEN, app: VALID.FLY_APP, secrets: { AIART_IP_HASH_KEY: 'set-by-sync' }, version: 7,
    machines: [
      { id: 'm1', state: 'started', region: 'fra', config: machineConfig(IMAGE_B) },
      { id: 'm2', state: 'stopped', region: 'fra', config: machineConfig(IMAGE_B) },
      { id: 'm0', state: 'destroyed', region: 'fra', config: machineConfig(IMAGE_A) },
    ],
    versions: {
      m1: [{ version: '01JB00', user_config: machineConfig(IMAGE_B) }, { version: '01JA00', user_config: machineConfig(IMAGE_A) }],
      m2: [{ version: '01JA10', user_config: machineConfig(IMAGE_A) }, { version: '01JB10', user_config: machineConfig(IMAGE_B) }],
    },
  };
  [render, railway, fly] = await Promise.all([renderStub(renderState), railwayStub(railwayState), flyStub(flyState)]);
  apiEnv = { RENDER_API_URL: `${render.url}/v1`, RAILWAY_API_URL: `${railway.url}/graphql/v2`, FLY_API_URL: `${fly.url}/v1` };
});

afterEach(async () => {
  await Promise.all([render.close(), railway.close(), fly.close()]);
});

test('deploy: Render POSTs a deploy per service, Railway serviceInstanceDeployV2, Fly updates every live machine', async () => {
  const { code, stdout, stderr } = await runCli(['deploy', '--platform', 'railway,render,fly'], { settings: VALID, env: apiEnv });
  assert.equal(code, 0, stdout + stderr);
  assertNoSecrets(assert, stdout + stderr);

  assert.deepEqual(render.requests.map((r) => [r.method, r.path, r.body]), [
    ['POST', '/v1/services/srv-backend1/deploys', { clearCache: 'do_not_clear' }],
    ['POST', '/v1/services/srv-site1/deploys', { clearCache: 'do_not_clear' }],
  ]);
  assert.ok(render.requests.every((r) => r.headers.authorization === `Bearer ${VALID.RENDER_API_KEY}`));

  assert.equal(railway.requests.length, 1);
  assert.match(railway.requests[0].body.query, /^mutation serviceInstanceDeployV2\(\$serviceId: String!, \$environmentId: String!\)/);
  assert.deepEqual(railway.requests[0].body.variables, { serviceId: VALID.RAILWAY_SERVICE_ID, environmentId: VALID.RAILWAY_ENVIRONMENT_ID });
  assert.equal(railway.requests[0].headers['project-access-token'], VALID.RAILWAY_TOKEN);
  assert.match(stdout, /deployment new-4 started/);

  assert.deepEqual(fly.requests.map((r) => [r.method, r.path]), [
    ['GET', '/v1/apps/aiart-fallback/machines'],
    ['POST', '/v1/apps/aiart-fallback/secrets'],
    ['POST', '/v1/apps/aiart-fallback/machines/m1'],
    ['POST', '/v1/apps/aiart-fallback/machines/m2'],
  ]);
  // the current secrets version, learnt by unsetting a secret that does not exist (as `fly secrets sync` does)
  const [probe, ...others] = Object.entries(fly.requests[1].body.values);
  assert.deepEqual(others, []);
  assert.match(probe[0], /^AIART_DEPLOY_VERSION_PROBE_[0-9A-F]{12}$/);
  assert.equal(probe[1], null);
  assert.deepEqual(flyState.secrets, { AIART_IP_HASH_KEY: 'set-by-sync' }, 'no secret changed');
  // the machine keeps its whole config (services, guest, metadata); only a restart with the new secrets
  assert.deepEqual(fly.requests[2].body, { config: machineConfig(IMAGE_B), min_secrets_version: 8 });
  assert.match(stdout, /updated 2 machines \(m1, m2\), with secrets version 8 or newer/);
  assert.ok(fly.requests.every((r) => r.headers.authorization === `Bearer ${VALID.FLY_API_TOKEN}`));
});

test('deploy --image on Fly puts that image on every machine', async () => {
  const image = 'registry.fly.io/aiart-fallback:deployment-01JC';
  const { code } = await runCli(['deploy', '--platform', 'fly', '--image', image], { settings: VALID, env: apiEnv });
  assert.equal(code, 0);
  const updates = fly.requests.filter((r) => r.method === 'POST' && r.path.includes('/machines/'));
  assert.deepEqual(updates.map((r) => r.body), [{ config: machineConfig(image), min_secrets_version: 8 }, { config: machineConfig(image), min_secrets_version: 8 }]);
});

test('Fly: a secrets version not yet on the machines\' hosts (412) is asked again; one that never arrives fails, saying so', async () => {
  flyState.propagating = 2;
  const env = { ...apiEnv, FLY_SECRETS_WAIT_MS: '20' };
  const { code, stdout, stderr } = await runCli(['deploy', '--platform', 'fly'], { settings: VALID, env });
  assert.equal(code, 0, stdout + stderr);
  const m1 = fly.requests.filter((r) => r.path.endsWith('/machines/m1'));
  assert.equal(m1.length, 3, 'two 412s, then the update');
  assert.ok(m1.every((r) => r.body.min_secrets_version === 8));
  assert.equal(flyState.machines[0].secretsVersion, 8);

  flyState.propagating = 99;
  const never = await runCli(['deploy', '--platform', 'fly'], { settings: VALID, env });
  assert.equal(fly.requests.filter((r) => r.path.endsWith('/machines/m1')).length, 3 + 5, 'five tries, then it gives up');
  assert.equal(never.code, 1);
  assert.match(never.stderr, /fly: POST .*\/machines\/m1: HTTP 412 — min_secrets_version 9 is not yet available on this app/);
});

test('deploy needs only the ids and the token: settings still missing for sync do not block it', async () => {
  const settings = { ...VALID };
  delete settings.QUARKUS_MONGODB_CONNECTION_STRING;
  const { code } = await runCli(['deploy', '--platform', 'render-backend'], { settings, env: apiEnv });
  assert.equal(code, 0);
  assert.equal(render.requests.length, 1);
  const noToken = { ...VALID };
  delete noToken.RENDER_API_KEY;
  const refused = await runCli(['deploy', '--platform', 'render-backend'], { settings: noToken, env: apiEnv });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /RENDER_API_KEY missing/);
  assert.equal(render.requests.length, 1);
});

test('rollback: each platform goes back to the deploy before the live one that succeeded', async () => {
  const { code, stdout, stderr } = await runCli(['rollback', '--platform', 'railway,render-backend,fly'], { settings: VALID, env: apiEnv });
  assert.equal(code, 0, stdout + stderr);

  assert.deepEqual(render.requests.map((r) => [r.method, r.path, r.query, r.body]), [
    ['GET', '/v1/services/srv-backend1/deploys', { limit: '20' }, null],
    // dep-2 failed, so the previous successful deploy is dep-1
    ['POST', '/v1/services/srv-backend1/rollback', {}, { deployId: 'dep-1' }],
  ]);

  assert.deepEqual(railway.requests.map((r) => r.body.query.match(/^(query|mutation) (\w+)/)[2]), ['deployments', 'deploymentRollback']);
  assert.deepEqual(railway.requests[0].body.variables, {
    input: { projectId: VALID.RAILWAY_PROJECT_ID, environmentId: VALID.RAILWAY_ENVIRONMENT_ID, serviceId: VALID.RAILWAY_SERVICE_ID }, first: 20,
  });
  // d-2 crashed: the one before the running d-3 that had succeeded is d-1 (REMOVED when d-3 replaced it)
  assert.deepEqual(railway.requests[1].body.variables, { id: 'd-1' });
  // deploymentRollback(id: String!): Boolean! — nothing to select (the stand-in runs the schema)
  assert.equal(railway.requests[1].body.query, 'mutation deploymentRollback($id: String!) {\n  deploymentRollback(id: $id)\n}');
  assert.equal(railwayState.rolledBackTo, 'd-1');
  assert.match(stdout, /rolling back to d-1: requested/);

  assert.deepEqual(fly.requests.map((r) => [r.method, r.path]), [
    ['GET', '/v1/apps/aiart-fallback/machines'],
    ['POST', '/v1/apps/aiart-fallback/secrets'],
    ['GET', '/v1/apps/aiart-fallback/machines/m1/versions'],
    ['POST', '/v1/apps/aiart-fallback/machines/m1'],
    ['GET', '/v1/apps/aiart-fallback/machines/m2/versions'],
    ['POST', '/v1/apps/aiart-fallback/machines/m2'],
  ]);
  for (const r of fly.requests.filter((x) => x.method === 'POST' && x.path.includes('/machines/'))) assert.deepEqual(r.body, { config: machineConfig(IMAGE_A), min_secrets_version: 8 });
  assert.match(stdout, /rolling back to dep-1/);
  assert.match(stdout, /rolling back to d-1/);
});

test('rollback --to picks the deploy; with nothing earlier that succeeded, it fails without sending', async () => {
  const to = await runCli(['rollback', '--platform', 'render-backend', '--to', 'dep-0'], { settings: VALID, env: apiEnv });
  assert.equal(to.code, 0);
  assert.deepEqual(render.requests.map((r) => [r.method, r.body]), [['POST', { deployId: 'dep-0' }]]);

  const none = await runCli(['rollback', '--platform', 'render-site'], { settings: VALID, env: apiEnv });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /render-site: no earlier successful deploy to roll back to/);
  assert.equal(render.requests.filter((r) => r.path.includes('srv-site1') && r.method === 'POST').length, 0);
});

test('deploy --wait then waits for the backends to be healthy', async () => {
  const { backendStub } = await import('../test-support/stubs.mjs');
  const backend = await backendStub({ instance: 'fallback', readyAfter: 1 });
  try {
    const { code, stdout, stderr } = await runCli(['deploy', '--platform', 'render-backend', '--wait', '--interval', '0.05', '--timeout', '20'], {
      settings: { ...VALID, AIART_FALLBACK_URL: backend.url }, env: apiEnv,
    });
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /deploy dep-new5 started/);
    assert.match(stdout, new RegExp(`✓\\s+fallback\\s+${backend.url}`));
    assert.equal(backend.requests.filter((r) => r.path === '/q/health/ready').length, 2);
  } finally {
    await backend.close();
  }
});

test('usage: help, unknown commands and options', async () => {
  const help = await runCli(['help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: node deploy\/aiart-deploy.mjs <command>/);
  for (const cmd of ['check', 'sync', 'deploy', 'health', 'rollback']) assert.match(help.stdout, new RegExp(`^  ${cmd}\\s`, 'm'));
  const unknown = await runCli(['launch']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "launch"/);
  const badOption = await runCli(['check', '--fast']);
  assert.equal(badOption.code, 2);
  assert.match(badOption.stderr, /Unknown option '--fast'/);
});
