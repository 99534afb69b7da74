// admin-data.js and admin-views.js: admin API payloads → chart series and dashboard markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyticsView, seriesByInstance, queueSeries, splitAlerts, alertFigure, formatMs, formatPercent, formatSpan, dayLabel,
  html, markup, raw, toMillis, latestByInstance, PERIODS, storeSeries, storeLines, storeNow, formatRate, historyOf, formatResolution,
} from '../src/admin-data.js';
import {
  chartsMarkup, kpisMarkup, alertsMarkup, usersMarkup, blocksMarkup, errorsMarkup, queueMarkup, historyNote, blockTarget,
} from '../src/admin-views.js';
import { hourLabel } from '../src/admin-data.js';

// The shape GET /api/v1/admin/analytics?days=2 answers (AnalyticsService.Report, snake_case).
const REPORT = {
  from: '2026-11-25', to: '2026-11-26',
  days: [
    { date: '2026-11-25', active_users: 2, page_views: 0, requests: 10, jobs: { succeeded: 1, failed: 1 }, success_rate: 0.5, mean_response_ms: 55, p95_response_ms: 100 },
    { date: '2026-11-26', active_users: 4, page_views: 2, requests: 4, jobs: { succeeded: 3, canceled: 1 }, success_rate: 1, mean_response_ms: 362.5, p95_response_ms: 1000 },
  ],
  tiers: { anonymous: 3, registered: 2, donor: 1 },
  conversion: { anonymous: 2, registered: 1, donor: 1, signed_in_rate: 0.5, donor_rate: 0.25 },
  totals: { jobs: 6, succeeded: 4, failed: 1, success_rate: 0.8, mean_response_ms: 125.4, p95_response_ms: 1000, active_users: 5, page_views: 2 },
};
const EMPTY_REPORT = {
  from: '2026-11-26', to: '2026-11-26',
  days: [{ date: '2026-11-26', active_users: 0, page_views: 0, requests: 0, jobs: {}, success_rate: null, mean_response_ms: null, p95_response_ms: null }],
  tiers: {}, conversion: { anonymous: 0, registered: 0, donor: 0, signed_in_rate: null, donor_rate: null },
  totals: { jobs: 0, succeeded: 0, failed: 0, success_rate: null, mean_response_ms: null, p95_response_ms: null, active_users: 0, page_views: 0 },
};
const NOW = Date.UTC(2026, 10, 26, 12, 0);
const snap = (instance, minutesAgo, fields) => ({ instance, at: new Date(NOW - minutesAgo * 60_000).toISOString(), ...fields });

test('an analytics report becomes day series: users, statuses stacked in a fixed order, rates, response times', () => {
  const v = analyticsView(REPORT);
  assert.deepEqual(v.categories, ['25 Nov', '26 Nov']);
  assert.equal(v.hasData, true);
  assert.deepEqual(v.activeUsers[0].values, [2, 4]);
  assert.deepEqual(v.jobsByStatus.map((s) => [s.name, s.values]), [['succeeded', [1, 3]], ['failed', [1, 0]], ['canceled', [0, 1]]]);
  assert.deepEqual(v.successRate[0].values, [0.5, 1]);
  assert.deepEqual(v.responseTimes.map((s) => s.values), [[55, 362.5], [100, 1000]]);
  assert.deepEqual(v.tiers.map((t) => [t.name, t.value]), [['visitor', 3], ['member', 2], ['supporter', 1]], 'tiers in the site\'s words');
  assert.deepEqual(v.conversion.categories, ['visitors', 'members', 'supporters']);
  assert.deepEqual(v.conversion.series[0].values, [2, 1, 1]);
  assert.equal(v.conversion.signedInRate, 0.5);
  assert.equal(v.totals.successRate, 0.8);
});

