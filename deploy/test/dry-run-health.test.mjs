// --dry-run sends nothing and shows what would be sent with secret values masked;
// `health` waits for backends to wake and tells which did not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, VALID, assertNoSecrets } from '../test-support/cli.mjs';
import { renderStub, railwayStub, flyStub, backendStub, siteStub } from '../test-support/stubs.mjs';

let render, railway, fly, apiEnv;

before(async () => {
  [render, railway, fly] = await Promise.all([
    renderStub({ token: VALID.RENDER_API_KEY, services: {} }),
    railwayStub({ projectToken: VALID.RAILWAY_TOKEN, variables: {}, deployments: [] }),
    flyStub({ token: VALID.FLY_API_TOKEN, app: VALID.FLY_APP, secrets: {}, machines: [] }),
  ]);
  apiEnv = { RENDER_API_URL: `${render.url}/v1`, RAILWAY_API_URL: `${railway.url}/graphql/v2`, FLY_API_URL: `${fly.url}/v1` };
});

after(async () => {
  await Promise.all([render.close(), railway.close(), fly.close()]);
});

const sentNothing = () => {
  assert.equal(render.requests.length, 0, 'Render got a request');
  assert.equal(railway.requests.length, 0, 'Railway got a request');
  assert.equal(fly.requests.length, 0, 'Fly got a request');
};

test('sync --dry-run: every write it would make, values of secrets masked, nothing sent', async () => {
  const { code, stdout, stderr } = await runCli(['sync', '--dry-run', '--platform', 'railway,render,fly'], { settings: VALID, env: apiEnv });
  assert.equal(code, 0, stdout + stderr);
  sentNothing();
  assertNoSecrets(assert, stdout + stderr);
  assert.match(stdout, new RegExp(`would send PUT ${render.url}/v1/services/srv-backend1/env-vars/AIART_IP_HASH_KEY`));
  assert.match(stdout, /Authorization: <RENDER_API_KEY>/);
  assert.match(stdout, /\{"value":"<secret, 64 characters>"\}/);
  // not secret: shown as is, so the operator can read what goes where
  assert.match(stdout, /\{"value":"https:\/\/aiart-primary.up.railway.app"\}/);
  assert.match(stdout, new RegExp(`would send POST ${railway.url}/graphql/v2`));
  assert.match(stdout, /Project-Access-Token: <RAILWAY_TOKEN>/);
  assert.match(stdout, /"QUARKUS_MONGODB_CONNECTION_STRING":"<secret, \d+ characters>"/);
  assert.match(stdout, /"skipDeploys":true/);
  // the service settings, unread in a dry run, are all shown as they would be sent
  assert.match(stdout, /mutation serviceInstanceUpdate\(.*"region":"europe-west4-drams3a"/s);
  assert.match(stdout, /would set\s+healthcheckPath/);
  assert.match(stdout, new RegExp(`would send POST ${fly.url}/v1/apps/aiart-fallback/secrets`));
});

test('deploy and rollback --dry-run send nothing either, and work without tokens', async () => {
  const settings = { ...VALID };
  delete settings.RENDER_API_KEY;
  delete settings.RAILWAY_TOKEN;
  delete settings.FLY_API_TOKEN;
  for (const cmd of ['deploy', 'rollback']) {
    const { code, stdout, stderr } = await runCli([cmd, '--dry-run', '--platform', 'railway,render,fly'], { settings, env: apiEnv });
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, cmd === 'deploy' ? /would send POST .*\/services\/srv-backend1\/deploys/ : /would send POST .*\/services\/srv-backend1\/rollback/);
    assert.match(stdout, cmd === 'deploy' ? /mutation serviceInstanceDeployV2/ : /mutation deploymentRollback/);
  }
  sentNothing();
});

test('health: polls until every backend is ready, then prints the table', async () => {
  const primary = await backendStub({ instance: 'primary', readyAfter: 2 });
  const fallback = await backendStub({ instance: 'fallback' });
  const site = await siteStub(`window.AIART_CONFIG = Object.freeze({"primaryUrl":"${primary.url}","fallbackUrl":"${fallback.url}"});`);
  try {
    const { code, stdout, stderr } = await runCli(['health', '--interval', '0.05', '--timeout', '20'], {
      settings: { AIART_PRIMARY_URL: primary.url, AIART_FALLBACK_URL: fallback.url, AIART_CORS_ORIGINS: site.url },
    });
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /\/q\/health\/ready\s+\/api\/v1\/health/);
    assert.match(stdout, new RegExp(`✓\\s+primary\\s+${primary.url}\\s+200 .*healthy, instance primary, v1.0.0, queue 0`));
    assert.match(stdout, new RegExp(`✓\\s+fallback\\s+${fallback.url}\\s+200`));
    assert.match(stdout, /✓\s+site\s+.*names the primary/);
    // the primary answered 503 twice before it was ready: it was asked again each time
    assert.equal(primary.requests.filter((r) => r.path === '/q/health/ready').length, 3);
    assert.ok(fallback.requests.some((r) => r.path === '/api/v1/health'));
  } finally {
    await Promise.all([primary.close(), fallback.close(), site.close()]);
  }
});

test('health: a backend that never gets ready fails the command after the timeout, naming it', async () => {
  const primary = await backendStub({ never: true });
  const fallback = await backendStub({ instance: 'fallback' });
  try {
    const started = Date.now();
    const { code, stdout } = await runCli(['health', '--interval', '0.1', '--timeout', '1', '--platform', 'railway,render-backend'], {
      settings: { AIART_PRIMARY_URL: primary.url, AIART_FALLBACK_URL: fallback.url },
    });
    assert.equal(code, 1);
    assert.ok(Date.now() - started < 8000, 'gives up near the timeout');
    assert.match(stdout, new RegExp(`✗\\s+primary\\s+${primary.url}\\s+503`));
    assert.match(stdout, /✓\s+fallback/);
    assert.match(stdout, /Not healthy within 1 s: primary/);
  } finally {
    await Promise.all([primary.close(), fallback.close()]);
  }
});
