// charts.js: the dashboard's SVG charts — axes, tooltips, text alternatives, empty states, escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, dataTable, donutChart, emptyChart, escapeXml, lineChart, niceTicks, timeTicks, formatDateTime } from '../src/charts.js';

const T0 = Date.UTC(2026, 10, 26, 0, 0);
const H = 3_600_000;
const count = (svg, re) => (svg.match(re) ?? []).length;

test('nice ticks are round numbers covering the range, on 1-2-5 steps', () => {
  assert.deepEqual(niceTicks(0, 87, 4), [0, 50, 100]);
  assert.deepEqual(niceTicks(0, 87, 5), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(0, 1, 4), [0, 0.5, 1]);
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(0, 3, 4), [0, 1, 2, 3]);
  assert.deepEqual(niceTicks(5, 5), [5, 6, 7, 8, 9, 10]);
  assert.deepEqual(niceTicks(NaN, 3), []);
});

test('small ranges get no repeated labels: whole-number ticks for counts, unit-aware for any format', () => {
  const count = (v) => String(Math.round(v));
  const ms = (v) => `${Math.round(v)} ms`;
  assert.deepEqual(niceTicks(0, 1, 4, { integer: true }), [0, 1]);
  assert.deepEqual(niceTicks(0, 3, 4, { integer: true }), [0, 1, 2, 3]);
  assert.deepEqual(niceTicks(0, 7, 4, { integer: true }), [0, 2, 4, 6, 8]);
  assert.deepEqual(niceTicks(0, 1, 4, { format: count }).map(count), ['0', '1']);
  assert.deepEqual(niceTicks(0, 1.2, 4, { format: ms }).map(ms), ['0 ms', '1 ms', '2 ms']);
  assert.deepEqual(niceTicks(0, 3.4, 4, { format: ms }).map(ms), ['0 ms', '1 ms', '2 ms', '3 ms', '4 ms']);
  assert.deepEqual(niceTicks(0, 1, 4, { format: (v) => `${Math.round(v * 100)} %` }), [0, 0.5, 1]);
  for (const max of [1, 2, 3, 7, 13, 0.4, 1.6, 990]) {
    const labels = niceTicks(0, max, 4, { format: count }).map(count);
    assert.equal(new Set(labels).size, labels.length, `${max}: ${labels}`);
  }
  // in a drawn chart: a bar chart of counts up to 1 labels its axis 0, 1 — not 0, 0, 1, 1, 1
  const svg = barChart({ label: 'Jobs', categories: ['a', 'b'], series: [{ name: 'n', values: [1, 0] }], format: count, integer: true });
  const axis = [...svg.matchAll(/text-anchor="end">([^<]*)</g)].map((m) => m[1]);
  assert.deepEqual(axis, ['0', '1']);
  const lines = lineChart({ label: 'ms', series: [{ name: 'm', points: [{ x: T0, y: 0.4 }, { x: T0 + H, y: 1.2 }] }], format: ms });
  const msAxis = [...lines.matchAll(/text-anchor="end">([^<]*)</g)].map((m) => m[1]);
  assert.equal(new Set(msAxis).size, msAxis.length, msAxis.join(', '));
});

test('time ticks fall on round UTC hours', () => {
  const ticks = timeTicks(T0 + 10 * 60_000, T0 + 24 * H);
  assert.deepEqual(ticks.map((t) => new Date(t).toISOString().slice(11, 16)), ['06:00', '12:00', '18:00', '00:00']);
  assert.equal(formatDateTime(T0 + 14 * H + 5 * 60_000), '26 Nov 14:05 UTC');
});

