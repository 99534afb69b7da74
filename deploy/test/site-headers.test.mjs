// render.yaml's static-site headers are the list scripts/serve.mjs sends (frontend/scripts/
// security-headers.mjs), with the backends given as the platforms' host patterns, since the
// blueprint is applied before the backends' URLs exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { REPO_ROOT } from '../lib/config-keys.mjs';

const { deployedSecurityHeaders, DEPLOY_BACKEND_SOURCES } = await import(path.join(REPO_ROOT, 'frontend/scripts/security-headers.mjs'));
const site = YAML.parse(readFileSync(path.join(REPO_ROOT, 'render.yaml'), 'utf8')).services.find((s) => s.runtime === 'static');

test("render.yaml's static site sends exactly the security headers of make run's server, for every path", () => {
  const sent = site.headers.filter((h) => h.path === '/*').map((h) => [h.name, h.value]);
  assert.deepEqual(sent, deployedSecurityHeaders());
});

test('the deployed CSP allows the platforms the backends are deployed to, and forbids framing', () => {
  const csp = site.headers.find((h) => h.path === '/*' && h.name === 'Content-Security-Policy').value;
  for (const source of DEPLOY_BACKEND_SOURCES) assert.match(csp, new RegExp(`connect-src [^;]*${source.replace(/[.*]/g, '\\$&')}`));
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(site.headers.find((h) => h.path === '/*' && h.name === 'X-Frame-Options').value, 'DENY');
});
