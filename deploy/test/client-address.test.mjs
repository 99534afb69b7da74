// `health` asks each backend which address it takes for the caller (GET /api/v1/client-address),
// behind stand-ins of each platform's proxy that put the visitor's address where that platform
// does (test-support/stubs.mjs, platformProxyStub), in front of a backend stand-in that applies
// the backend's rule: the named header, else the X-Forwarded-For hop count, else the peer.
// The platform files' settings (lib/targets.mjs CLIENT_ADDRESS) must pass; the old one-hop
// setting must fail on every platform, naming the setting to fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../test-support/cli.mjs';
import { backendStub, platformProxyStub } from '../test-support/stubs.mjs';
import { CLIENT_ADDRESS } from '../lib/targets.mjs';
import { nonPublicKind } from '../lib/health.mjs';

const VISITOR = '203.0.113.7';
const FORGED = '6.6.6.6';
const TARGET = { railway: 'railway', render: 'render-backend', fly: 'fly' };
const HEALTH = ['health', '--interval', '0.05', '--timeout', '20'];

/** A backend with `settings` behind `platform`'s proxy; the settings as the platform files name them. */
async function behind(platform, settings, { forged = FORGED, instance = 'primary' } = {}) {
  const backend = await backendStub({
    instance, clientAddress: true,
    clientIpHeader: settings.AIART_CLIENT_IP_HEADER ?? '', trustedProxies: Number(settings.AIART_TRUSTED_PROXIES ?? 0),
  });
  const proxy = await platformProxyStub(platform, { upstream: backend.url, client: VISITOR, forged });
  return { url: proxy.url, backend, close: () => Promise.all([proxy.close(), backend.close()]) };
}

/** The settings file that makes `health` poll this one backend as `platform`'s. */
function settingsFor(platform, url) {
  if (platform === 'railway') return { AIART_PRIMARY_URL: url };
  if (platform === 'fly') return { FLY_APP: 'aiart-fallback', FLY_URL: url, AIART_FALLBACK_URL: url };
  return { AIART_FALLBACK_URL: url };
}

for (const platform of ['railway', 'render', 'fly']) {
  test(`${platform}: the platform file's settings take the visitor's address — by the header, and by the hop count alone; a forged entry changes nothing`, async () => {
    const header = CLIENT_ADDRESS[platform].AIART_CLIENT_IP_HEADER;
    for (const [settings, source] of [
      [CLIENT_ADDRESS[platform], `header ${header}`],
      [{ AIART_TRUSTED_PROXIES: CLIENT_ADDRESS[platform].AIART_TRUSTED_PROXIES }, 'x-forwarded-for'],
    ]) {
      const b = await behind(platform, settings);
      try {
        const { code, stdout, stderr } = await runCli([...HEALTH, '--platform', TARGET[platform], '--client-ip', VISITOR], { settings: settingsFor(platform, b.url) });
        assert.equal(code, 0, stdout + stderr);
        assert.match(stdout, new RegExp(`✓\\s+\\w+\\s+${VISITOR.replaceAll('.', '\\.')}\\s+${source}`), stdout);
        assert.equal(b.backend.requests.filter((r) => r.path === '/api/v1/client-address').length, 3, 'asked a few times');
      } finally {
        await b.close();
      }
    }
  });
}

