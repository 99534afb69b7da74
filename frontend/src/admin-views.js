// The dashboard's sections as markup, from the admin API's payloads. Pure functions (no DOM):
// the page puts the strings in place and wires the buttons; the tests read them. Every value
// from the server goes through `html`, which escapes it.
import { barChart, dataTable, donutChart, formatDateTime, lineChart } from './charts.js';
import { tierLabel } from './tiers.js';
import {
  alertFigure, analyticsView, funnelView, usageView, localZone, firstLine, formatBytes, formatCount, formatMs, formatPercent, formatRate, formatSpan, html,
  formatResolution, historyOf, latestByInstance, markup, queueSeries, raw, seriesByInstance, splitAlerts, storeLines, storeNow, storeSeries, toMillis,
} from './admin-data.js';

const when = (v) => {
  const ms = toMillis(v);
  return Number.isFinite(ms) ? formatDateTime(ms) : '—';
};

function figure(id, title, source, chart, table = '') {
  return html`<figure class="panel panel-pad chart-card" id="${id}" data-chart="${id}">
    <figcaption><span class="chart-title">${title}</span><span class="chart-source">${source}</span></figcaption>
    <div class="chart-body">${raw(chart)}</div>${raw(table)}</figure>`;
}

/**
 * The chart figures for one period.
 * @param {object} report     GET /admin/analytics?days=N (UTC days) or ?hours=N (UTC hours)
 * @param {object} history   GET /admin/metrics/history?hours=N ({resolution_seconds, points}; an older backend's array of snapshots too)
 * @param {{hours:number, now:number, store?:object, timeZone?:string}} range  `store`: GET /admin/store (the budget
 *        and the alert's share); `timeZone`: where hourly buckets are labelled (default: the browser's)
 */
