// node --test scripts/reliability-report.test.mjs (run by make test-backend before the report)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, render, replaceBlock } from './reliability-report.mjs';

const line = (group, name, outcome = 'passed', count = 1, detail) => ({ suite: 's', group, case: name, expected: '400 validation', count, outcome, detail });

test('runs of one case are one row, counted; groups in alphabetical order, cases as first seen', () => {
  const r = rows([line('uploads', 'b', 'passed', 3), line('json', 'z'), line('JSON', 'a'), line('json', 'z', 'failed', 1, 'Expected <400> but was <500>')]);
  assert.deepEqual(r.map((x) => [x.group, x.case, x.runs, x.count, x.failed]), [['json', 'z', 2, 2, 1], ['JSON', 'a', 1, 1, 0], ['uploads', 'b', 1, 3, 0]]);
});

test('the table says what failed, and escapes pipes', () => {
  const md = render('s', [line('json', 'a|b'), line('json', 'c', 'failed', 1, 'Expected <400> but was <500>')]);
  assert.match(md, /_2 cases, 2 requests or iterations; 1 FAILED\._/);
  assert.match(md, /\| json \| a\\\|b \| 400 validation \| 1 \| held \|/);
  assert.match(md, /\|  \| c \| 400 validation \| 1 \| \*\*FAILED\*\* 1\/1: Expected <400> but was <500> \|/);
});

test('only the named block is replaced, and a missing block is an error', () => {
  const doc = 'intro\n<!-- BEGIN GENERATED: s -->\nold\n<!-- END GENERATED: s -->\nrest\n';
  assert.equal(replaceBlock(doc, 's', 'new'), 'intro\n<!-- BEGIN GENERATED: s -->\nnew\n<!-- END GENERATED: s -->\nrest\n');
  assert.throws(() => replaceBlock(doc, 'other', 'x'), /no <!-- BEGIN GENERATED: other -->/);
});
