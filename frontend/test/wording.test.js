// Wording for phones and for the offline renderer (issue #15, items 7 and 8): a number and its
// unit never break apart; pointer-and-keyboard hints only where they apply; what the built-in
// renderer can draw, said before a visitor writes — only when the server has no upstream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  BY_TYPE_FOR_TEST, NBSP, RENDERER_NOTE, RENDERER_SCENES, describeJob, describeLimits, formatAge, formatCountdown, formatDuration,
  formatMegabytes, offlineRendererOnly, withUnit,
} from '../src/messages.js';

const root = new URL('../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
/** A digit, an ordinary (breakable) space, then a unit the site writes. */
const BREAKABLE = /\d (s|min|h|ms|%|MB|KB|px|days?|hours?)\b/;

test('one helper binds a number to its unit with a no-break space', () => {
  assert.equal(NBSP, '\u00a0');
  assert.equal(withUnit(5, 's'), '5\u00a0s');
  assert.equal(formatDuration(5), '5\u00a0s');
  assert.equal(formatDuration(125), '2\u00a0min 5\u00a0s');
  assert.equal(formatDuration(3600 + 900), '1\u00a0h 15\u00a0min');
  assert.equal(formatMegabytes(10 * 1048576), '10\u00a0MB');
  assert.equal(formatMegabytes(2.5 * 1048576), '2.5\u00a0MB');
});

test('countdowns, sizes, durations and ages the site writes never break between number and unit', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  const written = [
    formatCountdown(5), formatCountdown(125), formatCountdown(4000),
    describeJob({ status: 'queued', position: 3, eta_seconds: 42 }).detail,
    describeJob({ status: 'running', progress: 0.4, eta_seconds: 9 }).detail,
    describeLimits({ tier: 'anonymous', policy: { limit: 3, window_seconds: 90 }, tokens_left: 0, grace_left: 0, next_refill_seconds: 20 }).detail,
    describeLimits({ tier: 'anonymous', policy: { limit: 3, window_seconds: 60 }, blocked_seconds: 900 }).detail,
    formatAge('2026-03-10T11:35:00Z', now), formatAge('2026-03-10T07:00:00Z', now), formatAge('2026-03-06T12:00:00Z', now),
    ...Object.values(BY_TYPE_FOR_TEST),
  ];
  for (const text of written) assert.doesNotMatch(text, BREAKABLE, JSON.stringify(text));
  assert.match(formatCountdown(5), /5\u00a0s$/);
});

test('the pages and scripts write no number and unit with a breakable space', () => {
  for (const page of ['index', 'gallery', 'signin', 'donate', 'privacy', 'terms']) {
    const text = read(`${page}.html`).replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, (m) => (m.includes('\n') ? '\n' : m));
    // "3 creations a minute", "10 creations" are counts, not units; only units may not break
    assert.doesNotMatch(text, BREAKABLE, `${page}.html`);
  }
  for (const name of ['main', 'gallery', 'signin', 'donate']) {
    const literals = [...read(`src/${name}.js`).matchAll(/`[^`\n]*`|'[^'\n]*'/g)].map((m) => m[0]);
    for (const literal of literals) assert.doesNotMatch(literal, /(\d|\}) (s|min|h|%|MB|px)\b/, `src/${name}.js: ${literal}`);
  }
});

test('"Ctrl+Enter creates" and "drop it here" are shown only with a fine pointer that hovers', () => {
  const page = read('index.html');
  assert.match(page, /<span class="fine-pointer-only" id="shortcut-hint"> <kbd id="shortcut-key">Ctrl<\/kbd>\+<kbd>Enter<\/kbd> creates\.<\/span>/);
  assert.match(page, /<span class="fine-pointer-only"> or drop it here<\/span>/);
  const css = read('src/styles.css');
  assert.match(css, /\.fine-pointer-only \{\s*display: none;\s*\}/, 'hidden by default (touch screens)');
  assert.match(css, /@media \(hover: hover\) and \(pointer: fine\) \{\s*\.fine-pointer-only \{\s*display: inline;/);
  // the key named is the one the handler takes: Meta (⌘) as well as Ctrl
  const main = read('src/main.js');
  assert.match(main, /e\.key === 'Enter' && \(e\.ctrlKey \|\| e\.metaKey\)/);
  assert.match(main, /key\.textContent = '⌘'/);
});

test('the offline renderer\'s note: only when every upstream is unconfigured', () => {
  assert.equal(offlineRendererOnly({ providers: { local: 'up' } }), true);
  assert.equal(offlineRendererOnly({ providers: { stability: 'down', gemini: 'down', dashscope: 'down', local: 'up' } }), true);
  assert.equal(offlineRendererOnly({ providers: { stability: 'up', gemini: 'down', local: 'up' } }), false, 'a configured upstream');
  assert.equal(offlineRendererOnly({ providers: { stability: 'open', local: 'up' } }), false, 'configured, resting: it comes back');
  for (const unknown of [null, undefined, {}, { providers: null }, { providers: { stability: 'down' } }]) {
    assert.equal(offlineRendererOnly(unknown), false, JSON.stringify(unknown));
  }
  assert.match(RENDERER_NOTE, /built-in renderer/);
  assert.match(RENDERER_NOTE, /not every object/);
  const page = read('index.html');
  const note = page.indexOf('id="renderer-note"');
  assert.ok(note > 0 && note < page.indexOf('id="prompt"'), 'the note comes before the prompt');
  assert.match(page, /<p class="renderer-note" id="renderer-note" role="note" hidden><\/p>/, 'hidden until the server says so');
});

test('the scenes the note lists are in the renderer\'s vocabulary', () => {
  // the renderer's vocabulary: its word list of tags, "TAG: word word …" a line (renderer/README.md)
  const tags = readFileSync(new URL('../../renderer/src/main/resources/ai/aiart/renderer/tags.txt', import.meta.url), 'utf8');
  const words = new Set(tags.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean)
    .flatMap((l) => l.slice(l.indexOf(':') + 1).trim().split(/\s+/)));
  assert.ok(words.has('dawn') && words.has('first_light'), 'the list is read');
  const singular = { mountains: 'mountain', beaches: 'beach', forests: 'forest', lakes: 'lake', cities: 'city', deserts: 'desert',
    volcanoes: 'volcano', 'night skies': 'night', galaxies: 'galaxy' };
  for (const scene of RENDERER_SCENES) {
    assert.ok(singular[scene], `${scene}: add its vocabulary word to this test`);
    assert.ok(words.has(singular[scene]), `${scene} (${singular[scene]}) is in the renderer's tags.txt`);
    assert.ok(RENDERER_NOTE.includes(scene), scene);
  }
});