export function chartsMarkup(report, history, { hours, now = Date.now(), store = null, timeZone }) {
  const a = analyticsView(report, { timeZone });
  const { points, resolutionSeconds } = historyOf(history);
  const start = now - hours * 3_600_000;
  const buckets = Math.min(144, hours * 6);
  const slot = { buckets, start, end: now };
  const cpu = seriesByInstance(points, 'cpu', slot);
  const memory = seriesByInstance(points, 'memory', slot);
  const mean = seriesByInstance(points, 'mean_response_ms', slot);
  const queue = queueSeries(points, slot);
  const storeOps = storeSeries(points, slot);
  const lines = storeLines(store);
  const days = a.hourly ? `per hour, your time (${timeZone ?? localZone() ?? 'local'})` : `per UTC day, ${a.from ?? '?'} to ${a.to ?? '?'}`;
  // over 24 h the store answers its own means per bucket, not the snapshots themselves: say so where the figures are named
  const per = resolutionSeconds > 60 ? formatResolution(resolutionSeconds) : null;
  const snapshots = `minute snapshots per instance (resource_metrics)${per ? `, averaged by the store per ${per}` : ''}`;
  const queuePeaks = per ? `the highest per slot of the ${per} peaks the store took from the minute snapshots (resource_metrics)` : snapshots;
  // each empty chart says what is true of its own figures
  const noSnapshots = 'No resource snapshots in this period yet';
  const noCreations = 'No creations in this period';
  const timeRows = (series, fmt) => {
    const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((x, y) => x - y);
    return xs.map((x) => [formatDateTime(x), ...series.map((s) => {
      const p = s.points.find((q) => q.x === x);
      return p && p.y !== null ? fmt(p.y) : null;
    })]);
  };
  const dayTable = (series, fmt) => dataTable([a.hourly ? 'Hour' : 'Day', ...series.map((s) => s.name)], a.categories.map((c, i) => [c, ...series.map((s) => (s.values[i] === null ? null : fmt(s.values[i])))]));
  return [
    figure('chart-active-users', a.hourly ? 'Active users per hour' : 'Daily active users',
      `distinct hashed IPs in requests and page views, ${days}${a.pageViewsMeasured ? '' : ' · page views: no page-view beacons received'}`,
      barChart({ label: a.hourly ? 'Active users per hour' : 'Daily active users', categories: a.categories, series: [...a.activeUsers, ...a.pageViews], format: formatCount, integer: true, empty: 'No visitors recorded in this period' }),
      a.hasData ? dayTable([...a.activeUsers, ...a.pageViews], formatCount) : ''),
    figure('chart-jobs', 'Creations by status', `jobs created, ${days}`,
      barChart({ label: 'Creations by status', categories: a.categories, series: a.jobsByStatus, stacked: true, format: formatCount, integer: true, empty: noCreations }),
      a.jobsByStatus.length ? dayTable(a.jobsByStatus, formatCount) : ''),
    figure('chart-success', 'Success rate', `succeeded ÷ (succeeded + failed), ${days}`,
      barChart({ label: 'Success rate', categories: a.categories, series: a.successRate, format: formatPercent, yMax: 1, empty: 'No finished creations in this period' }),
      a.successRate[0].values.some((v) => v !== null) ? dayTable(a.successRate, formatPercent) : ''),
    figure('chart-response-days', 'Response time: mean and 95th percentile', `API requests from the request log (event streams left out), ${days}`,
      barChart({ label: 'Response time, mean and 95th percentile', categories: a.categories, series: a.responseTimes, format: formatMs, empty: 'No API requests recorded in this period' }),
      a.hasData ? dayTable(a.responseTimes, formatMs) : ''),
    figure('chart-response-minutes', 'Response time through the period', `each instance's mean response time, ${snapshots}`,
      lineChart({ label: 'Mean response time through the period', series: mean, format: formatMs, empty: noSnapshots }),
      dataTable(['Time', ...mean.map((s) => s.name)], timeRows(mean, formatMs))),
    figure('chart-queue', 'Queue length', `jobs waiting and running (the queue is shared), ${queuePeaks}`,
      lineChart({ label: 'Queue length', series: queue, format: formatCount, integer: true, area: true, empty: noSnapshots }),
      dataTable(['Time', ...queue.map((s) => s.name)], timeRows(queue, formatCount))),
    figure('chart-cpu', 'CPU', `process CPU, share of the available cores, ${snapshots}`,
      lineChart({ label: 'CPU use per instance', series: cpu, format: formatPercent, yMax: 1, empty: noSnapshots }),
      dataTable(['Time', ...cpu.map((s) => s.name)], timeRows(cpu, formatPercent))),
    figure('chart-memory', 'Memory', `heap/RSS against the container limit, ${snapshots}`,
      lineChart({ label: 'Memory use per instance', series: memory, format: formatPercent, yMax: 1, empty: noSnapshots }),
      dataTable(['Time', ...memory.map((s) => s.name)], timeRows(memory, formatPercent))),
    figure('chart-store', 'Store commands', `commands a second sent to the store, all backends together and each, against the budget of the one store they share${lines.length ? ` (${formatRate(lines[0].value)})` : ''}, ${snapshots}`,
      lineChart({ label: 'Store commands a second against the budget', series: storeOps, format: formatRate, lines, empty: noSnapshots }),
      dataTable(['Time', ...storeOps.map((s) => s.name)], timeRows(storeOps, formatRate))),
    figure('chart-tiers', 'Tier distribution', `creations by the tier of who asked, ${days}`,
      donutChart({ label: 'Creations by tier', slices: a.tiers, format: formatCount, empty: noCreations }),
      dataTable(['Tier', 'Creations'], a.tiers.map((t) => [t.name, formatCount(t.value)]))),
    figure('chart-conversion', 'Conversion', `distinct people who created, by tier · signed in ${formatPercent(a.conversion.signedInRate)} · donors ${formatPercent(a.conversion.donorRate)}`,
      barChart({ label: `Conversion: ${a.conversion.categories.join(', ')} who created`, categories: a.conversion.categories, series: a.conversion.series, format: formatCount, integer: true, empty: noCreations }),
      dataTable(['Tier', 'People'], a.conversion.categories.map((c, i) => [c, formatCount(a.conversion.series[0].values[i])]))),
    // the funnel and patterns are figures of the whole period, not per bucket
    ...usageFigures(report, { days: a.hourly ? `the last ${hours} hours` : `UTC days ${a.from ?? '?'} to ${a.to ?? '?'}`, timeZone, now }),
  ].map(markup).join('');
}

/**
 * The funnel and the usage patterns (analytics.funnel, .usage): nothing when the backend's report
 * has neither (a backend from before them).
 */
