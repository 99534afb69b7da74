// `check --canary`: the configured Gemini models asked of a stand-in (127.0.0.1 only, never the
// network) that answers models.get as Google does — the model, or 404 with Google's NOT_FOUND body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { runCli, VALID, assertNoSecrets } from '../test-support/cli.mjs';
import { geminiModels } from '../lib/canary.mjs';

const GEMINI_KEY = 'gemini-key-never-printed-0123';
const DEFAULTS = [...geminiModels({}).keys()]; // read from ProvidersConfig.java, as the CLI reads them

/** A stand-in Gemini API knowing `known`; a path in `plain404` answers a bare 404 (a proxy's, not Google's). */
async function geminiStandIn(known, { plain404 = [] } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url, key: req.headers['x-goog-api-key'] });
    const id = decodeURIComponent(req.url.replace(/^\/v1beta\/models\//, ''));
    if (plain404.includes(id)) { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<html>Not Found</html>'); return; }
    if (req.headers['x-goog-api-key'] !== GEMINI_KEY) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 400, message: 'API key not valid.', status: 'INVALID_ARGUMENT' } }));
      return;
    }
    const found = known.includes(id);
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(found ? { name: `models/${id}`, version: '001', displayName: id }
      : { error: { code: 404, message: `models/${id} is not found for API version v1beta, or is not supported for get.`, status: 'NOT_FOUND' } }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

const settings = (url) => ({ ...VALID, AIART_PROVIDERS_GEMINI_API_KEY: GEMINI_KEY, AIART_PROVIDERS_GEMINI_BASE_URL: url });

test('a retired model is named with the setting to change, and fails the check', async () => {
  const [retired, ...rest] = DEFAULTS;
  const stub = await geminiStandIn(rest);
  try {
    const { code, stdout, stderr } = await runCli(['check', '--platform', 'railway', '--canary'], { settings: settings(stub.url) });
    assert.equal(code, 1, stdout + stderr);
    const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(stdout, new RegExp(`✗ gemini ${esc(retired)}\\s+does not exist upstream \\(404 NOT_FOUND\\) — set AIART_PROVIDERS_GEMINI_\\w+_MODEL`));
    for (const model of rest) assert.match(stdout, new RegExp(`✓ gemini ${esc(model)}\\s+exists upstream`));
    assert.match(stdout, /! stability\s+not checkable/, 'Stability has a key in the settings: reported, never judged');
    assert.match(stdout, /1 missing model,/);
    assert.equal(stub.requests.length, DEFAULTS.length, 'one models.get per distinct model');
    assert.ok(stub.requests.every((r) => r.key === GEMINI_KEY), 'the key goes in x-goog-api-key');
    assertNoSecrets(assert, stdout + stderr);
    assert.ok(!(stdout + stderr).includes(GEMINI_KEY), 'the Gemini key is not printed');
  } finally {
    await stub.close();
  }
});

test('every model known: the canary passes; a 404 that is not Google\'s is a warning, not a missing model', async () => {
  const stub = await geminiStandIn(DEFAULTS, { plain404: [DEFAULTS[0]] });
  try {
    const { code, stdout } = await runCli(['check', '--platform', 'railway', '--canary'], { settings: settings(stub.url) });
    assert.equal(code, 0, stdout);
    assert.match(stdout, /! gemini \S+\s+could not be checked \(HTTP 404\)/);
    assert.match(stdout, /0 missing models,/);
  } finally {
    await stub.close();
  }
});

test('without --canary nothing is asked of the services', async () => {
  const stub = await geminiStandIn([]);
  try {
    const { code, stdout } = await runCli(['check', '--platform', 'railway'], { settings: settings(stub.url) });
    assert.equal(code, 0, stdout);
    assert.equal(stub.requests.length, 0);
    assert.doesNotMatch(stdout, /model canary/);
  } finally {
    await stub.close();
  }
});
