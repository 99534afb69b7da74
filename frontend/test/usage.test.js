// The dashboard's funnel and usage patterns (admin-data.js funnelView/usageView, admin-views.js):
// from GET /admin/analytics's `funnel` and `usage` (backend AnalyticsTest checks the figures).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { funnelView, usageView } from '../src/admin-data.js';
import { chartsMarkup, kpisMarkup } from '../src/admin-views.js';

const hoursOfDay = Array.from({ length: 24 }, (_, hour) => ({
  hour, requests: hour === 17 ? 40 : hour === 9 ? 12 : 0, page_views: hour === 17 ? 9 : 0,
  creations: hour === 9 ? 5 : hour === 17 ? 2 : 0, active_users: hour === 17 ? 6 : hour === 9 ? 3 : 0,
}));
// AnalyticsService.Report's funnel and usage, snake_case
const REPORT = {
  from: '2026-11-25', to: '2026-11-26',
  days: [{ date: '2026-11-26', active_users: 7, page_views: 9, requests: 52, jobs: { succeeded: 7 } }],
  tiers: { anonymous: 4, registered: 3 }, conversion: {}, totals: { active_users: 7, page_views: 9, jobs: 7 },
  funnel: { visitors: 6, creators: 3, creators_share: 0.5, registered: 1, registered_share: 0.3333, donors: 0, donors_share: 0 },
  usage: {
    hours_of_day: hoursOfDay,
    creations: { anonymous: { 'text-to-image': 4 }, registered: { 'text-to-image': 2, 'text-to-video': 1 } },
    kinds: { 'text-to-image': 6, 'text-to-video': 1 },
    refusals: [
      { reason: 'shared_limit', count: 5, endpoints: { 'POST /api/v1/generate/text-to-image': 5 } },
      { reason: 'resource_limit', count: 2, endpoints: { 'GET /api/v1/jobs/{id}/result': 1, 'POST /api/v1/generate/text-to-image': 1 } },
    ],
    repeat_visitors: 2, active_users: 7, repeat_share: 0.2857,
  },
};
const NOW = Date.parse('2026-11-26T12:00:00Z');

test('the funnel: four steps, each with its count and the share of the step before', () => {
  assert.deepEqual(funnelView(REPORT).map(({ step, count, share }) => [step, count, share]),
    [['Visitors', 6, null], ['Creators', 3, 0.5], ['Registered', 1, 0.3333], ['Donors', 0, 0]]);
  assert.equal(funnelView({ ...REPORT, funnel: { visitors: 0, creators: 0, creators_share: null } })[1].share, null, 'no visitors: no share');
  assert.equal(funnelView({ days: [] }), null, 'a backend without the funnel');
});

test('busiest hours are UTC hours labelled and ordered in the viewer\u2019s zone', () => {
  const utc = usageView(REPORT, { timeZone: 'UTC', now: NOW });
  assert.equal(utc.hours.length, 24);
  assert.equal(utc.hours[0].label, '00:00');
  assert.deepEqual(utc.busiest.map((h) => h.label), ['17:00', '09:00']);
  const berlin = usageView(REPORT, { timeZone: 'Europe/Berlin', now: NOW });
  assert.deepEqual(berlin.busiest.map((h) => h.label), ['18:00', '10:00'], 'UTC+1 in November');
  assert.equal(berlin.hours[0].label, '00:00', 'the chart starts at the viewer\u2019s midnight');
  assert.equal(berlin.hours[0].activeUsers, 0);
  const india = usageView(REPORT, { timeZone: 'Asia/Kolkata', now: NOW });
  assert.deepEqual(india.busiest.map((h) => h.label), ['22:30', '14:30'], 'a half-hour zone: each bar starts at half past');
});

test('creations by tier and kind, refusals most first with readable reasons, repeat visitors', () => {
  const u = usageView(REPORT, { timeZone: 'UTC', now: NOW });
  assert.deepEqual(u.tierCategories, ['visitor', 'member'], 'the tiers as the dashboard names them (tiers.js)');
  assert.deepEqual(u.kindSeries, [{ name: 'text-to-image', values: [4, 2] }, { name: 'text-to-video', values: [0, 1] }]);
  assert.deepEqual(u.refusals.map((r) => [r.label, r.count]), [['Shared address or network allowance (429)', 5], ['Busy: queue, store or slots full (503)', 2]]);
  assert.deepEqual(u.refusals[1].endpoints[0], ['GET /api/v1/jobs/{id}/result', 1]);
  assert.equal(u.repeatVisitors, 2);
  assert.equal(usageView({}), null);
});

test('the dashboard draws the funnel, busiest hours, tier × kind and refusals, and the repeat-visitor card', () => {
  const charts = chartsMarkup(REPORT, [], { hours: 48, now: NOW, timeZone: 'UTC' });
  for (const id of ['chart-funnel', 'chart-hours', 'chart-kinds', 'chart-refusals']) assert.match(charts, new RegExp(`id="${id}"`), id);
  assert.match(charts, /creators 50 % · registered 33.3 % · donors 0 % · UTC days 2026-11-25 to 2026-11-26/);
  assert.match(chartsMarkup({ ...REPORT, hours: [], days: [] }, [], { hours: 24, now: NOW, timeZone: 'UTC' }), /donors 0 % · the last 24 hours/);
  assert.match(charts, /busiest: 17:00, 09:00/);
  assert.match(charts, /Shared address or network allowance \(429\)/);
  const kpis = kpisMarkup(REPORT, []);
  assert.match(kpis, /Repeat visitors/);
  assert.match(kpis, /28\.6 % of 7 seen on more than one day/);
  const old = chartsMarkup({ ...REPORT, funnel: undefined, usage: undefined }, [], { hours: 48, now: NOW, timeZone: 'UTC' });
  assert.doesNotMatch(old, /chart-funnel|chart-hours/, 'a backend without them: no empty sections');
  const empty = chartsMarkup({ days: [], funnel: { visitors: 0, creators: 0, registered: 0, donors: 0 }, usage: { hours_of_day: [], refusals: [] } }, [], { hours: 24, now: NOW, timeZone: 'UTC' });
  assert.match(empty, /Nothing refused in this period/);
});