function usageFigures(report, { days, timeZone, now }) {
  const funnel = funnelView(report);
  const u = usageView(report, { timeZone, now });
  const out = [];
  if (funnel) {
    const shares = funnel.slice(1).map((s) => `${s.step.toLowerCase()} ${formatPercent(s.share)}`).join(' · ');
    out.push(figure('chart-funnel', 'Funnel', `visitors → creators → registered → donors, each with the share of the step before: ${shares} · ${days}`,
      barChart({ label: `Funnel: ${funnel.map((s) => `${s.step} ${formatCount(s.count)}`).join(', ')}`, categories: funnel.map((s) => s.step),
        series: [{ name: 'Count', values: funnel.map((s) => s.count) }], format: formatCount, integer: true,
        empty: 'No visitors, creators or donations in this period' }),
      dataTable(['Step', 'Count', 'Share of the step before', 'Counts'], funnel.map((s) => [s.step, formatCount(s.count), s.share === null ? '—' : formatPercent(s.share), s.means]))));
  }
  if (u) {
    const zone = timeZone ?? localZone() ?? 'local';
    const busiest = u.busiest.length ? ` · busiest: ${u.busiest.map((h) => h.label).join(', ')}` : '';
    const hourSeries = [
      { name: 'Active users', values: u.hours.map((h) => h.activeUsers) },
      { name: 'Creations', values: u.hours.map((h) => h.creations) },
    ];
    out.push(figure('chart-hours', 'Busiest hours', `distinct addresses and creations by hour of the day, your time (${zone}), summed over the period${busiest}`,
      barChart({ label: 'Busiest hours of the day', categories: u.hours.map((h) => h.label), series: hourSeries, format: formatCount, integer: true,
        empty: 'No visitors recorded in this period' }),
      u.hasHours ? dataTable(['Hour', 'Active users', 'Page views', 'Requests', 'Creations'],
        u.hours.map((h) => [h.label, formatCount(h.activeUsers), formatCount(h.pageViews), formatCount(h.requests), formatCount(h.creations)])) : ''));
    out.push(figure('chart-kinds', 'Creations by tier and kind', `jobs created, by the tier of who asked and what they made · ${u.kinds.map(([k, n]) => `${k} ${formatCount(n)}`).join(' · ') || 'none'}`,
      barChart({ label: 'Creations by tier and kind', categories: u.tierCategories, series: u.kindSeries, stacked: true, format: formatCount, integer: true,
        empty: 'No creations in this period' }),
      u.kindSeries.length ? dataTable(['Tier', ...u.kindSeries.map((k) => k.name)], u.tierCategories.map((t, i) => [t, ...u.kindSeries.map((k) => formatCount(k.values[i]))])) : ''));
    out.push(figure('chart-refusals', 'Top refusal reasons', `requests refused (429, 503) by reason, most first, ${days}`,
      barChart({ label: 'Refused requests by reason', categories: u.refusals.map((r) => r.label), series: [{ name: 'Refused', values: u.refusals.map((r) => r.count) }],
        format: formatCount, integer: true, empty: 'Nothing refused in this period' }),
      u.refusals.length ? dataTable(['Reason', 'Refused', 'Where'], u.refusals.map((r) => [r.label, formatCount(r.count),
        r.endpoints.slice(0, 3).map(([e, n]) => `${e} ${formatCount(n)}`).join(' · ')])) : ''));
  }
  return out;
}

/**
 * A note above the charts when the resource history is coarser than the minute snapshots (7 and
 * 30 days): the store averaged them per bucket, so the charts show the whole period at that
 * resolution. Nothing at minute resolution.
 */
export function historyNote(history) {
  const { resolutionSeconds } = historyOf(history);
  return resolutionSeconds > 60
    ? `The resource charts cover the whole period from ${formatResolution(resolutionSeconds)} means of each instance's minute snapshots (the queue from their peaks); choose 24 h for minute figures.`
    : '';
}

/**
 * The summary cards for the period, each instance's latest snapshot and, with `store`
 * (GET /admin/store), the store's commands a second now against its budget.
 */
