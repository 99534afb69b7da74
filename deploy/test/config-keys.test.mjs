// What the tool and the file test believe the backend reads is derived from its source:
// the @ConfigMapping tree, application.properties and the JAX-RS resources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backendConfigKeys, backendEnvNames, resourcePaths, healthPaths, toEnvName, kebab } from '../lib/config-keys.mjs';
import { parseEnvFile, makeRedactor, shown } from '../lib/env.mjs';
import { desiredEnv } from '../lib/targets.mjs';
import { SITE_KEYS as FRONTEND_KEYS } from '../lib/site-keys.mjs';

test('the aiart.* keys follow SmallRye naming: kebab-case, @WithName, nested groups and other files', () => {
  const { keys, env } = backendConfigKeys();
  for (const key of ['aiart.instance', 'aiart.ip-hash-key', 'aiart.trusted-proxies', 'aiart.cors.origins', 'aiart.peers.urls',
    'aiart.store.embedded.data-dir', 'aiart.rate-limit.anonymous', 'aiart.alerts.webhook-url',
    'aiart.providers.stability.api-key', 'aiart.providers.stability.sd3-model', 'aiart.providers.chain.text-to-image', 'aiart.retention']) {
    assert.ok(keys.includes(key), key);
  }
  // groups are not keys, and default methods (Chain.forKind) are not either
  for (const notKey of ['aiart.store', 'aiart.providers', 'aiart.providers.chain', 'aiart.providers.chain.for-kind']) assert.ok(!keys.includes(notKey), notKey);
  assert.equal(env.get('AIART_PROVIDERS_GEMINI_API_KEY'), 'aiart.providers.gemini.api-key');
  assert.equal(env.get('AIART_STORE_EMBEDDED_DATA_DIR'), 'aiart.store.embedded.data-dir');
  // mappings of their own under aiart.* (donation/DonationsConfig.java) and nested ones (auth)
  assert.equal(env.get('AIART_DONATIONS_VERIFICATION_TOKEN'), 'aiart.donations.verification-token');
  assert.equal(env.get('AIART_AUTH_ADMIN_EMAILS'), 'aiart.auth.admin-emails');
});

test('environment names: SmallRye\'s rule, plus the Quarkus keys deployments set', () => {
  assert.equal(toEnvName('aiart.rate-limit.max-retry-after'), 'AIART_RATE_LIMIT_MAX_RETRY_AFTER');
  assert.equal(kebab('sd3Model'), 'sd3-model');
  assert.equal(kebab('maxResultBytes'), 'max-result-bytes');
  const names = backendEnvNames();
  for (const n of ['QUARKUS_MONGODB_CONNECTION_STRING', 'QUARKUS_HTTP_PORT', 'QUARKUS_SHUTDOWN_TIMEOUT', 'AIART_QUEUE_MAX']) assert.ok(names.has(n), n);
  assert.ok(!names.has('AIART_PRIMARY_URL'), 'a site setting, not a backend one');
});

test('served paths: the resources\' @Path values (not the REST clients\'), and the health endpoints', () => {
  const paths = resourcePaths();
  for (const p of ['/api/v1/health', '/api/v1/generate/text-to-image', '/api/v1/jobs/{id}', '/api/v1/jobs/{id}/events', '/api/v1/limits', '/api/v1/backends']) {
    assert.ok(paths.has(p), p);
  }
  assert.ok(![...paths].some((p) => p.startsWith('/v2beta') || p.startsWith('/v1beta')), 'upstream client paths are not served');
  assert.deepEqual([...healthPaths()].sort(), ['/q/health', '/q/health/live', '/q/health/ready', '/q/health/started']);
});

test('env files: quotes, comments, export, errors by line', () => {
  const { vars, errors } = parseEnvFile([
    '# comment', 'export A=1', 'B = two words  # trailing', "C='a # not a comment'", 'D="line\\nbreak \\"q\\""', 'E=', 'not a line', "F='open",
  ].join('\n'));
  assert.deepEqual(vars, { A: '1', B: 'two words', C: 'a # not a comment', D: 'line\nbreak "q"', E: '' });
  assert.deepEqual(errors, ['line 7: expected NAME=value', "line 8: F: missing closing '"]);
});

test('secrets are shown as their length and scrubbed from any text', () => {
  assert.equal(shown('AIART_IP_HASH_KEY', 'abcdef'), '<secret, 6 characters>');
  assert.equal(shown('AIART_CORS_ORIGINS', 'https://x.example'), 'https://x.example');
  const redact = makeRedactor({ RENDER_API_KEY: 'rnd_secret', AIART_INSTANCE: 'primary' });
  assert.equal(redact('401 for rnd_secret on primary'), '401 for **** on primary');
});

test('what each target receives: backend settings, its role, its peer; the site only its URLs', () => {
  const env = {
    AIART_PRIMARY_URL: 'https://p.example', AIART_FALLBACK_URL: 'https://f.example/', AIART_CORS_ORIGINS: 'https://s.example',
    AIART_IP_HASH_KEY: 'k', QUARKUS_MONGODB_CONNECTION_STRING: 'm', QUARKUS_HTTP_PORT: '9999', RENDER_API_KEY: 'r', AIART_QUEUE_WORKERS: '1',
  };
  const ctx = { backendNames: backendEnvNames(), frontendKeys: FRONTEND_KEYS };
  assert.deepEqual(desiredEnv('railway', env, ctx), {
    AIART_CORS_ORIGINS: 'https://s.example', AIART_IP_HASH_KEY: 'k', QUARKUS_MONGODB_CONNECTION_STRING: 'm', AIART_QUEUE_WORKERS: '1',
    AIART_INSTANCE: 'primary', AIART_CLIENT_IP_HEADER: 'X-Real-IP', AIART_TRUSTED_PROXIES: '2', AIART_PEERS_URLS: 'https://f.example',
  });
  assert.deepEqual(desiredEnv('render-backend', env, ctx), {
    AIART_CORS_ORIGINS: 'https://s.example', AIART_IP_HASH_KEY: 'k', QUARKUS_MONGODB_CONNECTION_STRING: 'm', AIART_QUEUE_WORKERS: '1',
    AIART_PEERS_URLS: 'https://p.example',
  });
  assert.deepEqual(desiredEnv('render-site', env, ctx), { AIART_PRIMARY_URL: 'https://p.example', AIART_FALLBACK_URL: 'https://f.example/' });
});
