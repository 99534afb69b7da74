#!/usr/bin/env node
// Renders the reliability suites' records (backend/target/reliability/<suite>.jsonl, one JSON line
// per case run, written by the tests) into the tables of docs/RELIABILITY.md, between
//   <!-- BEGIN GENERATED: <suite> --> and <!-- END GENERATED: <suite> -->.
// Usage: node scripts/reliability-report.mjs <suite>...   (make test: bad-input faults; make soak: soak)
// Only the named suites' blocks are replaced; a suite without records is left as it was.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RECORDS = process.env.AIART_RELIABILITY_DIR || path.join(ROOT, 'backend', 'target', 'reliability');
const DOC = process.env.AIART_RELIABILITY_DOC || path.join(ROOT, 'docs', 'RELIABILITY.md');

/**
 * The records of one suite, one row per (group, case): runs, requests, and how many failed.
 * Groups in alphabetical order (test order varies between runs; the table should not), cases in
 * the order they were first recorded.
 */
export function rows(lines) {
  const byCase = new Map();
  for (const r of lines) {
    const key = `${r.group}\u0000${r.case}`;
    const row = byCase.get(key) || { group: r.group, case: r.case, expected: r.expected, runs: 0, count: 0, failed: 0, detail: null };
    row.runs += 1;
    row.count += r.count ?? 1;
    if (r.outcome !== 'passed') { row.failed += 1; row.detail = r.detail || row.detail; }
    byCase.set(key, row);
  }
  const all = [...byCase.values()];
  return all.sort((a, b) => a.group.localeCompare(b.group, 'en', { sensitivity: 'base' }) || all.indexOf(a) - all.indexOf(b));
}

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown block of one suite. */
export function render(suite, lines) {
  const all = rows(lines);
  const failed = all.filter((r) => r.failed > 0).length;
  const requests = all.reduce((n, r) => n + r.count, 0);
  const out = [`_${all.length} cases, ${requests} requests or iterations; ${failed === 0 ? 'all held' : `${failed} FAILED`}._`, ''];
  let group = null;
  out.push('| group | case | must | count | outcome |', '|---|---|---|---:|---|');
  for (const r of all) {
    const outcome = r.failed === 0 ? 'held' : `**FAILED** ${r.failed}/${r.runs}: ${cell(r.detail)}`;
    out.push(`| ${r.group === group ? '' : cell(r.group)} | ${cell(r.case)} | ${cell(r.expected)} | ${r.count} | ${outcome} |`);
    group = r.group;
  }
  return out.join('\n');
}

/** The document with the suite's block replaced (the markers must exist). */
export function replaceBlock(doc, suite, block) {
  const begin = `<!-- BEGIN GENERATED: ${suite} -->`;
  const end = `<!-- END GENERATED: ${suite} -->`;
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${DOC} has no ${begin} … ${end} block`);
  return doc.slice(0, from + begin.length) + '\n' + block + '\n' + doc.slice(to);
}

function main(suites) {
  if (suites.length === 0) {
    console.error('usage: reliability-report.mjs <suite>... (bad-input, faults, soak)');
    process.exit(2);
  }
  let doc = readFileSync(DOC, 'utf8');
  for (const suite of suites) {
    const file = path.join(RECORDS, `${suite}.jsonl`);
    if (!existsSync(file)) {
      console.warn(`reliability: no records for ${suite} (${file}); its table is left as it was`);
      continue;
    }
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    doc = replaceBlock(doc, suite, render(suite, lines));
    const failed = rows(lines).filter((r) => r.failed > 0).length;
    console.log(`reliability: ${suite}: ${rows(lines).length} cases${failed ? `, ${failed} failed` : ''} → ${path.relative(ROOT, DOC)}`);
  }
  writeFileSync(DOC, doc);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main(process.argv.slice(2));
