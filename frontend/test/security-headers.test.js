// scripts/security-headers.mjs and scripts/serve.mjs: every answer of the site carries a CSP that
// names exactly the configured backends and Firebase, forbids framing, and the usual companions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSiteServer } from '../scripts/serve.mjs';
import { contentSecurityPolicy, securityHeadersForConfig, FIREBASE_AUTH_ORIGINS } from '../scripts/security-headers.mjs';
import { configFromEnv } from '../scripts/config.mjs';

const ENV = {
  AIART_PRIMARY_URL: 'https://primary.example.org/api-base/',
  AIART_FALLBACK_URL: 'http://127.0.0.1:18382',
  AIART_FIREBASE_API_KEY: 'demo-key',
  AIART_FIREBASE_PROJECT_ID: 'demo-aiart',
  AIART_FIREBASE_AUTH_EMULATOR_URL: 'http://127.0.0.1:18399',
};
let base, server, url;

before(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'aiart-headers-'));
  mkdirSync(path.join(base, 'assets'), { recursive: true });
  writeFileSync(path.join(base, 'index.html'), '<!doctype html><title>AiArt</title>');
  writeFileSync(path.join(base, 'assets', 'main-AbC123.js'), 'console.log(1)');
  server = createSiteServer({ root: base, env: ENV });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(base, { recursive: true, force: true });
});

function directives(csp) {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

test('every answer carries the security headers: pages, config.js, assets, 404, 405', async () => {
  const expected = securityHeadersForConfig(configFromEnv(ENV));
  for (const [pathname, method] of [['/', 'GET'], ['/config.js', 'GET'], ['/assets/main-AbC123.js', 'GET'], ['/nope', 'GET'], ['/', 'POST'], ['/', 'HEAD']]) {
    const res = await fetch(url + pathname, { method });
    for (const [name, value] of expected) assert.equal(res.headers.get(name), value, `${method} ${pathname}: ${name}`);
  }
});

test('the CSP allows the site itself, the two backends, Firebase Auth and the emulator, and nothing else', async () => {
  const csp = directives((await fetch(url + '/')).headers.get('content-security-policy'));
  const backends = ['https://primary.example.org', 'http://127.0.0.1:18382'];
  assert.deepEqual(csp.get('default-src'), ["'self'"]);
  assert.deepEqual(csp.get('script-src'), ["'self'"], 'no inline or foreign scripts');
  assert.deepEqual(csp.get('style-src'), ["'self'"]);
  assert.deepEqual(csp.get('img-src'), ["'self'", 'data:', 'blob:', ...backends], 'results and upload previews');
  assert.deepEqual(csp.get('media-src'), ["'self'", 'blob:', ...backends], 'video results');
  assert.deepEqual(csp.get('connect-src'), ["'self'", ...backends, ...FIREBASE_AUTH_ORIGINS, 'http://127.0.0.1:18399']);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(csp.get('object-src'), ["'none'"]);
  assert.deepEqual(csp.get('base-uri'), ["'self'"]);
  assert.deepEqual(csp.get('form-action'), ["'self'"]);
});

test('without sign-in settings Firebase is not allowed; the default backends are', () => {
  const csp = directives(securityHeadersForConfig(configFromEnv({})).find(([n]) => n === 'Content-Security-Policy')[1]);
  assert.deepEqual(csp.get('connect-src'), ["'self'", 'http://localhost:8081', 'http://localhost:8082']);
});

test('one backend named twice is listed once; CSP sources with wildcards are kept as they are', () => {
  const csp = directives(contentSecurityPolicy({ backends: ['https://a.example.org/x', 'https://a.example.org', 'https://*.fly.dev'] }));
  assert.deepEqual(csp.get('connect-src'), ["'self'", 'https://a.example.org', 'https://*.fly.dev']);
});