test('an empty range has no data and null rates stay null (not 0 %)', () => {
  const v = analyticsView(EMPTY_REPORT);
  assert.equal(v.hasData, false);
  assert.deepEqual(v.successRate[0].values, [null]);
  assert.equal(formatPercent(v.totals.successRate), '—');
  assert.equal(analyticsView(undefined).hasData, false);
  assert.equal(analyticsView({ days: 'nonsense' }).categories.length, 0);
});

test('every chart says what is true of its own figures when they are empty, and nothing breaks', () => {
  const out = chartsMarkup(EMPTY_REPORT, [], { hours: 24, now: NOW });
  assert.equal((out.match(/<figure /g) ?? []).length, 11);
  assert.equal((out.match(/data-empty="true"/g) ?? []).length, 11);
  const empty = (id) => new RegExp(`id="${id}"[\\s\\S]*?data-empty="true">([^<]*)<`).exec(out)?.[1];
  assert.equal(empty('chart-active-users'), 'No visitors recorded in this period');
  assert.equal(empty('chart-jobs'), 'No creations in this period');
  assert.equal(empty('chart-success'), 'No finished creations in this period');
  assert.equal(empty('chart-response-days'), 'No API requests recorded in this period');
  assert.equal(empty('chart-cpu'), 'No resource snapshots in this period yet');
  assert.doesNotMatch(out, /No traffic recorded/);
  assert.ok(!out.includes('<svg'));
});

test('creations by status: with visitors but no creations it says "No creations", beside a drawn users chart', () => {
  const visitorsOnly = { ...EMPTY_REPORT, days: [{ ...EMPTY_REPORT.days[0], active_users: 1, requests: 3, mean_response_ms: 5, p95_response_ms: 9 }],
    totals: { ...EMPTY_REPORT.totals, active_users: 1 } };
  const out = chartsMarkup(visitorsOnly, [], { hours: 24, now: NOW });
  assert.match(out, /id="chart-active-users"[\s\S]*?<svg/);
  assert.match(out, /id="chart-jobs"[\s\S]*?data-empty="true">No creations in this period</);
});

test('page views: "—" and "not measured yet" until a beacon is counted, then the number', () => {
  const none = kpisMarkup(EMPTY_REPORT, []);
  assert.match(none, /Page views<\/p><p class="stat-value">—<\/p><p class="hint">not measured yet: no page-view beacons received</);
  const noBeacons = { ...REPORT, days: REPORT.days.map((d) => ({ ...d, page_views: 0 })), totals: { ...REPORT.totals, page_views: 0 } };
  assert.match(kpisMarkup(noBeacons, []), /Page views<\/p><p class="stat-value">—</);
  assert.deepEqual(analyticsView(noBeacons).pageViews, [], 'no page-view series drawn as zeroes');
  assert.match(chartsMarkup(noBeacons, [], { hours: 24, now: NOW }), /page views: no page-view beacons received/);
  assert.match(kpisMarkup(REPORT, []), /Page views<\/p><p class="stat-value">2<\/p><p class="hint">from the site’s beacons</);
});

test('hourly buckets (GET /admin/analytics?hours=24) are labelled in the given time zone', () => {
  const hours = ['2026-11-26T08:00:00Z', '2026-11-26T09:00:00Z', '2026-11-26T23:00:00Z'].map((date, i) => ({
    date, active_users: i + 1, page_views: 0, requests: 2, jobs: { succeeded: 1 }, success_rate: 1, mean_response_ms: 10, p95_response_ms: 20,
  }));
  const report = { ...REPORT, from: '2026-11-26T00:00:00Z', to: '2026-11-27T00:00:00Z', days: [], hours };
  assert.deepEqual(analyticsView(report, { timeZone: 'UTC' }).categories, ['08:00', '09:00', '23:00']);
  assert.deepEqual(analyticsView(report, { timeZone: 'Europe/Berlin' }).categories, ['09:00', '10:00', '00:00']);
  assert.deepEqual(analyticsView(report, { timeZone: 'Asia/Kolkata' }).categories, ['13:30', '14:30', '04:30'], 'a half-hour zone: UTC hours start at :30');
  assert.deepEqual(analyticsView(report, { timeZone: 'America/New_York' }).categories, ['03:00', '04:00', '18:00']);
  const v = analyticsView(report, { timeZone: 'Asia/Kolkata' });
  assert.equal(v.hourly, true);
  assert.deepEqual(v.activeUsers[0].values, [1, 2, 3]);
  const out = chartsMarkup(report, [], { hours: 24, now: NOW, timeZone: 'Asia/Kolkata' });
  assert.match(out, /Active users per hour/);
  assert.match(out, /per hour, your time \(Asia\/Kolkata\)/);
  assert.match(out, />14:30 · Active users: 2</);
  assert.equal(hourLabel('not a time'), 'not a time');
});

