// The privacy page's figures (issue #15, item 9): how long each kind of data is kept and whom to
// write to, as GET /api/v1/privacy says — the backend's applied settings
// (backend PrivacyResourceTest checks the endpoint against them; e2e/studio.e2e.js the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPeriod, privacyFigures, RETENTION_FIGURES } from '../src/messages.js';

const DAY = 86_400;

test('periods read as days or hours, bound to their number', () => {
  assert.equal(formatPeriod(7 * DAY), '7\u00a0days');
  assert.equal(formatPeriod(30 * DAY), '30\u00a0days');
  assert.equal(formatPeriod(DAY), '24\u00a0hours');
  assert.equal(formatPeriod(12 * 3600), '12\u00a0hours');
  assert.equal(formatPeriod(3600), '1\u00a0hour');
  assert.equal(formatPeriod(90 * 60), '1\u00a0h 30\u00a0min');
});

test('the page shows each figure the backend sends, and only what it sends', () => {
  const answer = {
    contact_email: 'privacy@example.org',
    retention: { creations_seconds: 12 * 3600, request_log_seconds: 14 * DAY, fair_use_seconds: 30 * DAY },
  };
  assert.deepEqual(privacyFigures(answer), {
    figures: { creations: '12\u00a0hours', 'request-log': '14\u00a0days', 'fair-use': '30\u00a0days' },
    contactEmail: 'privacy@example.org',
  });
  assert.deepEqual(Object.keys(RETENTION_FIGURES).sort(), ['creations', 'fair-use', 'request-log']);
  // unreadable parts are left out: the page keeps its neutral words rather than a wrong figure
  assert.deepEqual(privacyFigures({ retention: { creations_seconds: 'P7D', request_log_seconds: -1 } }), { figures: {}, contactEmail: null });
  assert.deepEqual(privacyFigures(null), { figures: {}, contactEmail: null });
  for (const bad of ['', 'nobody', '<script>@x.y', 'a b@c.d', 'x@y']) assert.equal(privacyFigures({ contact_email: bad }).contactEmail, null, bad);
});
