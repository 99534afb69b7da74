// admin-data.js: the providers line of a backend's card on the dashboard, with the model canary's reasons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { providerStates, providersText, alertFigure } from '../src/admin-data.js';

const REASON = 'gemini: text-to-image model imagen-4.0-generate-001 does not exist upstream (404 NOT_FOUND)';
// GET /api/v1/health as HealthResource answers it while the canary finds a retired Gemini model
const HEALTH = {
  status: 'healthy', load: 0.1, queue_length: 0, queue_max: 500, hibernating: false, instance: 'primary', version: '1.0.0',
  providers: { stability: 'up', gemini: 'misconfigured', dashscope: 'down', local: 'up' },
  misconfigured: { gemini: { 'text-to-image': REASON } },
};

test('a misconfigured provider is drawn with its state and the reason in words', () => {
  assert.deepEqual(providerStates(HEALTH).find((p) => p.name === 'gemini'), { name: 'gemini', state: 'misconfigured', reasons: [REASON] });
  assert.equal(providersText(HEALTH),
    `stability: up, gemini: misconfigured (${REASON}), dashscope: down, local: up`);
});

test('every misconfigured kind of a provider is listed', () => {
  const video = 'gemini: text-to-video model veo-x does not exist upstream (404 NOT_FOUND)';
  const health = { ...HEALTH, misconfigured: { gemini: { 'text-to-image': REASON, 'text-to-video': video } } };
  assert.deepEqual(providerStates(health).find((p) => p.name === 'gemini').reasons, [REASON, video]);
});

test('a backend from before the canary (no misconfigured map) and no providers at all', () => {
  const { misconfigured, ...older } = HEALTH;
  assert.equal(providersText({ ...older, providers: { stability: 'open', local: 'up' } }), 'stability: open, local: up');
  assert.equal(providersText({}), '—');
  assert.equal(providersText(null), '—');
});

test("the canary's alert reads as a count of missing models", () => {
  assert.equal(alertFigure({ metric: 'models', opened_value: 1, value: 1, threshold: 0 }), 'Missing models 1 when opened (threshold 0)');
});