test('minute snapshots become one series per instance, averaged into time slots, gaps kept', () => {
  const history = [
    snap('primary', 50, { cpu: 0.2 }), snap('primary', 49.5, { cpu: 0.4 }), // same 10-minute slot: averaged
    snap('primary', 10, { cpu: 0.9 }),
    snap('fallback', 30, { cpu: 0.1 }),
    { instance: 'primary', at: 'not a time', cpu: 1 },
    snap('primary', 5, { cpu: null }),
  ];
  const series = seriesByInstance(history, 'cpu', { buckets: 6, start: NOW - 60 * 60_000, end: NOW });
  assert.deepEqual(series.map((s) => s.name), ['fallback', 'primary']);
  const primary = series.find((s) => s.name === 'primary').points;
  assert.deepEqual(primary.map((p) => (p.y === null ? null : Math.round(p.y * 100) / 100)), [0.3, null, null, null, 0.9]);
  assert.equal(primary[0].x, NOW - 45 * 60_000, 'a point sits in the middle of its 10-minute slot (50–40 min ago)');
  assert.deepEqual(seriesByInstance([], 'cpu'), []);
});

test('the queue is shared: per slot the highest figure any instance reported', () => {
  const history = [snap('primary', 9, { queue_length: 3, running_jobs: 2 }), snap('fallback', 9, { queue_length: 5, running_jobs: 2 }), snap('primary', 1, { queue_length: 0, running_jobs: 1 })];
  const [waiting, running] = queueSeries(history, { buckets: 2, start: NOW - 10 * 60_000, end: NOW });
  assert.deepEqual(waiting.points.map((p) => p.y), [5, 0]);
  assert.deepEqual(running.points.map((p) => p.y), [2, 1]);
  assert.deepEqual(latestByInstance(history).map((s) => [s.instance, s.queue_length]), [['primary', 0], ['fallback', 5]]);
});

test('with data, every chart is an SVG with series; time-range charts cover the chosen period', () => {
  const history = [];
  for (let m = 0; m < 120; m++) history.push(snap('primary', m, { cpu: 0.3, memory: 0.5, queue_length: m % 7, running_jobs: 1, mean_response_ms: 40 }));
  const out = chartsMarkup(REPORT, history, { hours: 24, now: NOW });
  assert.equal((out.match(/<svg /g) ?? []).length, 10, 'snapshots without store figures (older backends) leave the store chart empty');
  history.forEach((h, i) => { h.store_ops_per_second = 3 + (i % 3); });
  const withStore = chartsMarkup(REPORT, history, { hours: 24, now: NOW, store: { budget: 100, alert_share: 0.7 } });
  assert.equal((withStore.match(/<svg /g) ?? []).length, 11);
  assert.match(withStore, /id="chart-store"[\s\S]*?data-line="Budget"[\s\S]*?data-line="Alert \(70 %\)"[\s\S]*?data-series="primary" data-points="\d+"/);
  assert.match(withStore, /against the budget of the one store they share \(100\/s\)/);
  assert.equal((out.match(/data-empty/g) ?? []).length, 1);
  assert.ok(!withStore.includes('data-empty'));
  assert.match(out, /id="chart-cpu"[\s\S]*?data-series="primary" data-points="\d+"/);
  assert.match(out, /<details class="chart-data">/);
});

