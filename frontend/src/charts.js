// Small hand-written SVG charts for the dashboard: line/area over time, bars (grouped or
// stacked) over categories, and a donut. No library: each function returns an SVG string
// (so it runs and is tested in Node as well as in the page), with
//   • axes with "nice" ticks and labels,
//   • a <title> tooltip on every point, bar and slice (browsers show it on hover),
//   • role="img" with a <title> and a <desc> summary as the text alternative,
//   • every string that came from outside escaped.
// Empty data gives `emptyChart()` — a "No data yet" panel — rather than empty axes.
// Times are UTC (the analytics API counts UTC days).

const W = 600;
const H = 240;
const MARGIN = { top: 14, right: 16, bottom: 30, left: 58 };
const LEGEND_SPACE = 22;
/** Margins for a chart with or without a legend row under the x axis. */
const margins = (withLegend) => (withLegend ? { ...MARGIN, bottom: MARGIN.bottom + LEGEND_SPACE } : MARGIN);

/** The series palette (colour-blind friendly on the dark background). */
export const PALETTE = Object.freeze(['#f2b866', '#7fb8f2', '#7fd6a4', '#ff9a8b', '#c7a4f5', '#e6e38a', '#8fd9d9']);

/** Colours that carry a meaning wherever they appear. */
export const STATUS_COLOURS = Object.freeze({
  succeeded: '#7fd6a4', failed: '#ff9a8b', canceled: '#a9a8ba', running: '#7fb8f2', queued: '#f2b866',
});

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML/SVG text and attribute values. */
export function escapeXml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

let ids = 0;
const nextId = (prefix) => `${prefix}-${++ids}`;

/** Rounds for drawing (two decimals keeps the markup short). */
const r2 = (n) => Math.round(n * 100) / 100;

/**
 * About `count` round tick values covering [min, max], on 1-2-5 × 10^n steps.
 * @param {object} [o]
 * @param {boolean} [o.integer]  the values are whole numbers (counts): steps of at least 1
 * @param {(v:number)=>string} [o.format]  how the labels read: the step grows until no two
 *        ticks read the same ("0 ms, 0 ms, 1 ms" becomes "0 ms, 1 ms"), so ticks suit the unit
 */
export function niceTicks(min, max, count = 5, { integer = false, format } = {}) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) { max = min === 0 ? 1 : min + Math.abs(min); }
  const raw = (max - min) / Math.max(1, count);
  let step = niceStep(integer ? Math.max(1, raw) : raw);
  for (let tries = 0; tries < 30; tries++) {
    const ticks = ticksBy(min, max, step);
    if (!format || new Set(ticks.map(format)).size === ticks.length) return ticks;
    step = niceStep(step * 1.5); // the next 1-2-5 step
  }
  return ticksBy(min, max, step);
}

