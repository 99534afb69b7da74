// The dashboard's data work, free of the DOM so it is tested in Node: admin API payloads →
// chart series, the period choices, the alert split, number formats, and `html`, a tagged
// template that escapes every value put into markup (e-mails, error messages, reasons…).
import { escapeXml, STATUS_COLOURS } from './charts.js';
import { tierLabel } from './tiers.js';

/**
 * The period selector. `analytics` is what GET /admin/analytics is asked: whole UTC days
 * (`days`), or for 24 h the last 24 hours hour by hour (`hours`, UTC hours the page labels in
 * the browser's time zone); the resource history goes back `hours`.
 */
export const PERIODS = Object.freeze({
  '24h': { label: '24 h', hours: 24, analytics: Object.freeze({ hours: 24 }) },
  '7d': { label: '7 days', hours: 7 * 24, analytics: Object.freeze({ days: 7 }) },
  '30d': { label: '30 days', hours: 30 * 24, analytics: Object.freeze({ days: 30 }) },
});

/** Job states in the order they are stacked. */
export const JOB_STATUSES = Object.freeze(['succeeded', 'failed', 'canceled', 'running', 'queued']);
export const TIERS = Object.freeze(['anonymous', 'registered', 'donor', 'admin']);
const TIER_COLOURS = { anonymous: '#a9a8ba', registered: '#7fb8f2', donor: '#f2b866', admin: '#c7a4f5' };

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

// ——— formats ———