export function kpisMarkup(report, history, store = null) {
  const a = analyticsView(report);
  const { points, resolutionSeconds } = historyOf(history);
  const latest = latestByInstance(points);
  // a downsampled point is a bucket's mean, dated by the bucket's start
  const latestWhen = (s) => (resolutionSeconds > 60 ? `${formatResolution(resolutionSeconds)} mean from ${when(s.at)}` : when(s.at));
  const storeFigure = storeNow(store);
  const cards = [
    ['Active users', formatCount(a.totals.activeUsers), 'distinct visitors'],
    // not measured until a page-view beacon is counted (visitors with Do Not Track or GPC send none): "—", not a confident 0
    a.pageViewsMeasured ? ['Page views', formatCount(a.totals.pageViews), 'from the site’s beacons'] : ['Page views', '—', 'not measured yet: no page-view beacons received'],
    ['Creations', formatCount(a.totals.jobs), 'jobs created'],
    ['Success rate', formatPercent(a.totals.successRate), 'of finished creations'],
    ['Response time', formatMs(a.totals.meanMs), `mean · p95 ${formatMs(a.totals.p95Ms)}`],
    ['Signed in', formatPercent(a.conversion.signedInRate), `donors ${formatPercent(a.conversion.donorRate)}`],
  ];
  const u = usageView(report);
  if (u) {
    cards.push(['Repeat visitors', formatCount(u.repeatVisitors),
      `${formatPercent(u.repeatShare)} of ${formatCount(u.activeUsers)} seen on more than one day`]);
  }
  if (storeFigure) {
    const parts = storeFigure.instances.map((i) => `${i.name} ${formatRate(i.perSecond)}`).join(' · ');
    cards.push(['Store commands now', formatRate(storeFigure.perSecond),
      `${storeFigure.share === null ? '' : `${formatPercent(storeFigure.share)} of the budget of ${formatRate(storeFigure.budget)}`}${storeFigure.over ? ' · above the alert line' : ''}${parts ? ` · ${parts}` : ''}`]);
  }
  for (const s of latest.slice(0, 4)) {
    cards.push([`CPU now: ${s.instance ?? 'instance'}`, formatPercent(s.cpu), `memory ${formatPercent(s.memory)} · ${formatBytes(s.rss_bytes)} · ${latestWhen(s)}${s.hibernating ? ' · hibernating' : ''}`]);
  }
  return markup(html`${cards.map(([label, value, note]) => html`<div class="panel panel-pad stat kpi"><p class="stat-label">${label}</p><p class="stat-value">${value}</p><p class="hint">${note}</p></div>`)}`);
}

/** Open alerts first, then the history. */
export function alertsMarkup(alerts, now = Date.now()) {
  const { open, history } = splitAlerts(alerts);
  const row = (a) => html`<tr data-status="${a.status}"><td><span class="badge" data-state="${a.status === 'open' ? 'down' : 'healthy'}">${a.status}</span></td>
    <td>${alertFigure(a)}</td><td>${a.instance ?? '—'}</td><td>${when(a.opened_at)}</td>
    <td>${a.resolved_at ? `${when(a.resolved_at)} (after ${formatSpan(toMillis(a.resolved_at) - toMillis(a.opened_at))})` : `open for ${formatSpan(now - toMillis(a.opened_at))}`}</td>
    <td class="wrap">${a.message ?? ''}</td></tr>`;
  const table = (list, caption) => html`<table class="admin-table"><caption>${caption}</caption><thead><tr><th scope="col">State</th><th scope="col">Figure</th><th scope="col">Instance</th><th scope="col">Opened</th><th scope="col">Resolved</th><th scope="col">Message</th></tr></thead><tbody>${list.map(row)}</tbody></table>`;
  return markup(html`<p class="alert-summary" data-open="${open.length}">${open.length ? `${open.length} open alert${open.length === 1 ? '' : 's'}` : 'No open alerts.'}</p>
    ${open.length ? table(open, 'Open') : ''}
    ${history.length ? table(history, `History (${history.length} resolved)`) : html`<p class="hint">No alerts have been raised yet.</p>`}`);
}

/** The queue: counts and the first jobs waiting, each with a Cancel button. */
export function queueMarkup(queue, now = Date.now()) {
  const next = Array.isArray(queue?.next) ? queue.next : [];
  return markup(html`<p class="queue-counts"><strong>${formatCount(queue?.queued)}</strong> waiting · <strong>${formatCount(queue?.running)}</strong> running</p>
    ${next.length ? html`<table class="admin-table"><caption>Next in line (serving order)</caption><thead><tr><th scope="col">#</th><th scope="col">Kind</th><th scope="col">Tier</th><th scope="col">Owner</th><th scope="col">Waiting</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>
      ${next.map((j) => html`<tr data-job="${j.id}"><td>${j.position}</td><td>${j.kind}</td><td>${tierLabel(j.tier)}</td><td class="mono">${j.owner}</td><td>${formatSpan(now - toMillis(j.created_at))}</td>
        <td><button type="button" class="btn-link danger" data-action="cancel-job" data-id="${j.id}">Cancel</button></td></tr>`)}
    </tbody></table>` : html`<p class="hint">No jobs are waiting.</p>`}`);
}

const TIER_CHOICES = ['anonymous', 'registered', 'donor'];

/** An e-mail address that may break only before its @ and after a dot (escaped; <wbr> marks the places). */
export function emailMarkup(email) {
  return html`${String(email).split(/(?=@)|(?<=\.)/).map((part, i) => html`${i ? raw('<wbr>') : ''}${part}`)}`;
}