test('render: one hop takes Render\'s internal 10.x address — fails, naming True-Client-IP', async () => {
  const b = await behind('render', { AIART_TRUSTED_PROXIES: '1' });
  try {
    const { code, stdout, stderr } = await runCli([...HEALTH, '--platform', 'render-backend'], { settings: settingsFor('render', b.url) });
    assert.equal(code, 1, stdout + stderr);
    assert.match(stdout, /✗\s+fallback\s+10\.19\.6\.\d+.*x-forwarded-for\s+a private address/);
    assert.match(stderr, /fallback takes 10\.19\.6\.\d+.* a private address, a proxy's, which every visitor would share .* set AIART_CLIENT_IP_HEADER=True-Client-IP \(fallback AIART_TRUSTED_PROXIES=3\) on Render, in render\.yaml/);
  } finally {
    await b.close();
  }
});

test('railway: one hop takes Railway\'s edge, another at each request — fails, naming X-Real-IP', async () => {
  const b = await behind('railway', { AIART_TRUSTED_PROXIES: '1' });
  try {
    const { code, stdout, stderr } = await runCli([...HEALTH, '--platform', 'railway'], { settings: settingsFor('railway', b.url) });
    assert.equal(code, 1, stdout + stderr);
    assert.match(stdout, /✗\s+primary\s+152\.233\.33\.\d+, 152\.233\.33\.\d+.*changes between requests/);
    assert.match(stderr, /primary takes a different address at each request .* set AIART_CLIENT_IP_HEADER=X-Real-IP \(fallback AIART_TRUSTED_PROXIES=2\) on Railway, pushed by `sync`/);
  } finally {
    await b.close();
  }
});

test('fly: one hop takes the app\'s own public IP — fails against the primary, and against --client-ip, naming Fly-Client-IP', async () => {
  const primary = await behind('railway', CLIENT_ADDRESS.railway);
  const fallback = await behind('fly', { AIART_TRUSTED_PROXIES: '1' }, { instance: 'fallback' });
  try {
    const settings = { ...settingsFor('railway', primary.url), ...settingsFor('fly', fallback.url) };
    const both = await runCli([...HEALTH, '--platform', 'railway,fly'], { settings });
    assert.equal(both.code, 1, both.stdout + both.stderr);
    assert.match(both.stdout, /✗\s+primary\s+203\.0\.113\.7\s+header X-Real-IP\s+the backends disagree/);
    assert.match(both.stdout, /✗\s+fly\s+66\.241\.125\.40\s+x-forwarded-for\s+the backends disagree/);
    assert.match(both.stderr, /the backends disagree about your address \(primary 203\.0\.113\.7 via header X-Real-IP; fly 66\.241\.125\.40 via x-forwarded-for\).*--client-ip.*AIART_CLIENT_IP_HEADER=Fly-Client-IP/);

    const told = await runCli([...HEALTH, '--platform', 'fly', '--client-ip', VISITOR], { settings: settingsFor('fly', fallback.url) });
    assert.equal(told.code, 1);
    assert.match(told.stderr, /fly takes 66\.241\.125\.40 \(x-forwarded-for\) for your address, which is 203\.0\.113\.7 — set AIART_CLIENT_IP_HEADER=Fly-Client-IP \(fallback AIART_TRUSTED_PROXIES=2\) on Fly, in fly\.toml \[env\]/);
  } finally {
    await Promise.all([primary.close(), fallback.close()]);
  }
});

test('no setting at all: every visitor is the proxy (the peer, loopback here) — fails', async () => {
  const b = await behind('fly', {});
  try {
    const { code, stdout, stderr } = await runCli([...HEALTH, '--platform', 'fly'], { settings: settingsFor('fly', b.url) });
    assert.equal(code, 1, stdout + stderr);
    assert.match(stdout, /✗\s+fly\s+127\.0\.0\.1\s+peer\s+a loopback address/);
  } finally {
    await b.close();
  }
});

test('an older backend without the endpoint is reported, not failed; a malformed --client-ip is refused', async () => {
  const old = await backendStub({ instance: 'primary' });
  try {
    const { code, stdout, stderr } = await runCli([...HEALTH, '--platform', 'railway'], { settings: { AIART_PRIMARY_URL: old.url } });
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /-\s+primary\s+-\s+-\s+not checked: this backend serves no \/api\/v1\/client-address \(an older version/);
  } finally {
    await old.close();
  }
  const bad = await runCli(['health', '--client-ip', '203.0.113'], { settings: { AIART_PRIMARY_URL: 'http://127.0.0.1:9' } });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--client-ip: "203\.0\.113" is not an IP address/);
});

test('what counts as a proxy\'s address: private, CGNAT, loopback, link-local, unspecified — v4, v6 and v4-mapped', () => {
  for (const a of ['10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.0.1', '100.64.0.1', '100.127.255.255', '127.0.0.1', '169.254.1.1', '0.0.0.0', '::1', '::', 'fc00::1', 'fd12::1', 'fe80::1', '::ffff:10.0.0.1']) {
    assert.ok(nonPublicKind(a), a);
  }
  for (const a of ['203.0.113.7', '172.32.0.1', '172.15.0.1', '100.128.0.1', '66.241.125.40', '2001:db8::7', '2a01:4f8::1', '::ffff:203.0.113.7']) {
    assert.equal(nonPublicKind(a), null, a);
  }
});