export const formatCount = (v) => (finite(v) ? Math.round(v).toLocaleString('en') : '—');
export const formatPercent = (v) => (finite(v) ? `${Math.round(v * 1000) / 10} %` : '—');
export function formatMs(v) {
  if (!finite(v)) return '—';
  if (v >= 10_000) return `${Math.round(v / 100) / 10} s`;
  if (v >= 1000) return `${Math.round(v / 10) / 100} s`;
  return `${Math.round(v)} ms`;
}
/** Store commands a second: "0.4/s", "12/s". */
export function formatRate(v) {
  if (!finite(v)) return '—';
  return `${Math.abs(v) >= 10 ? Math.round(v) : Math.round(v * 10) / 10}/s`;
}
export function formatBytes(v) {
  if (!finite(v) || v <= 0) return '—';
  const mb = v / (1024 * 1024);
  return mb >= 1024 ? `${Math.round(mb / 102.4) / 10} GB` : `${Math.round(mb)} MB`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** '2026-11-26' → '26 Nov'. Anything else is shown as given. */
export function dayLabel(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(date ?? ''));
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]}` : String(date ?? '');
}

/**
 * An hourly bucket's label: the local clock time its UTC hour starts at, in `timeZone` (default:
 * the browser's) — "14:00", or "14:30" in a zone with a half-hour offset.
 */
export function hourLabel(iso, timeZone) {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return String(iso ?? '');
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(ms);
}

/** The browser's time zone name ("Europe/Berlin"), or null when it does not say. */
export function localZone() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null; } catch { return null; }
}

/** A time as epoch ms from an ISO string, a number or {$date}; NaN when unreadable. */
export function toMillis(value) {
  if (finite(value)) return value;
  if (value && typeof value === 'object' && '$date' in value) return toMillis(value.$date);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : NaN;
}

// ——— markup ———

const RAW = Symbol('raw');
/** Marks markup as already safe (made by `html` or the chart functions). */
export const raw = (markup) => ({ [RAW]: String(markup) });

/** Tagged template: interpolated values are escaped unless made by raw()/html; arrays are joined. */
export function html(strings, ...values) {
  const part = (v) => {
    if (Array.isArray(v)) return v.map(part).join('');
    if (v && typeof v === 'object' && RAW in v) return v[RAW];
    return escapeXml(v);
  };
  return raw(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}
/** The markup string of an `html` value. */
export const markup = (v) => (v && typeof v === 'object' && RAW in v ? v[RAW] : escapeXml(v));

// ——— analytics (GET /admin/analytics?days=N) ———

/**
 * Everything the day (or hour) charts need from an analytics report: GET /admin/analytics?days=N
 * (`days`, UTC days) or ?hours=N (`hours`, UTC hours, labelled in `timeZone`, default the
 * browser's). `hasData` is false when nothing at all was recorded in the range.
 * `pageViewsMeasured` is false while no page-view beacon was counted in the range (none came, or
 * every visitor sent Do Not Track or GPC), so a 0 would claim what was not measured.
 */
export function analyticsView(report, { timeZone } = {}) {
  const hourly = Array.isArray(report?.hours);
  const days = hourly ? report.hours : Array.isArray(report?.days) ? report.days : [];
  const categories = days.map((d) => (hourly ? hourLabel(d.date, timeZone) : dayLabel(d.date)));
  const jobs = (d) => (d && typeof d.jobs === 'object' && d.jobs) || {};
  const seenStatuses = new Set(days.flatMap((d) => Object.keys(jobs(d))));
  const statuses = [...JOB_STATUSES.filter((s) => seenStatuses.has(s)), ...[...seenStatuses].filter((s) => !JOB_STATUSES.includes(s)).sort()];
  const tiers = report?.tiers && typeof report.tiers === 'object' ? report.tiers : {};
  const tierNames = [...TIERS.filter((t) => t in tiers), ...Object.keys(tiers).filter((t) => !TIERS.includes(t)).sort()];
  const conversion = report?.conversion ?? {};
  const totals = report?.totals ?? {};
  const num = (v) => (finite(v) ? v : null);
  const pageViewsMeasured = (num(totals.page_views) ?? 0) > 0 || days.some((d) => d.page_views > 0);
  return {
    from: report?.from ?? null,
    to: report?.to ?? null,
    hourly,
    categories,
    hasData: days.some((d) => d.requests > 0 || d.page_views > 0 || d.active_users > 0 || Object.keys(jobs(d)).length > 0),
    pageViewsMeasured,
    activeUsers: [{ name: 'Active users', values: days.map((d) => num(d.active_users) ?? 0) }],
    pageViews: pageViewsMeasured ? [{ name: 'Page views', values: days.map((d) => num(d.page_views) ?? 0) }] : [],
    jobsByStatus: statuses.map((s) => ({ name: s, values: days.map((d) => num(jobs(d)[s]) ?? 0), colour: STATUS_COLOURS[s] })),
    successRate: [{ name: 'Success rate', values: days.map((d) => num(d.success_rate)) }],
    responseTimes: [
      { name: 'Mean', values: days.map((d) => num(d.mean_response_ms)) },
      { name: '95th percentile', values: days.map((d) => num(d.p95_response_ms)) },
    ],
    tiers: tierNames.map((t) => ({ name: tierLabel(t), tier: t, value: num(tiers[t]) ?? 0, colour: TIER_COLOURS[t] })),
    conversion: {
      categories: ['anonymous', 'registered', 'donor'].map((t) => `${tierLabel(t)}s`),
      series: [{ name: 'People who created', values: [num(conversion.anonymous) ?? 0, num(conversion.registered) ?? 0, num(conversion.donor) ?? 0] }],
      signedInRate: num(conversion.signed_in_rate),
      donorRate: num(conversion.donor_rate),
    },
    totals: {
      activeUsers: num(totals.active_users), pageViews: pageViewsMeasured ? num(totals.page_views) : null, jobs: num(totals.jobs),
      successRate: num(totals.success_rate), meanMs: num(totals.mean_response_ms), p95Ms: num(totals.p95_response_ms),
    },
  };
}

// ——— resource history (GET /admin/metrics/history?hours=N) ———

/**
 * The history answer as the charts read it: `points` (each instance's snapshots downsampled by the
 * store, ResourceHistory: `at` a bucket's start, `samples` the snapshots in it, gauges as means,
 * `<gauge>_max` their peaks, counters summed) and `resolutionSeconds`, the buckets' width. A plain
 * array, as a backend from before the downsampling answers, is minute snapshots.
 */
export function historyOf(answer) {
  if (Array.isArray(answer)) return { points: answer, resolutionSeconds: 60 };
  const points = Array.isArray(answer?.points) ? answer.points : [];
  const seconds = finite(answer?.resolution_seconds) && answer.resolution_seconds > 0 ? answer.resolution_seconds : 60;
  return { points, resolutionSeconds: seconds };
}

/** A bucket width in words: 60 → '1 min', 1800 → '30 min', 7200 → '2 h'. */
export function formatResolution(seconds) {
  if (!finite(seconds) || seconds <= 0) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600 || seconds % 3600 !== 0) return `${Math.round(seconds / 60)} min`;
  return `${seconds / 3600} h`;
}

/** Snapshots with readable times, oldest first; unreadable ones dropped. */
export function cleanSnapshots(snapshots) {
  return (Array.isArray(snapshots) ? snapshots : [])
    .map((s) => ({ ...s, ms: toMillis(s?.at) }))
    .filter((s) => Number.isFinite(s.ms))
    .sort((a, b) => a.ms - b.ms);
}

/**
 * Equal time slots over [start, end] (default: the snapshots' own range): `slotOf(ms)` → index,
 * `at(i)` → the slot's middle, `span(keys)` → every index from the lowest to the highest key.
 */
function timeSlots(clean, { buckets, start, end }) {
  const lo = start ?? clean[0].ms;
  const width = (Math.max(end ?? clean[clean.length - 1].ms, lo + 1) - lo) / buckets;
  return {
    slotOf: (ms) => Math.min(buckets - 1, Math.max(0, Math.floor((ms - lo) / width))),
    at: (i) => Math.round(lo + (i + 0.5) * width),
    span: (keys) => {
      const out = [];
      for (let i = Math.min(...keys); i <= Math.max(...keys); i++) out.push(i);
      return out;
    },
  };
}

/** How many snapshots a history point stands for (its `samples`; a minute snapshot is one). */
const weightOf = (s) => (finite(s.samples) && s.samples > 0 ? s.samples : 1);

/**
 * One series per instance of `field`, averaged into at most `buckets` equal time slots over
 * [start, end] so a month stays drawable. Points downsampled by the store count as many
 * snapshots as they stand for, so a slot's figure is the mean of its snapshots. A slot with no
 * snapshot is a gap.
 */
export function seriesByInstance(snapshots, field, { buckets = 144, start, end } = {}) {
  const clean = cleanSnapshots(snapshots).filter((s) => finite(s[field]));
  if (!clean.length) return [];
  const t = timeSlots(clean, { buckets, start, end });
  const byInstance = new Map();
  for (const s of clean) {
    const name = String(s.instance ?? 'unknown');
    if (!byInstance.has(name)) byInstance.set(name, new Map());
    const slot = t.slotOf(s.ms);
    const acc = byInstance.get(name).get(slot) ?? { sum: 0, n: 0 };
    acc.sum += s[field] * weightOf(s);
    acc.n += weightOf(s);
    byInstance.get(name).set(slot, acc);
  }
  return [...byInstance.keys()].sort().map((name) => {
    const slots = byInstance.get(name);
    return { name, points: t.span([...slots.keys()]).map((i) => ({ x: t.at(i), y: slots.has(i) ? slots.get(i).sum / slots.get(i).n : null })) };
  });
}

/**
 * The shared queue over time: every instance reports the same queue, so per slot the highest
 * figure any instance saw (waiting and running jobs) — a downsampled point's peak
 * (`queue_length_max`, `running_jobs_max`) rather than its mean, so a burst is not averaged away.
 */
export function queueSeries(snapshots, { buckets = 144, start, end } = {}) {
  const clean = cleanSnapshots(snapshots);
  if (!clean.length) return [];
  const t = timeSlots(clean, { buckets, start, end });
  const slots = new Map();
  for (const s of clean) {
    const slot = t.slotOf(s.ms);
    const acc = slots.get(slot) ?? { queued: null, running: null };
    const queued = finite(s.queue_length_max) ? s.queue_length_max : s.queue_length;
    const running = finite(s.running_jobs_max) ? s.running_jobs_max : s.running_jobs;
    if (finite(queued)) acc.queued = Math.max(acc.queued ?? 0, queued);
    if (finite(running)) acc.running = Math.max(acc.running ?? 0, running);
    slots.set(slot, acc);
  }
  const range = t.span([...slots.keys()]);
  return [
    { name: 'Waiting', points: range.map((i) => ({ x: t.at(i), y: slots.get(i)?.queued ?? null })) },
    { name: 'Running', points: range.map((i) => ({ x: t.at(i), y: slots.get(i)?.running ?? null })) },
  ];
}

// ——— the store's budget (snapshots' store_ops_per_second, GET /admin/store) ———

/** The colours of the store chart: the sum stands out, the instances follow, the lines mean what they say. */
const STORE_COLOURS = Object.freeze({ sum: '#e8e6f0', budget: '#ff9a8b', alert: '#f2b866', instances: ['#7fb8f2', '#7fd6a4', '#c7a4f5', '#8fd9d9'] });

/**
 * Store commands a second through the period: one series per instance (its minute snapshots'
 * store_ops_per_second, averaged into slots like the other minute charts) and, with two or more,
 * "All backends" first: per slot the sum over the instances that reported in it — the figure the
 * budget is about, as every backend spends the one store's. An instance without a snapshot in a
 * slot (hibernating, or down) adds nothing; a slot no instance reported in is a gap.
 */
export function storeSeries(snapshots, { buckets = 144, start, end } = {}) {
  const perInstance = seriesByInstance(snapshots, 'store_ops_per_second', { buckets, start, end })
    .map((s, i) => ({ ...s, colour: STORE_COLOURS.instances[i % STORE_COLOURS.instances.length] }));
  if (perInstance.length < 2) return perInstance;
  const sums = new Map();
  for (const s of perInstance) {
    for (const p of s.points) if (finite(p.y)) sums.set(p.x, (sums.get(p.x) ?? 0) + p.y);
  }
  const xs = [...new Set(perInstance.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  return [{ name: 'All backends', colour: STORE_COLOURS.sum, points: xs.map((x) => ({ x, y: sums.has(x) ? sums.get(x) : null })) }, ...perInstance];
}

/** The budget and the alert's line for the store chart; none when the budget is unknown. */
export function storeLines(store) {
  const budget = finite(store?.budget) && store.budget > 0 ? store.budget : null;
  if (budget === null) return [];
  const lines = [{ name: 'Budget', value: budget, colour: STORE_COLOURS.budget }];
  if (finite(store.alert_share)) lines.push({ name: `Alert (${Math.round(store.alert_share * 100)} %)`, value: budget * store.alert_share, colour: STORE_COLOURS.alert });
  return lines;
}

/**
 * The store's figure now (GET /admin/store): commands a second of all backends, the share of the
 * budget, whether the alert's share is passed, and each instance's part.
 */
export function storeNow(store) {
  if (!store || !finite(store.per_second)) return null;
  const budget = finite(store.budget) && store.budget > 0 ? store.budget : null;
  const share = finite(store.share) ? store.share : budget ? store.per_second / budget : null;
  const instances = store.instances && typeof store.instances === 'object'
    ? Object.entries(store.instances).filter(([, v]) => finite(v)).map(([name, perSecond]) => ({ name, perSecond }))
    : [];
  return {
    perSecond: store.per_second,
    budget,
    share,
    alertShare: finite(store.alert_share) ? store.alert_share : null,
    over: share !== null && finite(store.alert_share) && share > store.alert_share,
    instances,
  };
}

/** The newest snapshot of each instance. */
export function latestByInstance(snapshots) {
  const latest = new Map();
  for (const s of cleanSnapshots(snapshots)) latest.set(String(s.instance ?? 'unknown'), s);
  return [...latest.values()];
}

// ——— alerts, errors ———

/** Alerts (newest first from the API) split into open ones and the history. */
export function splitAlerts(alerts) {
  const list = Array.isArray(alerts) ? alerts : [];
  return { open: list.filter((a) => a?.status === 'open'), history: list.filter((a) => a?.status !== 'open') };
}

const METRICS = { cpu: 'CPU', memory: 'Memory', error_rate: 'Error rate', response_time: 'Response time', store_ops: 'Store commands', models: 'Missing models' };
/** An alert's figures as its message words them (AlertManager): whole per cents, error rates to 0.1 %, ms. */
const ALERT_FORMATS = {
  cpu: (v) => (finite(v) ? `${Math.round(v * 100)} %` : '—'),
  memory: (v) => (finite(v) ? `${Math.round(v * 100)} %` : '—'),
  store_ops: (v) => (finite(v) ? `${Math.round(v * 100)} %` : '—'),
  error_rate: formatPercent,
  response_time: (v) => (finite(v) ? `${Math.round(v)} ms` : '—'),
  models: (v) => (finite(v) ? String(Math.round(v)) : '—'),
};
/**
 * An alert's figures in words, each labelled for what it is: the figure when it opened (the one
 * its message states: `opened_value`), the highest while it was open (`value`, when higher) and
 * the threshold — "CPU 87 % when opened · highest 99 % (threshold 85 %)". An alert stored before
 * `opened_value` was kept has only its highest figure.
 */
export function alertFigure(alert) {
  const metric = METRICS[alert?.metric] ?? String(alert?.metric ?? 'alert');
  const fmt = ALERT_FORMATS[alert?.metric] ?? formatPercent;
  const of = alert?.metric === 'store_ops' ? ' of the budget' : '';
  const threshold = ` (threshold ${fmt(alert?.threshold)})`;
  if (!finite(alert?.opened_value)) return `${metric} highest ${fmt(alert?.value)}${of}${threshold}`;
  const peak = finite(alert.value) && fmt(alert.value) !== fmt(alert.opened_value) ? ` · highest ${fmt(alert.value)}` : '';
  return `${metric} ${fmt(alert.opened_value)}${of} when opened${peak}${threshold}`;
}

/** "3 min", "2 h 5 min", "1 d 4 h": how long between two times. */
export function formatSpan(ms) {
  if (!finite(ms) || ms < 0) return '—';
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${Math.floor(h / 24)} d`;
}