test('store commands: per instance, summed over the backends per slot, against the budget and the alert line', () => {
  const history = [
    snap('primary', 50, { store_ops_per_second: 2 }), snap('primary', 49, { store_ops_per_second: 4 }), // one slot: 3
    snap('fallback', 48, { store_ops_per_second: 1.5 }),
    snap('primary', 15, { store_ops_per_second: 60 }), snap('fallback', 15, { store_ops_per_second: 20 }),
    snap('fallback', 5, { store_ops_per_second: 0.5 }), // the primary hibernates: it adds nothing
    snap('primary', 4, { cpu: 0.1 }), // a snapshot from before the store figures: left out
  ];
  const series = storeSeries(history, { buckets: 6, start: NOW - 60 * 60_000, end: NOW });
  assert.deepEqual(series.map((s) => s.name), ['All backends', 'fallback', 'primary']);
  const ys = (name) => series.find((s) => s.name === name).points.map((p) => p.y);
  // 10-minute slots; the first point of each is the slot of 50–40 minutes ago
  assert.deepEqual(ys('primary'), [3, null, null, 60]);
  assert.deepEqual(ys('fallback'), [1.5, null, null, 20, 0.5]);
  assert.deepEqual(ys('All backends'), [4.5, null, null, 80, 0.5]);
  assert.ok(series.every((s) => s.colour), 'each series has its colour');
  const one = storeSeries([snap('primary', 1, { store_ops_per_second: 7 })], { buckets: 6, start: NOW - 60 * 60_000, end: NOW });
  assert.deepEqual(one.map((s) => s.name), ['primary'], 'one backend: no sum beside it');
  assert.deepEqual(storeSeries([]), []);

  assert.deepEqual(storeLines({ budget: 100, alert_share: 0.7 }).map((l) => [l.name, l.value]), [['Budget', 100], ['Alert (70 %)', 70]]);
  assert.deepEqual(storeLines(null), []);
  assert.deepEqual(storeLines({ budget: 0 }), []);

  const now = storeNow({ budget: 100, alert_share: 0.7, per_second: 82.5, share: 0.825, instances: { fallback: 22.5, primary: 60 } });
  assert.deepEqual(now, { perSecond: 82.5, budget: 100, share: 0.825, alertShare: 0.7, over: true,
    instances: [{ name: 'fallback', perSecond: 22.5 }, { name: 'primary', perSecond: 60 }] });
  assert.equal(storeNow({ budget: 100, alert_share: 0.7, per_second: 7, instances: {} }).share, 0.07, 'the share from the figures when not given');
  assert.equal(storeNow({ budget: 100, alert_share: 0.7, per_second: 7 }).over, false);
  assert.equal(storeNow(null), null);
  assert.equal(storeNow({ per_second: 'x' }), null);
  assert.equal(formatRate(0.44), '0.4/s');
  assert.equal(formatRate(12.6), '13/s');
  assert.equal(formatRate(null), '—');

  const cards = kpisMarkup(REPORT, [], { budget: 100, alert_share: 0.7, per_second: 82.5, share: 0.825, instances: { fallback: 22.5, primary: 60 } });
  assert.match(cards, /Store commands now<\/p><p class="stat-value">83\/s<\/p><p class="hint">82.5 % of the budget of 100\/s · above the alert line · fallback 23\/s · primary 60\/s</);
  assert.ok(!kpisMarkup(REPORT, [], null).includes('Store commands'), 'no card without the figure');
  assert.equal(alertFigure({ metric: 'store_ops', value: 0.76, opened_value: 0.76, threshold: 0.7 }), 'Store commands 76 % of the budget when opened (threshold 70 %)');
});

