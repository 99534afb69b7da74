// scripts/serve.mjs: runtime config.js, cache headers, clean URLs, 404, no path traversal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSiteServer } from '../scripts/serve.mjs';
import { configFromEnv } from '../scripts/config.mjs';

const SERVE = fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url));
let base, root, server, url;

before(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'aiart-serve-'));
  root = path.join(base, 'dist');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>AiArt</title><script src="/config.js"></script>');
  writeFileSync(path.join(root, 'gallery.html'), '<!doctype html><title>Gallery</title>');
  writeFileSync(path.join(root, '404.html'), '<!doctype html><title>Lost</title>');
  writeFileSync(path.join(root, 'assets', 'main-AbC123.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'main-AbC123.css'), 'body{}');
  writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(base, 'secret.txt'), 'TOP-SECRET');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.txt'));
  server = createSiteServer({ root, env: { AIART_PRIMARY_URL: 'https://primary.example.org/', AIART_FALLBACK_URL: 'https://fallback.example.org' } });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(base, { recursive: true, force: true });
});

/** Raw request: the path is sent exactly as written (no client-side normalisation). */
function get(rawPath, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url + '/', { method, path: rawPath, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('/config.js reflects the environment, is not cached and is JavaScript', async () => {
  const res = await get('/config.js');
  assert.equal(res.status, 200);
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.match(res.headers['content-type'], /^text\/javascript/);
  const window = {};
  new Function('window', res.body)(window);
  assert.equal(window.AIART_CONFIG.primaryUrl, 'https://primary.example.org');
  assert.equal(window.AIART_CONFIG.fallbackUrl, 'https://fallback.example.org');
});

test('config defaults and validation', () => {
  assert.deepEqual(configFromEnv({}), { primaryUrl: 'http://localhost:8081', fallbackUrl: 'http://localhost:8082' });
  assert.equal(configFromEnv({ AIART_ATTEMPT_TIMEOUT_MS: '5000' }).attemptTimeoutMs, 5000);
  assert.throws(() => configFromEnv({ AIART_PRIMARY_URL: 'not a url' }), /AIART_PRIMARY_URL/);
  assert.throws(() => configFromEnv({ AIART_COOLDOWN_MS: '-1' }), /AIART_COOLDOWN_MS/);
});

test('HTML is no-cache; hashed assets are immutable; other files cached briefly', async () => {
  const index = await get('/');
  assert.equal(index.status, 200);
  assert.match(index.body, /<title>AiArt<\/title>/);
  assert.equal(index.headers['cache-control'], 'no-cache');
  assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');

  const js = await get('/assets/main-AbC123.js');
  assert.equal(js.status, 200);
  assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.match(js.headers['content-type'], /^text\/javascript/);

  const css = await get('/assets/main-AbC123.css');
  assert.match(css.headers['content-type'], /^text\/css/);

  const svg = await get('/favicon.svg');
  assert.equal(svg.headers['content-type'], 'image/svg+xml');
  assert.equal(svg.headers['cache-control'], 'public, max-age=3600');
  assert.equal(svg.headers['x-content-type-options'], 'nosniff');
});

test('clean URLs: /gallery → gallery.html, /index → index.html', async () => {
  const gallery = await get('/gallery');
  assert.equal(gallery.status, 200);
  assert.match(gallery.body, /Gallery/);
  assert.equal(gallery.headers['cache-control'], 'no-cache');
  assert.equal((await get('/gallery.html')).status, 200);
  assert.equal((await get('/?utm=x')).status, 200);
});

test('unknown paths are 404 with the 404 page', async () => {
  for (const p of ['/nope', '/signin', '/assets/missing-123.js', '/.env']) {
    const res = await get(p);
    assert.equal(res.status, 404, p);
    assert.match(res.body, /Lost/);
    assert.equal(res.headers['cache-control'], 'no-cache');
  }
});

test('path traversal outside dist is refused', async () => {
  for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2f%2e%2e%2fsecret.txt', '/..\\secret.txt', '/link.txt', '/%00', '/%E0%A4%A']) {
    const res = await get(p);
    assert.ok([400, 403, 404].includes(res.status), `${p} → ${res.status}`);
    assert.doesNotMatch(res.body, /TOP-SECRET/, p);
  }
});

test('HEAD has headers and no body; other methods are 405; ETag gives 304', async () => {
  const head = await get('/', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.ok(Number(head.headers['content-length']) > 0);
  assert.equal((await get('/', { method: 'POST' })).status, 405);
  const again = await get('/', { headers: { 'If-None-Match': head.headers.etag } });
  assert.equal(again.status, 304);
});

test('the CLI prints its URL, takes --port and PORT, and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [SERVE, '--port', '0', '--root', root], {
    env: { ...process.env, PORT: '1', HOST: '127.0.0.1', AIART_PRIMARY_URL: 'https://cli.example.org' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const port = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        const m = out.match(/AiArt site: http:\/\/localhost:(\d+)/);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    assert.ok(port > 1, '--port wins over PORT');
    const res = await fetch(`http://127.0.0.1:${port}/config.js`);
    assert.match(await res.text(), /https:\/\/cli\.example\.org/);
  } finally {
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    assert.deepEqual(await exited, { code: 0, signal: null });
  }
});