/** The smallest 1-2-5 × 10^n step at least `raw`. */
function niceStep(raw) {
  const mag = 10 ** Math.floor(Math.log10(raw));
  return Number(([1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * mag).toPrecision(12));
}

function ticksBy(min, max, step) {
  const first = Math.floor(min / step) * step;
  const ticks = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_STEPS = [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');

/** "14:00" (UTC). */
export function formatClock(ms) {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "26 Nov" (UTC). */
export function formatDay(ms) {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** "26 Nov 14:05 UTC". */
export function formatDateTime(ms) {
  return `${formatDay(ms)} ${formatClock(ms)} UTC`;
}

/** Tick times on round UTC hours/days for a time range, about `count` of them. */
export function timeTicks(min, max, count = 6) {
  if (!(max > min)) return Number.isFinite(min) ? [min] : [];
  const step = TIME_STEPS.find((s) => (max - min) / s <= count) ?? TIME_STEPS[TIME_STEPS.length - 1];
  const ticks = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  return ticks;
}

function timeLabel(ms, step) {
  return step >= DAY || (ms % DAY === 0 && step >= 6 * HOUR) ? formatDay(ms) : formatClock(ms);
}

/** The "No data yet" panel a chart shows instead of empty axes. */
export function emptyChart(message = 'No data yet') {
  return `<p class="chart-empty" data-empty="true">${escapeXml(message)}</p>`;
}

function svgOpen({ id, label, summary, extraClass = '' }) {
  return `<svg class="chart ${extraClass}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" preserveAspectRatio="xMidYMid meet">`
    + `<title id="${id}-t">${escapeXml(label)}</title><desc id="${id}-d">${escapeXml(summary)}</desc>`;
}

function yAxis(ticks, y, format, M) {
  return ticks.map((v) => `<g class="tick"><line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${r2(y(v))}" y2="${r2(y(v))}"/>`
    + `<text class="axis-label" x="${M.left - 6}" y="${r2(y(v) + 4)}" text-anchor="end">${escapeXml(format(v))}</text></g>`).join('');
}

function legend(items, M) {
  if (items.length < 2) return '';
  return `<g class="legend">${items.map((it, i) => {
    const x = M.left + i * 150;
    return `<g transform="translate(${x},${H - 8})"><rect width="10" height="10" y="-9" rx="2" fill="${it.colour}"/>`
      + `<text class="axis-label" x="14">${escapeXml(it.name)}</text></g>`;
  }).join('')}</g>`;
}

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/**
 * A line chart over time.
 * @param {object} o
 * @param {string} o.label            what the chart shows (its accessible name)
 * @param {{name:string, points:{x:number,y:(number|null)}[], colour?:string}[]} o.series  x = epoch ms; y null = a gap
 * @param {(v:number)=>string} [o.format]  y values in labels and tooltips
 * @param {number} [o.yMax]           a fixed top (e.g. 1 for ratios); otherwise from the data
 * @param {boolean} [o.integer]       whole-number values (counts): whole-number ticks
 * @param {boolean} [o.area]          fill under the first series
 * @param {{name:string, value:number, colour?:string}[]} [o.lines]  dashed horizontal reference lines
 *                                    (a budget, a threshold), labelled at the right; the y axis reaches them
 */
export function lineChart({ label, series, format = String, yMax, area = false, lines = [], integer = false, empty = 'No data yet' }) {
  const drawn = (series ?? []).map((s, i) => ({ ...s, colour: s.colour ?? PALETTE[i % PALETTE.length], points: (s.points ?? []).filter((p) => finite(p.x)) }))
    .filter((s) => s.points.some((p) => finite(p.y)));
  if (!drawn.length) return emptyChart(empty);
  const M = margins(drawn.length > 1);
  const xs = drawn.flatMap((s) => s.points.map((p) => p.x));
  const ys = drawn.flatMap((s) => s.points.map((p) => p.y).filter(finite));
  const refs = (lines ?? []).filter((l) => finite(l.value) && l.value >= 0);
  let xMin = Math.min(...xs);
  let xMax = Math.max(...xs);
  if (xMin === xMax) { xMin -= HOUR / 2; xMax += HOUR / 2; }
  const ticks = niceTicks(0, Math.max(yMax ?? 0, ...ys, ...refs.map((l) => l.value), 0) || 1, 4, { integer, format });
  const top = Math.max(yMax ?? 0, ticks[ticks.length - 1]);
  const x = (v) => M.left + ((v - xMin) / (xMax - xMin)) * (W - M.left - M.right);
  const y = (v) => H - M.bottom - (v / top) * (H - M.top - M.bottom);
  const tt = timeTicks(xMin, xMax);
  const step = tt.length > 1 ? tt[1] - tt[0] : DAY;
  const id = nextId('line');
  const latest = drawn.map((s) => {
    const last = [...s.points].reverse().find((p) => finite(p.y));
    return `${s.name}: latest ${format(last.y)}, highest ${format(Math.max(...s.points.map((p) => p.y).filter(finite)))}`;
  }).join('; ');
  const refText = refs.map((l) => ` ${l.name}: ${format(l.value)}.`).join('');
  const summary = `${formatDateTime(xMin)} to ${formatDateTime(xMax)}. ${latest}.${refText}`;
  let out = svgOpen({ id, label, summary });
  out += yAxis(ticks.filter((v) => v <= top), y, format, M);
  for (const l of refs) {
    const ly = r2(y(l.value));
    out += `<g class="ref-line" data-line="${escapeXml(l.name)}"><line class="ref" x1="${M.left}" x2="${W - M.right}" y1="${ly}" y2="${ly}" stroke="${l.colour ?? '#a9a8ba'}"/>`
      + `<text class="axis-label" x="${W - M.right}" y="${r2(ly - 4)}" text-anchor="end">${escapeXml(`${l.name} ${format(l.value)}`)}</text>`
      + `<title>${escapeXml(`${l.name}: ${format(l.value)}`)}</title></g>`;
  }
  out += tt.map((t) => `<text class="axis-label" x="${r2(x(t))}" y="${H - M.bottom + 16}" text-anchor="middle">${escapeXml(timeLabel(t, step))}</text>`).join('');
  out += `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>`;
  drawn.forEach((s, i) => {
    const segments = [];
    let current = [];
    for (const p of s.points) {
      if (finite(p.y)) current.push(p); else if (current.length) { segments.push(current); current = []; }
    }
    if (current.length) segments.push(current);
    out += `<g class="series" data-series="${escapeXml(s.name)}" data-points="${s.points.filter((p) => finite(p.y)).length}">`;
    for (const seg of segments) {
      const d = seg.map((p, k) => `${k ? 'L' : 'M'}${r2(x(p.x))} ${r2(y(p.y))}`).join('');
      if (area && i === 0) {
        out += `<path class="area" fill="${s.colour}" d="${d}L${r2(x(seg[seg.length - 1].x))} ${H - M.bottom}L${r2(x(seg[0].x))} ${H - M.bottom}Z"/>`;
      }
      out += `<path class="line" stroke="${s.colour}" d="${d}${seg.length === 1 ? 'h0.1' : ''}"/>`;
    }
    const solo = new Set(segments.filter((seg) => seg.length < 3).flat());
    for (const p of s.points) {
      if (!finite(p.y)) continue;
      out += `<circle class="pt${solo.has(p) ? ' solo' : ''}" cx="${r2(x(p.x))}" cy="${r2(y(p.y))}" r="3" fill="${s.colour}"><title>${escapeXml(`${s.name} · ${p.label ?? formatDateTime(p.x)}: ${format(p.y)}`)}</title></circle>`;
    }
    out += '</g>';
  });
  out += legend(drawn.map((s) => ({ name: s.name, colour: s.colour })), M);
  return out + '</svg>';
}

/**
 * Bars over categories (days): one bar per category per series, side by side, or stacked.
 * @param {object} o
 * @param {string} o.label
 * @param {string[]} o.categories      x labels, in order
 * @param {{name:string, values:(number|null)[], colour?:string}[]} o.series
 * @param {boolean} [o.stacked]
 * @param {(v:number)=>string} [o.format]
 * @param {number} [o.yMax]
 * @param {boolean} [o.integer]  whole-number values (counts): whole-number ticks
 */
export function barChart({ label, categories, series, stacked = false, format = String, yMax, integer = false, empty = 'No data yet' }) {
  const cats = categories ?? [];
  const drawn = (series ?? []).map((s, i) => ({ ...s, colour: s.colour ?? PALETTE[i % PALETTE.length] }));
  const any = drawn.some((s) => (s.values ?? []).some((v) => finite(v) && v !== 0)) || drawn.some((s) => (s.values ?? []).some(finite) && yMax);
  if (!cats.length || !drawn.length || !any) return emptyChart(empty);
  const M = margins(drawn.length > 1);
  const value = (s, c) => (finite(s.values?.[c]) ? s.values[c] : null);
  const heights = cats.map((_, c) => (stacked ? drawn.reduce((sum, s) => sum + (value(s, c) ?? 0), 0) : Math.max(0, ...drawn.map((s) => value(s, c) ?? 0))));
  const ticks = niceTicks(0, Math.max(yMax ?? 0, ...heights) || 1, 4, { integer, format });
  const top = Math.max(yMax ?? 0, ticks[ticks.length - 1]);
  const plotW = W - M.left - M.right;
  const band = plotW / cats.length;
  const gap = Math.min(band * 0.25, 24);
  const barW = stacked ? band - gap : (band - gap) / drawn.length;
  const y = (v) => H - M.bottom - (v / top) * (H - M.top - M.bottom);
  const labelEvery = Math.ceil(cats.length / 10);
  const id = nextId('bar');
  const summary = drawn.map((s) => {
    const vals = cats.map((_, c) => value(s, c)).filter(finite);
    const total = vals.reduce((a, b) => a + b, 0);
    return vals.length ? `${s.name}: ${stacked ? `total ${format(total)}` : `highest ${format(Math.max(...vals))}`}, last ${format(value(s, cats.length - 1) ?? 0)}` : `${s.name}: no data`;
  }).join('; ');
  let out = svgOpen({ id, label, summary: `${cats[0]} to ${cats[cats.length - 1]}. ${summary}.` });
  out += yAxis(ticks.filter((v) => v <= top), y, format, M);
  out += `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>`;
  cats.forEach((cat, c) => {
    const x0 = M.left + c * band + gap / 2;
    if (c % labelEvery === 0) {
      out += `<text class="axis-label" x="${r2(M.left + c * band + band / 2)}" y="${H - M.bottom + 16}" text-anchor="middle">${escapeXml(cat)}</text>`;
    }
    let base = 0;
    drawn.forEach((s, i) => {
      const v = value(s, c);
      if (v === null) return;
      const bx = stacked ? x0 : x0 + i * barW;
      const y1 = y(base + v);
      const h = Math.max(0, y(base) - y1);
      out += `<rect class="bar" data-series="${escapeXml(s.name)}" x="${r2(bx)}" y="${r2(y1)}" width="${r2(Math.max(1, barW - (stacked ? 0 : 2)))}" height="${r2(h)}" fill="${s.colour}">`
        + `<title>${escapeXml(`${cat} · ${s.name}: ${format(v)}`)}</title></rect>`;
      if (stacked) base += v;
    });
  });
  out += legend(drawn.map((s) => ({ name: s.name, colour: s.colour })), M);
  return out + '</svg>';
}

/**
 * A donut of shares.
 * @param {{label:string, slices:{name:string, value:number, colour?:string}[], format?:(v:number)=>string}} o
 */
export function donutChart({ label, slices, format = String, empty = 'No data yet' }) {
  const drawn = (slices ?? []).filter((s) => finite(s.value) && s.value > 0).map((s, i) => ({ ...s, colour: s.colour ?? PALETTE[i % PALETTE.length] }));
  const total = drawn.reduce((a, s) => a + s.value, 0);
  if (!total) return emptyChart(empty);
  const cx = 150; const cy = H / 2; const ro = 95; const ri = 58;
  const pct = (v) => `${Math.round((v / total) * 1000) / 10} %`;
  const id = nextId('donut');
  const summary = `${format(total)} in all. ` + drawn.map((s) => `${s.name}: ${format(s.value)} (${pct(s.value)})`).join('; ') + '.';
  let out = svgOpen({ id, label, summary, extraClass: 'chart-donut' });
  let angle = -Math.PI / 2;
  const at = (a, rad) => `${r2(cx + rad * Math.cos(a))} ${r2(cy + rad * Math.sin(a))}`;
  for (const s of drawn) {
    const sweep = (s.value / total) * Math.PI * 2;
    const end = angle + Math.min(sweep, Math.PI * 2 - 1e-4);
    const large = sweep > Math.PI ? 1 : 0;
    const d = `M${at(angle, ro)}A${ro} ${ro} 0 ${large} 1 ${at(end, ro)}L${at(end, ri)}A${ri} ${ri} 0 ${large} 0 ${at(angle, ri)}Z`;
    out += `<path class="slice" data-series="${escapeXml(s.name)}" d="${d}" fill="${s.colour}"><title>${escapeXml(`${s.name}: ${format(s.value)} (${pct(s.value)})`)}</title></path>`;
    angle += sweep;
  }
  out += `<text class="donut-total" x="${cx}" y="${cy + 4}" text-anchor="middle">${escapeXml(format(total))}</text>`;
  drawn.forEach((s, i) => {
    const ly = 40 + i * 26;
    out += `<g transform="translate(290,${ly})"><rect width="12" height="12" y="-10" rx="2" fill="${s.colour}"/>`
      + `<text class="legend-text" x="20">${escapeXml(`${s.name} — ${format(s.value)} (${pct(s.value)})`)}</text></g>`;
  });
  return out + '</svg>';
}

/**
 * The data behind a chart as a small HTML table (the text alternative sighted keyboard and
 * screen-reader users can open), at most `maxRows` rows.
 * @param {string[]} columns  header cells
 * @param {(string|number|null)[][]} rows
 */
export function dataTable(columns, rows, maxRows = 60) {
  if (!rows?.length) return '';
  const shown = rows.length > maxRows ? rows.filter((_, i) => i % Math.ceil(rows.length / maxRows) === 0) : rows;
  const cell = (v) => escapeXml(v === null || v === undefined ? '—' : v);
  return `<details class="chart-data"><summary>Data${shown.length < rows.length ? ` (${shown.length} of ${rows.length} rows)` : ''}</summary>`
    + `<table><thead><tr>${columns.map((c) => `<th scope="col">${cell(c)}</th>`).join('')}</tr></thead>`
    + `<tbody>${shown.map((r) => `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${cell(v)}</th>` : `<td>${cell(v)}</td>`)).join('')}</tr>`).join('')}</tbody></table></details>`;
}