/** The first line of a stack trace or message, for a list; the whole text stays in details. */
export function firstLine(text, max = 160) {
  const line = String(text ?? '').split('\n')[0].trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

// ——— the funnel and usage patterns (analytics.funnel, analytics.usage) ———

/** What the dashboard calls each refusal reason of the roll-up (TrafficRollup.refusalOf). */
export const REFUSAL_LABELS = Object.freeze({
  rate_limited: 'Own allowance used up (429)',
  shared_limit: 'Shared address or network allowance (429)',
  blocked: 'Blocked for a while (429)',
  resource_limit: 'Busy: queue, store or slots full (503)',
  provider_unavailable: 'Provider unavailable (503)',
  429: '429 outside the API’s answers',
  503: '503 outside the API’s answers',
});

/**
 * The funnel steps of a report: visitors → creators → registered → donors, each with its count and
 * the share of the step before (null for the first step, or when the step before is 0).
 * Null when the report has no funnel (a backend from before it).
 */
export function funnelView(report) {
  const f = report?.funnel;
  if (!f || typeof f !== 'object') return null;
  const num = (v) => (finite(v) ? v : 0);
  const share = (v) => (finite(v) ? v : null);
  return [
    { step: 'Visitors', count: num(f.visitors), share: null, means: 'distinct addresses that viewed a page' },
    { step: 'Creators', count: num(f.creators), share: share(f.creators_share), means: 'distinct people who created something' },
    { step: 'Registered', count: num(f.registered), share: share(f.registered_share), means: 'creators signed in when they created' },
    { step: 'Donors', count: num(f.donors), share: share(f.donors_share), means: 'donations received' },
  ];
}

/**
 * The usage patterns of a report, for charts: busiest hours (UTC hours of the day, labelled and
 * ordered in `timeZone`, the browser's by default, at the offset of `now`), creations by tier and
 * kind, refusals by reason (most first) and repeat visitors. Null without `usage`.
 */
export function usageView(report, { timeZone, now = Date.now() } = {}) {
  const u = report?.usage;
  if (!u || typeof u !== 'object') return null;
  const num = (v) => (finite(v) ? v : 0);
  const day = new Date(now);
  const hours = (Array.isArray(u.hours_of_day) ? u.hours_of_day : [])
    .filter((h) => Number.isInteger(h?.hour) && h.hour >= 0 && h.hour < 24)
    .map((h) => ({
      label: hourLabel(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h.hour)).toISOString(), timeZone),
      activeUsers: num(h.active_users), pageViews: num(h.page_views), requests: num(h.requests), creations: num(h.creations),
    }))
    .sort((x, y) => x.label.localeCompare(y.label));
  const busiest = [...hours].filter((h) => h.activeUsers > 0 || h.creations > 0)
    .sort((x, y) => y.activeUsers - x.activeUsers || y.creations - x.creations || x.label.localeCompare(y.label)).slice(0, 3);
  const creations = u.creations && typeof u.creations === 'object' ? u.creations : {};
  const tierNames = [...TIERS.filter((t) => t in creations), ...Object.keys(creations).filter((t) => !TIERS.includes(t)).sort()];
  const kindNames = [...new Set(tierNames.flatMap((t) => Object.keys(creations[t] ?? {})))].sort();
  const refusals = (Array.isArray(u.refusals) ? u.refusals : []).filter((r) => r && typeof r.reason === 'string')
    .map((r) => ({
      reason: r.reason, label: REFUSAL_LABELS[r.reason] ?? r.reason, count: num(r.count),
      endpoints: Object.entries(r.endpoints ?? {}).filter(([, n]) => finite(n)).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])),
    }))
    .slice(0, 8);
  return {
    hours,
    busiest,
    hasHours: hours.some((h) => h.activeUsers > 0 || h.creations > 0 || h.requests > 0),
    tierCategories: tierNames.map((t) => tierLabel(t)),
    kindSeries: kindNames.map((k) => ({ name: k, values: tierNames.map((t) => num(creations[t]?.[k])) })),
    kinds: Object.entries(u.kinds ?? {}).filter(([, n]) => finite(n)).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])),
    refusals,
    repeatVisitors: num(u.repeat_visitors),
    activeUsers: num(u.active_users),
    repeatShare: finite(u.repeat_share) ? u.repeat_share : null,
  };
}