/**
 * Users with the tier the backend applies: an admin (`admin: true` in the list) is shown as admin,
 * which no tier setting changes; the others' tier is changeable. Per-minute override settable, clearable.
 */
export function usersMarkup(page) {
  const users = Array.isArray(page?.users) ? page.users : [];
  if (!users.length) return markup(html`<p class="hint">No users found.</p>`);
  const tierCell = (u) => (u.admin === true
    ? html`<span class="user-tier" data-tier="admin">${tierLabel('admin')}</span><br /><span class="hint">an administrator; ${tierLabel(u.tier)} without the role</span>`
    : html`<label class="visually-hidden" for="tier-${u.id}">Tier of ${u.email ?? u.id}</label>
        <select id="tier-${u.id}" data-action="set-tier" data-uid="${u.id}">${TIER_CHOICES.map((t) => html`<option value="${t}"${raw(t === u.tier ? ' selected' : '')}>${tierLabel(t)}</option>`)}${TIER_CHOICES.includes(u.tier) ? '' : html`<option value="${u.tier}" selected disabled>${tierLabel(u.tier)}</option>`}</select>`);
  return markup(html`<table class="admin-table users-table"><caption>Users, newest first</caption><thead><tr><th scope="col">E-mail</th><th scope="col">Tier</th><th scope="col">Per minute</th><th scope="col">Creations</th><th scope="col">Last active</th></tr></thead><tbody>
    ${users.map((u) => html`<tr data-uid="${u.id}">
      <td><span class="user-email">${u.email ? emailMarkup(u.email) : '(no e-mail)'}</span>${u.email_verified ? '' : html` <span class="hint">unverified</span>`}<br /><span class="hint mono wrap">${u.id}</span></td>
      <td>${tierCell(u)}</td>
      <td><form class="override-form" data-action="set-override" data-uid="${u.id}"><label class="visually-hidden" for="pm-${u.id}">Per-minute limit of ${u.email ?? u.id}</label>
        <input type="number" id="pm-${u.id}" min="1" max="10000" step="1" placeholder="tier" value="${u.rate_limit_overrides?.per_minute ?? ''}" />
        <button type="submit" class="btn-link">Save</button></form></td>
      <td>${formatCount(u.usage_stats?.jobs ?? 0)}</td><td>${when(u.last_active)}</td></tr>`)}
  </tbody></table>${page?.next_before ? html`<button type="button" class="btn-secondary small" data-action="more-users" data-before="${page.next_before}">More users</button>` : ''}`);
}

/** Blocks in force, each with a Lift button. */
export function blocksMarkup(payload) {
  const blocks = Array.isArray(payload?.blocks) ? payload.blocks : [];
  if (!blocks.length) return markup(html`<p class="hint">Nobody is blocked.</p>`);
  return markup(html`<table class="admin-table"><caption>Blocks in force</caption><thead><tr><th scope="col">Identity</th><th scope="col">Source</th><th scope="col">Until</th><th scope="col">Reason</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>
    ${blocks.map((b) => html`<tr data-identity="${b.identity}"><td class="mono wrap">${b.identity}</td><td>${b.source}</td><td>${when(b.until)} (${formatSpan((b.remaining_seconds ?? 0) * 1000)} left)</td><td class="wrap">${b.reason ?? ''}</td>
      <td><button type="button" class="btn-link danger" data-action="lift-block" data-identity="${b.identity}">Lift</button></td></tr>`)}
  </tbody></table>`);
}

/** Recent errors, newest first; the stack trace behind a disclosure. */
export function errorsMarkup(errors) {
  const list = Array.isArray(errors) ? errors : [];
  if (!list.length) return markup(html`<p class="hint">No errors recorded.</p>`);
  return markup(html`<ul class="error-list">${list.map((e) => html`<li class="error-item">
    <p><strong>${when(e.at)}</strong> · ${e.instance ?? '—'} · <span class="mono">${e.method ?? ''} ${e.path ?? ''}</span></p>
    <p class="error-message"><span class="mono">${firstLine(e.type)}</span>: ${firstLine(e.message) || '(no message)'}</p>
    ${e.stack ? html`<details><summary>Stack trace</summary><pre class="stack">${e.stack}</pre></details>` : ''}</li>`)}</ul>`);
}

/** Parses the block form's target: an IP address or an identity (ip:<hash>, user:<uid>). */
export function blockTarget(text) {
  const t = String(text ?? '').trim();
  if (!t) return null;
  return /^(ip|user):/.test(t) ? { identity: t } : { ip: t };
}
