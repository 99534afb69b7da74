// `check`: missing and malformed settings are named per platform, with a non-zero exit;
// complete settings pass; secret values are never shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, VALID, assertNoSecrets } from '../test-support/cli.mjs';

const only = (names) => Object.fromEntries(Object.entries(VALID).filter(([k]) => names.includes(k)));
const without = (...names) => Object.fromEntries(Object.entries(VALID).filter(([k]) => !names.includes(k)));

/** The lines of one target's section. */
function section(stdout, target) {
  const start = stdout.indexOf(`\n${target} — `);
  assert.ok(start >= 0, `no section for ${target} in:\n${stdout}`);
  const end = stdout.indexOf('\n\n', start + 1);
  return stdout.slice(start, end < 0 ? undefined : end);
}

test('complete settings pass for every platform, and no secret is printed', async () => {
  const { code, stdout, stderr } = await runCli(['check', '--platform', 'railway,render'], { settings: VALID });
  assert.equal(code, 0, stdout + stderr);
  assert.match(stdout, /0 errors/);
  assert.match(stdout, /Ready for `sync`/);
  assertNoSecrets(assert, stdout + stderr);
  assert.match(section(stdout, 'railway'), /✓ AIART_IP_HASH_KEY\s+set \(64 characters\)/);
  assert.match(section(stdout, 'render-backend'), /✓ AIART_DATA_KEY\s+set \(1 key, k1 encrypts\)/);
});

test('the data key ring is required, and only a ring the backend accepts passes', async () => {
  const missing = await runCli(['check', '--platform', 'railway'], { settings: without('AIART_DATA_KEY') });
  assert.equal(missing.code, 1);
  assert.match(missing.stdout, /✗ AIART_DATA_KEY\s+missing: the key e-mails and prompts are encrypted with/);
  const rotated = `k2:${Buffer.alloc(32, 7).toString('base64')},${VALID.AIART_DATA_KEY}`;
  const ok = await runCli(['check', '--platform', 'railway'], { settings: { ...VALID, AIART_DATA_KEY: rotated } });
  assert.equal(ok.code, 0, ok.stdout);
  assert.match(ok.stdout, /✓ AIART_DATA_KEY\s+set \(2 keys, k2 encrypts\)/);
  assertNoSecrets(assert, ok.stdout + ok.stderr);
  assert.doesNotMatch(ok.stdout, /AAAA|BwcH/, 'no key material is shown');
  const cases = [
    ['dev:YWlhcnQtZGV2ZWxvcG1lbnQtZGF0YS1rZXktMzJieXQ=', /key dev is the development key/],
    [Buffer.alloc(32, 1).toString('base64'), /each key is written id:base64key/],
    [`k1:${Buffer.alloc(16, 1).toString('base64')}`, /key k1 is not 32 bytes in Base64/],
    [`k1:not base64!`, /key k1 is not 32 bytes/],
    [`${VALID.AIART_DATA_KEY},${VALID.AIART_DATA_KEY}`, /key id k1 is given twice/],
    [`k 1:${Buffer.alloc(32, 1).toString('base64')}`, /key id "k 1" must be/],
  ];
  for (const [value, message] of cases) {
    const { code, stdout } = await runCli(['check', '--platform', 'railway'], { settings: { ...VALID, AIART_DATA_KEY: value } });
    assert.equal(code, 1, value);
    assert.match(stdout, new RegExp(`✗ AIART_DATA_KEY\\s+${message.source}`), value);
  }
});

test('missing settings are named per platform and fail the check', async () => {
  const settings = without('QUARKUS_MONGODB_CONNECTION_STRING', 'AIART_IP_HASH_KEY', 'RENDER_API_KEY', 'RAILWAY_SERVICE_ID', 'AIART_FALLBACK_URL');
  const { code, stdout } = await runCli(['check', '--platform', 'railway,render'], { settings });
  assert.equal(code, 1);
  const railway = section(stdout, 'railway');
  assert.match(railway, /✗ RAILWAY_SERVICE_ID\s+missing/);
  assert.match(railway, /✗ QUARKUS_MONGODB_CONNECTION_STRING\s+missing/);
  assert.match(railway, /✗ AIART_IP_HASH_KEY\s+missing/);
  assert.match(railway, /✗ AIART_FALLBACK_URL\s+missing/, 'the primary needs the fallback URL for its peer checks');
  assert.doesNotMatch(railway, /RENDER_API_KEY/);
  const renderBackend = section(stdout, 'render-backend');
  assert.match(renderBackend, /✗ RENDER_API_KEY\s+missing/);
  assert.match(renderBackend, /✗ AIART_FALLBACK_URL\s+missing/);
  const site = section(stdout, 'render-site');
  assert.match(site, /✗ AIART_FALLBACK_URL\s+missing/);
  assert.doesNotMatch(site, /QUARKUS_MONGODB_CONNECTION_STRING/, 'the static site needs no database');
});