/**
 * The providers of one backend's GET /api/v1/health, for its card: one line each, "stability: up".
 * A provider in state `misconfigured` (the model canary found a configured model missing upstream)
 * carries its reasons from the sibling `misconfigured` map (provider → kind → reason in words), so
 * the operator reads which model to change without opening the log. Backends older than the canary
 * send no `misconfigured` map; their states show as they are.
 * @returns {{ name: string, state: string, reasons: string[] }[]}
 */
export function providerStates(health) {
  const providers = health?.providers;
  if (!providers || typeof providers !== 'object') return [];
  const misconfigured = health?.misconfigured && typeof health.misconfigured === 'object' ? health.misconfigured : {};
  return Object.entries(providers).map(([name, state]) => {
    const kinds = misconfigured[name];
    const reasons = kinds && typeof kinds === 'object' ? Object.values(kinds).map(String) : [];
    return { name, state: String(state), reasons };
  });
}

/** The providers as one text: "stability: up, gemini: misconfigured (gemini: text-to-image model … does not exist upstream …)". */
export function providersText(health) {
  const states = providerStates(health);
  if (states.length === 0) return '—';
  return states.map(({ name, state, reasons }) => `${name}: ${state}${reasons.length ? ` (${reasons.join('; ')})` : ''}`).join(', ');
}