test('alerts: open ones first, resolved ones in the history, figures in words', () => {
  const alerts = [
    { instance: 'primary', metric: 'cpu', status: 'open', value: 0.91, threshold: 0.85, opened_at: new Date(NOW - 5 * 60_000).toISOString(), message: 'AiArt primary: CPU at 91% (threshold 85%)' },
    { instance: 'fallback', metric: 'response_time', status: 'resolved', value: 31000, threshold: 30000, opened_at: new Date(NOW - 3_600_000).toISOString(), resolved_at: new Date(NOW - 3_000_000).toISOString(), message: 'x' },
  ];
  const { open, history } = splitAlerts(alerts);
  assert.equal(open.length, 1);
  assert.equal(history.length, 1);
  assert.equal(alertFigure(alerts[0]), 'CPU highest 91 % (threshold 85 %)', 'an alert from before opened_value: its peak, said so');
  assert.equal(alertFigure(alerts[1]), 'Response time highest 31000 ms (threshold 30000 ms)');
  const out = alertsMarkup(alerts, NOW);
  assert.match(out, /data-open="1">1 open alert</);
  assert.match(out, /open for 5 min/);
  assert.match(out, /after 10 min/);
  assert.match(alertsMarkup([], NOW), /No open alerts\.[\s\S]*No alerts have been raised yet/);
});

test('an alert row states the figure its message states, labelled, beside its peak and threshold', () => {
  // AlertManager: the message is written at opening; value then rises to the peak while open
  const cpu = { instance: 'primary', metric: 'cpu', status: 'open', value: 0.99, opened_value: 0.873, threshold: 0.85, opened_at: new Date(NOW - 60_000).toISOString(), message: 'AiArt primary: CPU at 87% (threshold 85%)' };
  const errors = { instance: 'primary', metric: 'error_rate', status: 'resolved', value: 0.5, opened_value: 0.125, threshold: 0.05, opened_at: new Date(NOW - 60_000).toISOString(), resolved_at: new Date(NOW).toISOString(), message: 'AiArt primary: 12.5% of answers were errors (threshold 5.0%)' };
  assert.equal(alertFigure(cpu), 'CPU 87 % when opened · highest 99 % (threshold 85 %)');
  assert.equal(alertFigure(errors), 'Error rate 12.5 % when opened · highest 50 % (threshold 5 %)');
  assert.equal(alertFigure({ ...cpu, value: 0.873 }), 'CPU 87 % when opened (threshold 85 %)', 'no peak when it did not rise');
  const row = alertsMarkup([cpu], NOW);
  assert.match(row, /CPU 87 % when opened[^<]*<\/td>[\s\S]*CPU at 87%/);
  assert.doesNotMatch(row, /CPU 99 %/);
});

test('users: the tier the backend applies, in the site\'s words; an admin is admin; e-mails break only at @ and dots', () => {
  const out = usersMarkup({ users: [
    { id: 'a1', email: 'admin@aiart.test', email_verified: true, tier: 'registered', admin: true, usage_stats: { jobs: 2 } },
    { id: 'u2', email: 'someone.long@example.com', email_verified: true, tier: 'donor', usage_stats: { jobs: 1 } },
  ] });
  assert.match(out, /<tr data-uid="a1">[\s\S]*?<span class="user-tier" data-tier="admin">admin<\/span>/);
  assert.doesNotMatch(out, /id="tier-a1"/, 'no tier to choose for an admin');
  assert.match(out, /<option value="donor" selected>supporter<\/option>/);
  assert.match(out, /<option value="registered">member<\/option>/);
  assert.match(out, /<option value="anonymous">visitor<\/option>/);
  assert.match(out, /someone.<wbr>long<wbr>@example.<wbr>com/);
});