test('a line chart draws each series with a tooltip per point and a text alternative', () => {
  const svg = lineChart({
    label: 'CPU use per instance',
    format: (v) => `${Math.round(v * 100)} %`,
    yMax: 1,
    series: [
      { name: 'primary', points: [{ x: T0, y: 0.1 }, { x: T0 + H, y: 0.5 }, { x: T0 + 2 * H, y: 0.3 }] },
      { name: 'fallback', points: [{ x: T0, y: 0.05 }, { x: T0 + H, y: null }, { x: T0 + 2 * H, y: 0.07 }] },
    ],
  });
  assert.match(svg, /^<svg class="chart [^"]*" viewBox="0 0 600 240" role="img" aria-labelledby="(line-\d+)-t \1-d"/);
  assert.match(svg, /<title id="line-\d+-t">CPU use per instance<\/title>/);
  assert.match(svg, /<desc id="line-\d+-d">26 Nov 00:00 UTC to 26 Nov 02:00 UTC\. primary: latest 30 %, highest 50 %; fallback: latest 7 %, highest 7 %\.<\/desc>/);
  assert.match(svg, /<g class="series" data-series="primary" data-points="3">/);
  assert.match(svg, /<g class="series" data-series="fallback" data-points="2">/);
  assert.equal(count(svg, /<circle class="pt/g), 5, 'a point per value; the gap has none');
  assert.match(svg, /<title>primary · 26 Nov 01:00 UTC: 50 %<\/title>/);
  // the fallback's gap splits its line in two
  assert.equal(count(svg, /<path class="line"/g), 3);
  // y axis up to 100 %, legend for two series
  assert.match(svg, />100 %<\/text>/);
  assert.match(svg, /<g class="legend">/);
});

test('reference lines (a budget, an alert line) are drawn dashed, labelled, and the axis reaches them', () => {
  const svg = lineChart({
    label: 'Store commands', format: (v) => `${v}/s`,
    series: [{ name: 'All backends', points: [{ x: T0, y: 12 }, { x: T0 + H, y: 20 }] }],
    lines: [{ name: 'Budget', value: 100, colour: '#ff9a8b' }, { name: 'Alert (70 %)', value: 70 }, { name: 'ignored', value: NaN }],
  });
  assert.equal(count(svg, /<g class="ref-line"/g), 2, 'one per finite line');
  assert.match(svg, /<g class="ref-line" data-line="Budget"><line class="ref" x1="58" x2="584" y1="(\d+(\.\d+)?)" y2="\1" stroke="#ff9a8b"\/>/);
  assert.match(svg, /<text class="axis-label" x="584" y="[\d.]+" text-anchor="end">Alert \(70 %\) 70\/s<\/text>/);
  assert.match(svg, /<title>Budget: 100\/s<\/title>/);
  assert.match(svg, />100\/s<\/text>/, 'the y axis goes up to the budget though the data stays at 20');
  assert.match(svg, /<desc[^>]*>.*All backends: latest 20\/s, highest 20\/s\. Budget: 100\/s\. Alert \(70 %\): 70\/s\.<\/desc>/);
  const budgetY = Number(/data-line="Budget"><line class="ref" x1="58" x2="584" y1="([\d.]+)"/.exec(svg)[1]);
  const alertY = Number(/data-line="Alert \(70 %\)"><line class="ref" x1="58" x2="584" y1="([\d.]+)"/.exec(svg)[1]);
  assert.ok(budgetY < alertY, 'the budget is above the alert line');
  assert.equal(lineChart({ label: 'x', series: [], lines: [{ name: 'Budget', value: 100 }] }), emptyChart(), 'lines alone are no data');
});

test('a bar chart stacks statuses per day, with a tooltip per bar', () => {
  const svg = barChart({
    label: 'Creations by status', stacked: true, categories: ['25 Nov', '26 Nov'],
    series: [{ name: 'succeeded', values: [10, 30] }, { name: 'failed', values: [0, 2] }],
  });
  assert.equal(count(svg, /<rect class="bar"/g), 4);
  assert.match(svg, /<title>26 Nov · failed: 2<\/title>/);
  assert.match(svg, /<desc[^>]*>25 Nov to 26 Nov\. succeeded: total 40, last 30; failed: total 2, last 2\.<\/desc>/);
  // stacked: the top of the tallest stack is 32, so the axis reaches at least 32
  const ticks = [...svg.matchAll(/text-anchor="end">(\d+)<\/text>/g)].map((m) => Number(m[1]));
  assert.ok(Math.max(...ticks) >= 32, `ticks ${ticks}`);
});

test('null values are left out of bars (a day with nothing to measure)', () => {
  const svg = barChart({ label: 'Success rate', categories: ['a', 'b', 'c'], yMax: 1, series: [{ name: 'Success rate', values: [0.5, null, 1] }] });
  assert.equal(count(svg, /<rect class="bar"/g), 2);
});

test('a donut shows each share with its percentage', () => {
  const svg = donutChart({ label: 'Creations by tier', slices: [{ name: 'anonymous', value: 3 }, { name: 'registered', value: 1 }, { name: 'donor', value: 0 }] });
  assert.equal(count(svg, /<path class="slice"/g), 2, 'a zero share draws nothing');
  assert.match(svg, /<title>anonymous: 3 \(75 %\)<\/title>/);
  assert.match(svg, /class="donut-total"[^>]*>4</);
  assert.match(svg, /<desc[^>]*>4 in all\. anonymous: 3 \(75 %\); registered: 1 \(25 %\)\.<\/desc>/);
});

test('no data gives a "No data yet" panel instead of empty axes', () => {
  assert.equal(lineChart({ label: 'x', series: [] }), emptyChart());
  assert.equal(lineChart({ label: 'x', series: [{ name: 'a', points: [{ x: T0, y: null }] }] }), emptyChart());
  assert.equal(barChart({ label: 'x', categories: ['26 Nov'], series: [{ name: 'a', values: [0] }] }), emptyChart());
  assert.equal(barChart({ label: 'x', categories: [], series: [] }), emptyChart());
  assert.equal(donutChart({ label: 'x', slices: [] }), emptyChart());
  assert.equal(emptyChart('No <b>data</b>'), '<p class="chart-empty" data-empty="true">No &lt;b&gt;data&lt;/b&gt;</p>');
});

test('names that came from outside are escaped everywhere they appear', () => {
  const evil = '<img src=x onerror="alert(1)">&';
  const line = lineChart({ label: evil, series: [{ name: evil, points: [{ x: T0, y: 1 }, { x: T0 + H, y: 2 }] }, { name: 'b', points: [{ x: T0, y: 1 }] }] });
  const bars = barChart({ label: evil, categories: [evil], series: [{ name: evil, values: [1] }, { name: 'b', values: [2] }] });
  const donut = donutChart({ label: evil, slices: [{ name: evil, value: 1 }] });
  const table = dataTable([evil], [[evil, evil]]);
  for (const out of [line, bars, donut, table]) {
    assert.ok(!out.includes('<img'), out);
    assert.ok(!out.includes('"alert(1)"'), 'quotes are escaped in attributes');
    assert.ok(out.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;'));
  }
  assert.equal(escapeXml(`a'b`), 'a&#39;b');
  assert.equal(escapeXml(null), '');
});

test('the data table is the text alternative, thinned to at most maxRows rows', () => {
  const rows = Array.from({ length: 10 }, (_, i) => [`r${i}`, i]);
  const table = dataTable(['Time', 'Value'], rows, 5);
  assert.equal(count(table, /<tr>/g), 1 + 5);
  assert.match(table, /<summary>Data \(5 of 10 rows\)<\/summary>/);
  assert.match(table, /<th scope="row">r0<\/th><td>0<\/td>/);
  assert.equal(dataTable(['a'], []), '');
});
