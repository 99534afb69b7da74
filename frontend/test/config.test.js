// Runtime configuration of the new pages and timeouts: scripts/config.mjs (environment →
// config.js) and src/runtime-config.js (config.js → the page). Unset keys stay absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configFromEnv } from '../scripts/config.mjs';
import { readRuntimeConfig } from '../src/runtime-config.js';

test('AIART_DONATE_URL and AIART_READ_TIMEOUT_MS reach config.js', () => {
  const config = configFromEnv({ AIART_DONATE_URL: 'https://ko-fi.com/aiart/', AIART_READ_TIMEOUT_MS: '2500' });
  assert.equal(config.donateUrl, 'https://ko-fi.com/aiart');
  assert.equal(config.readTimeoutMs, 2500);
  assert.throws(() => configFromEnv({ AIART_DONATE_URL: 'javascript:alert(1)' }), /AIART_DONATE_URL/);
  assert.throws(() => configFromEnv({ AIART_READ_TIMEOUT_MS: 'soon' }), /AIART_READ_TIMEOUT_MS/);
});

test('Firebase settings are grouped under `firebase`, only when set', () => {
  assert.equal(configFromEnv({}).firebase, undefined);
  assert.deepEqual(configFromEnv({
    AIART_FIREBASE_API_KEY: 'demo-key', AIART_FIREBASE_PROJECT_ID: 'demo-aiart',
    AIART_FIREBASE_AUTH_EMULATOR_URL: 'http://127.0.0.1:9099/',
  }).firebase, { apiKey: 'demo-key', projectId: 'demo-aiart', emulatorUrl: 'http://127.0.0.1:9099' });
});

test('the page reads the new keys and ignores malformed ones', () => {
  const read = readRuntimeConfig({
    primaryUrl: 'https://a', fallbackUrl: 'https://b', readTimeoutMs: 3000, donateUrl: 'https://donate.example',
    firebase: { apiKey: 'k', projectId: 'p', bogus: 1 },
  });
  assert.deepEqual(read, {
    primaryUrl: 'https://a', fallbackUrl: 'https://b', readTimeoutMs: 3000, donateUrl: 'https://donate.example',
    firebase: { apiKey: 'k', projectId: 'p' },
  });
  const bad = readRuntimeConfig({ primaryUrl: 'https://a', donateUrl: 'javascript:alert(1)', readTimeoutMs: -1, firebase: 'x' });
  assert.deepEqual(bad, { primaryUrl: 'https://a', fallbackUrl: 'http://localhost:8082' });
});