test('user-controlled strings are escaped: e-mails, error messages, stack traces, block reasons, ids', () => {
  const evil = '"><img src=x onerror=alert(1)>';
  const users = usersMarkup({ users: [{ id: `u1${evil}`, email: `a${evil}@example.com`, email_verified: false, tier: 'donor', usage_stats: { jobs: 3 }, rate_limit_overrides: { per_minute: 20 }, last_active: '2026-11-26T10:00:00Z' }], next_before: evil });
  const errors = errorsMarkup([{ at: '2026-11-26T10:00:00Z', instance: 'primary', method: 'GET', path: `/api/v1/jobs/${evil}`, type: 'java.lang.IllegalStateException', message: `boom ${evil}`, stack: `trace ${evil}\n\tat x` }]);
  const blocks = blocksMarkup({ blocks: [{ identity: `ip:${evil}`, source: 'admin', until: '2026-11-26T13:00:00Z', remaining_seconds: 3600, reason: evil }] });
  const queue = queueMarkup({ queued: 1, running: 0, next: [{ id: evil, kind: 'text-to-image', tier: 'anonymous', owner: `ip:${evil}`, position: 1, created_at: new Date(NOW - 60_000).toISOString() }] }, NOW);
  const alerts = alertsMarkup([{ status: 'open', metric: evil, instance: evil, message: evil, opened_at: 'x' }], NOW);
  for (const out of [users, errors, blocks, queue, alerts]) {
    assert.ok(!out.includes('<img'), out);
    assert.ok(out.includes('&lt;img src=x onerror=alert(1)&gt;'));
  }
  assert.match(users, /<option value="donor" selected>supporter<\/option>/);
  assert.match(users, /value="20"/);
  assert.match(users, /unverified/);
  assert.match(users, /data-action="more-users"/);
  assert.match(errors, /<details><summary>Stack trace<\/summary><pre class="stack">trace/);
});

test('the summary cards show the period totals and each instance now', () => {
  const out = kpisMarkup(REPORT, [snap('primary', 1, { cpu: 0.12, memory: 0.5, rss_bytes: 300 * 1024 * 1024 })]);
  assert.ok(!out.includes('[object Object]'));
  assert.match(out, /Active users<\/p><p class="stat-value">5</);
  assert.match(out, /Success rate<\/p><p class="stat-value">80 %</);
  assert.match(out, /Response time<\/p><p class="stat-value">125 ms<\/p><p class="hint">mean · p95 1 s</);
  assert.match(out, /CPU now: primary<\/p><p class="stat-value">12 %<\/p><p class="hint">memory 50 % · 300 MB · 26 Nov 11:59 UTC</);
});

test('formats, times and small helpers', () => {
  assert.equal(formatMs(8.4), '8 ms');
  assert.equal(formatMs(1234), '1.23 s');
  assert.equal(formatMs(null), '—');
  assert.equal(formatSpan(125 * 60_000), '2 h 5 min');
  assert.equal(formatSpan(28 * 3_600_000), '1 d 4 h');
  assert.equal(dayLabel('2026-11-05'), '5 Nov');
  assert.equal(toMillis({ $date: '2026-11-26T00:00:00Z' }), Date.UTC(2026, 10, 26));
  assert.ok(Number.isNaN(toMillis('soon')));
  assert.deepEqual(Object.values(PERIODS).map((p) => [p.analytics, p.hours]), [[{ hours: 24 }, 24], [{ days: 7 }, 168], [{ days: 30 }, 720]]);
  assert.equal(markup(html`<b>${'<i>'}</b>${raw('<br>')}${[1, '<2>']}`), '<b>&lt;i&gt;</b><br>1&lt;2&gt;');
  assert.deepEqual(blockTarget(' 203.0.113.9 '), { ip: '203.0.113.9' });
  assert.deepEqual(blockTarget('user:abc'), { identity: 'user:abc' });
  assert.equal(blockTarget('  '), null);
});

