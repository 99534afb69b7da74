// Every control shows keyboard focus (WCAG 2.4.7, issue #15): for each button style of
// src/styles.css, the cascade of its rules is worked out for the control focused by keyboard
// (:focus-visible) and unfocused, and the focused one must draw an outline, or a box-shadow of
// its own. Before the fix the primary buttons' glow (a box-shadow) overrode the focus ring.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const CSS = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8');

/** Every style rule, in order, with its selectors and declarations (rules inside @media included: they may apply). */
function parseRules(css) {
  const rules = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const walk = (block) => {
    let i = 0;
    while (i < block.length) {
      const open = block.indexOf('{', i);
      if (open < 0) break;
      const prelude = block.slice(i, open).trim();
      let depth = 1;
      let j = open + 1;
      while (depth && j < block.length) {
        if (block[j] === '{') depth++;
        else if (block[j] === '}') depth--;
        j++;
      }
      const body = block.slice(open + 1, j - 1);
      if (prelude.startsWith('@media') || prelude.startsWith('@supports')) walk(body);
      else if (!prelude.startsWith('@')) {
        const decls = {};
        for (const d of body.split(';')) {
          const colon = d.indexOf(':');
          if (colon > 0) decls[d.slice(0, colon).trim().toLowerCase()] = d.slice(colon + 1).trim();
        }
        rules.push({ selectors: prelude.split(',').map((s) => s.trim().replace(/\s+/g, ' ')), decls });
      }
      i = j;
    }
  };
  walk(text);
  return rules;
}

const RULES = parseRules(CSS);

/** Specificity [ids, classes + pseudo-classes + attributes, elements] of a simple selector. */
function specificity(selector) {
  const ids = (selector.match(/#[\w-]+/g) ?? []).length;
  const classes = (selector.match(/\.[\w-]+|:(?!:)[\w-]+|\[[^\]]*\]/g) ?? []).length;
  const elements = (selector.replace(/[#.:][\w-]+|\[[^\]]*\]/g, ' ').match(/[a-z][\w-]*/gi) ?? []).length;
  return ids * 10000 + classes * 100 + elements;
}

/**
 * The winning value of `property` (or its shorthand) for an element styled by `base` (e.g.
 * '.btn-primary', 'a.btn-primary'), focused by keyboard or not: rules whose whole selector is the
 * base class or the universal focus rule, with :focus-visible / :focus when focused.
 */
function computed(base, property, focused) {
  const wanted = new Set([base]);
  if (focused) {
    for (const s of [':focus-visible', '*:focus-visible', ':focus', `${base}:focus-visible`, `${base}:focus`]) wanted.add(s);
  }
  let best = null;
  RULES.forEach((rule, order) => {
    for (const selector of rule.selectors) {
      if (!wanted.has(selector)) continue;
      const value = rule.decls[property] ?? (property.startsWith('outline') ? rule.decls.outline : undefined);
      if (value === undefined) continue;
      const rank = [specificity(selector), order];
      if (!best || rank[0] > best.rank[0] || (rank[0] === best.rank[0] && rank[1] >= best.rank[1])) best = { rank, value, selector };
    }
  });
  return best?.value ?? 'none';
}

const outlineVisible = (value) => !/^(none|0|0px)\b/.test(value) && !/\bnone\b/.test(value);

/** Every button style: the classes whose rules make an element look like a button or chip. */
const BUTTON_STYLES = [...new Set(RULES.flatMap((r) => r.selectors)
  .map((s) => s.match(/^\.(btn-[\w-]+|chip)$/)?.[0]).filter(Boolean))];

test('the stylesheet has the button styles the pages use', () => {
  for (const style of ['.btn-primary', '.btn-secondary', '.btn-ghost', '.btn-link', '.chip']) {
    assert.ok(BUTTON_STYLES.includes(style), `${style} is among ${BUTTON_STYLES.join(' ')}`);
  }
});

test('every button style shows keyboard focus (an outline or a box-shadow of its own)', () => {
  for (const style of BUTTON_STYLES) {
    const outline = computed(style, 'outline-style', true);
    const shadowFocused = computed(style, 'box-shadow', true);
    const shadowRest = computed(style, 'box-shadow', false);
    const visible = outlineVisible(outline) || (shadowFocused !== shadowRest && shadowFocused !== 'none');
    assert.ok(visible, `${style}:focus-visible looks like ${style}: outline ${outline}, box-shadow ${shadowFocused} (unfocused ${shadowRest})`);
  }
});

test('no rule takes the outline away from a focused control without drawing a ring of its own', () => {
  for (const rule of RULES) {
    const focusSelectors = rule.selectors.filter((s) => /:focus-visible\b/.test(s));
    if (!focusSelectors.length) continue;
    const outline = rule.decls.outline ?? rule.decls['outline-style'];
    if (outline === undefined || outlineVisible(outline)) continue;
    assert.ok(rule.decls['box-shadow'] && rule.decls['box-shadow'] !== 'none',
      `${focusSelectors.join(', ')} removes the outline and draws nothing instead`);
  }
});

test('the 404 page, Create, Download and Sign in use button styles checked above', () => {
  const read = (file) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  assert.match(read('404.html'), /<a class="btn-primary" href="\/">/);
  assert.match(read('index.html'), /class="btn-primary" id="submit"/);
  assert.match(read('index.html'), /class="btn-primary small" id="download"/);
  assert.match(read('signin.html'), /<button type="submit" class="btn-primary">Sign in<\/button>/);
});