test('with no platform ids set, every platform is shown with what it lacks', async () => {
  const { code, stdout } = await runCli(['check'], { settings: only(['AIART_PRIMARY_URL', 'AIART_FALLBACK_URL']) });
  assert.equal(code, 1);
  for (const t of ['railway', 'render-backend', 'render-site', 'fly']) section(stdout, t);
  assert.match(stdout, /✗ FLY_APP\s+missing/);
  assert.match(stdout, /✗ RAILWAY_TOKEN or RAILWAY_API_TOKEN\s+missing/);
});

test('malformed values are explained', async () => {
  const settings = {
    ...VALID,
    QUARKUS_MONGODB_CONNECTION_STRING: 'mongodb+srv://aiart:<db_password>@cluster0.abcde.mongodb.net/?retryWrites=true',
    AIART_IP_HASH_KEY: 'aiart-development-key-change-me',
    AIART_CORS_ORIGINS: 'https://aiart-site.onrender.com/',
    AIART_PRIMARY_URL: 'https://aiart-primary.up.railway.app/api/v1',
    AIART_TRUSTED_PROXIES: 'one',
    RENDER_BACKEND_SERVICE_ID: 'aiart-fallback',
  };
  const { code, stdout } = await runCli(['check', '--platform', 'railway,render-backend'], { settings });
  assert.equal(code, 1);
  assert.match(stdout, /✗ QUARKUS_MONGODB_CONNECTION_STRING\s+still contains a placeholder/);
  assert.match(stdout, /✗ AIART_IP_HASH_KEY\s+is the development key/);
  assert.match(stdout, /✗ AIART_CORS_ORIGINS\s+"https:\/\/aiart-site.onrender.com\/" ends with \//);
  assert.match(stdout, /✗ AIART_PRIMARY_URL\s+must be the base URL, without \/api\/v1/);
  assert.match(stdout, /✗ AIART_TRUSTED_PROXIES\s+must be a whole number/);
  assert.match(stdout, /✗ RENDER_BACKEND_SERVICE_ID\s+must be srv-/);
});

test('connection strings: scheme, local hosts, escaped passwords', async () => {
  const cases = [
    ['postgres://u:p@db.example.org/aiart', /must start with mongodb\+srv:\/\/ \(Atlas\) or mongodb:\/\//],
    ['mongodb://localhost:27017', /which a hosted backend cannot reach/],
    ['mongodb+srv://aiart:p@ss@cluster0.abcde.mongodb.net/', /unescaped @/],
    ['mongodb+srv://aiart:pw@cluster0.abcde.mongodb.net:27017/', /without a port/],
  ];
  for (const [value, message] of cases) {
    const { code, stdout } = await runCli(['check', '--platform', 'railway'], { settings: { ...VALID, QUARKUS_MONGODB_CONNECTION_STRING: value } });
    assert.equal(code, 1, value);
    assert.match(stdout, message, value);
  }
});

test('a setting the backend does not read is reported as a typo, with the likely name', async () => {
  const { code, stdout } = await runCli(['check', '--platform', 'railway'], { settings: { ...VALID, AIART_CORS_ORIGIN: 'https://x.example' } });
  assert.equal(code, 1);
  assert.match(stdout, /✗ AIART_CORS_ORIGIN\s+no such setting.*did you mean AIART_CORS_ORIGINS\?/);
});

test('any backend setting in its environment form is accepted', async () => {
  const { code, stdout } = await runCli(['check', '--platform', 'railway'], { settings: { ...VALID, AIART_QUEUE_WORKERS: '1', AIART_RATE_LIMIT_ANONYMOUS: '4', AIART_STORE_EMBEDDED_DATA_DIR: 'memory' } });
  assert.equal(code, 0, stdout);
});

test('warnings do not fail unless --strict', async () => {
  const settings = without('AIART_PROVIDERS_STABILITY_API_KEY');
  const relaxed = await runCli(['check', '--platform', 'railway'], { settings });
  assert.equal(relaxed.code, 0);
  assert.match(relaxed.stdout, /! AIART_PROVIDERS_\*_API_KEY\s+none set: only the offline renderer/);
  const strict = await runCli(['check', '--platform', 'railway', '--strict'], { settings });
  assert.equal(strict.code, 1);
});

test('the process environment overrides the file (a CI secret), and an unknown platform is refused', async () => {
  const { code, stdout } = await runCli(['check', '--platform', 'railway'], {
    settings: without('AIART_IP_HASH_KEY'),
    env: { AIART_IP_HASH_KEY: VALID.AIART_IP_HASH_KEY },
  });
  assert.equal(code, 0, stdout);
  const bad = await runCli(['check', '--platform', 'heroku'], { settings: VALID });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown platform "heroku"/);
});

test('sign-in settings: the site and the backends name the same real Firebase project, never the emulator', async () => {
  const settings = {
    ...VALID,
    AIART_AUTH_PROJECT_ID: 'aiart-other',
    AIART_FIREBASE_AUTH_EMULATOR_URL: 'http://127.0.0.1:9099',
    AIART_AUTH_EMULATOR_HOST: '127.0.0.1:9099',
    AIART_AUTH_ALLOW_EMULATOR_IN_PROD: 'true',
    AIART_AUTH_ADMIN_EMAILS: 'owner@example.org, not-an-address',
    AIART_TESTING_CLOCK_OFFSET: '30s',
  };
  const { code, stdout, stderr } = await runCli(['check', '--platform', 'railway,render'], { settings });
  assert.equal(code, 1);
  assertNoSecrets(assert, stdout + stderr);
  const railway = section(stdout, 'railway');
  assert.match(railway, /✗ AIART_AUTH_PROJECT_ID\s+is aiart-other but the site signs in with AIART_FIREBASE_PROJECT_ID=aiart-prod/);
  assert.match(railway, /✗ AIART_AUTH_EMULATOR_HOST\s+is the local Auth emulator/);
  assert.match(railway, /✗ AIART_AUTH_ALLOW_EMULATOR_IN_PROD\s+lets anyone sign in/);
  assert.match(railway, /✗ AIART_AUTH_ADMIN_EMAILS\s+"not-an-address" is not an e-mail address/);
  assert.match(railway, /✗ AIART_TESTING_CLOCK_OFFSET\s+skews the backend's clock on purpose/);
  assert.match(section(stdout, 'render-site'), /✗ AIART_FIREBASE_AUTH_EMULATOR_URL\s+points the site at the local Auth emulator/);

  const demo = await runCli(['check', '--platform', 'railway'], { settings: { ...VALID, AIART_AUTH_PROJECT_ID: 'demo-aiart', AIART_FIREBASE_PROJECT_ID: 'demo-aiart' } });
  assert.equal(demo.code, 1);
  assert.match(section(demo.stdout, 'railway'), /✗ AIART_AUTH_PROJECT_ID\s+is demo-aiart, a project that exists only in the Auth emulator/);
});

test('sign-in and donations off are warnings that say what visitors lose; half the site settings is an error', async () => {
  const off = without('AIART_FIREBASE_API_KEY', 'AIART_FIREBASE_AUTH_DOMAIN', 'AIART_FIREBASE_PROJECT_ID', 'AIART_AUTH_PROJECT_ID', 'AIART_AUTH_ADMIN_EMAILS', 'AIART_DONATIONS_VERIFICATION_TOKEN');
  const { code, stdout } = await runCli(['check', '--platform', 'railway,render'], { settings: off });
  assert.equal(code, 0, stdout);
  assert.match(section(stdout, 'railway'), /! AIART_AUTH_PROJECT_ID\s+not set: sign-in is off/);
  assert.match(section(stdout, 'railway'), /! AIART_DONATIONS_VERIFICATION_TOKEN\s+not set: the Ko-fi webhook is off/);
  assert.match(section(stdout, 'render-site'), /! AIART_FIREBASE_\*\s+not set/);

  const half = await runCli(['check', '--platform', 'render-site'], { settings: without('AIART_FIREBASE_AUTH_DOMAIN') });
  assert.equal(half.code, 1);
  assert.match(section(half.stdout, 'render-site'), /✗ AIART_FIREBASE_AUTH_DOMAIN\s+missing/);
});