// The shape GET /api/v1/admin/metrics/history?hours=720 answers (ResourceHistory.History): 30-minute buckets per instance.
function monthAnswer() {
  const step = 1800_000;
  const points = [];
  for (let at = Math.floor((NOW - 720 * 3_600_000) / step) * step; at < NOW; at += step) {
    const day = Math.floor((NOW - at) / 86_400_000);
    for (const instance of ['fallback', 'primary']) {
      points.push({
        instance, at: new Date(at).toISOString(), samples: 30, cpu: instance === 'primary' ? 0.2 : 0.6, cpu_max: 0.9, memory: 0.5,
        queue_length: 0.5, queue_length_max: day === 10 ? 40 : 2, running_jobs: 1, running_jobs_max: 3, mean_response_ms: 30,
        store_ops_per_second: 1.5, store_commands: 2700, hibernating: false,
      });
    }
  }
  return { hours: 720, from: new Date(NOW - 720 * 3_600_000).toISOString(), to: new Date(NOW).toISOString(), resolution_seconds: 1800, points };
}

test('the history answer: downsampled points with their resolution, or an older backend\'s minute snapshots', () => {
  const month = monthAnswer();
  assert.equal(historyOf(month).resolutionSeconds, 1800);
  assert.equal(historyOf(month).points.length, 2 * 1440);
  const old = [snap('primary', 1, { cpu: 0.1 })];
  assert.deepEqual(historyOf(old), { points: old, resolutionSeconds: 60 });
  assert.deepEqual(historyOf(null), { points: [], resolutionSeconds: 60 });
  assert.deepEqual(historyOf({ points: 'nope', resolution_seconds: -3 }), { points: [], resolutionSeconds: 60 });
  assert.deepEqual([60, 600, 1800, 7200, 5400, 30].map(formatResolution), ['1 min', '10 min', '30 min', '2 h', '90 min', '30 s']);
});

test('30 days of downsampled points chart the whole month for every instance, the queue by its peaks', () => {
  const month = monthAnswer();
  const slot = { buckets: 144, start: NOW - 720 * 3_600_000, end: NOW };
  const cpu = seriesByInstance(historyOf(month).points, 'cpu', slot);
  assert.deepEqual(cpu.map((s) => s.name), ['fallback', 'primary']);
  const width = 720 * 3_600_000 / 144;
  for (const s of cpu) {
    assert.equal(s.points.length, 144, `${s.name}: every 5-hour slot of the month`);
    assert.equal(s.points[0].x, NOW - 720 * 3_600_000 + width / 2, `${s.name} starts a month ago`);
    assert.equal(s.points[143].x, NOW - width / 2, `${s.name} ends now`);
    assert.ok(s.points.every((p) => p.y === (s.name === 'primary' ? 0.2 : 0.6)));
  }
  const [waiting, running] = queueSeries(historyOf(month).points, slot);
  assert.equal(Math.max(...waiting.points.map((p) => p.y)), 40, 'the day-10 burst is kept, not averaged into 0.5');
  assert.ok(running.points.every((p) => p.y === 3));

  const out = chartsMarkup(REPORT, month, { hours: 720, now: NOW });
  assert.match(out, /id="chart-cpu"[\s\S]*?data-series="primary" data-points="144"/);
  assert.match(out, /averaged by the store per 30 min/);
  assert.match(historyNote(month), /whole period from 30 min means/);
  assert.equal(historyNote({ resolution_seconds: 60, points: [] }), '');
  assert.equal(historyNote(new Array(5000).fill(snap('primary', 1, {}))), '', 'no cap to warn of');
  assert.match(kpisMarkup(REPORT, month), /CPU now: primary[\s\S]*?30 min mean from/);
});

test('a slot of downsampled points is the mean of the snapshots they stand for', () => {
  const points = [
    { instance: 'primary', at: new Date(NOW - 50 * 60_000).toISOString(), samples: 1, cpu: 1 },
    { instance: 'primary', at: new Date(NOW - 45 * 60_000).toISOString(), samples: 3, cpu: 0 },
  ];
  const [primary] = seriesByInstance(points, 'cpu', { buckets: 1, start: NOW - 60 * 60_000, end: NOW });
  assert.equal(primary.points[0].y, 0.25, 'one snapshot at 100 % and three at 0 %');
});
