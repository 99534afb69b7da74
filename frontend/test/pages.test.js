// Every page in the build (scripts/pages.mjs): shared header and nav, skip link, the footer
// backend indicator, runtime config before the page module, and the page's own module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PAGES } from '../scripts/pages.mjs';

const root = new URL('../', import.meta.url);
const html = (name) => readFileSync(new URL(`${name}.html`, root), 'utf8');
const NAV = ['/', '/gallery.html', '/signin.html', '/donate.html'];
const CURRENT = { index: '/', gallery: '/gallery.html', signin: '/signin.html', donate: '/donate.html' };

test('the build lists every page of the site', () => {
  assert.deepEqual([...PAGES].sort(), ['404', 'admin', 'donate', 'gallery', 'index', 'signin']);
  for (const name of PAGES) assert.ok(existsSync(fileURLToPath(new URL(`${name}.html`, root))), `${name}.html`);
});

for (const name of PAGES) {
  test(`${name}.html: nav, skip link, footer indicator, config before its module`, () => {
    const page = html(name);
    const nav = page.match(/<nav class="site-nav"[\s\S]*?<\/nav>/)?.[0] ?? '';
    assert.deepEqual([...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]), NAV);
    const current = [...nav.matchAll(/<a[^>]*href="([^"]+)"[^>]*aria-current="page"/g)].map((m) => m[1]);
    assert.deepEqual(current, CURRENT[name] ? [CURRENT[name]] : [], 'aria-current marks this page only');
    assert.match(page, /<html lang="en">/);
    assert.match(page, /<meta name="viewport" content="width=device-width, initial-scale=1"/);
    assert.match(page, /<a class="skip-link" href="#(\w+)">/);
    const target = page.match(/<a class="skip-link" href="#(\w+)">/)[1];
    assert.match(page, new RegExp(`<main id="${target}"`), 'the skip link lands on <main>');
    assert.match(page, /<p class="backend" id="backend" data-state="unknown"[^>]*>[\s\S]*?<span id="backend-text">/);
    const config = page.indexOf('<script src="/config.js"');
    const module = page.search(/<script type="module" src="\/src\/[\w-]+\.js">/);
    assert.ok(config > 0 && module > config, 'config.js loads before the page module');
    assert.equal((page.match(/<h1[\s>]/g) ?? []).length, 1, 'one <h1>');
  });
}

test('form fields on the new pages all have labels', () => {
  for (const name of ['signin', 'gallery', 'donate', 'admin']) {
    const page = html(name);
    for (const [, id] of page.matchAll(/<input[^>]*id="([^"]+)"/g)) {
      assert.match(page, new RegExp(`<label[^>]*for="${id}"`), `${name}: #${id} has a <label>`);
    }
  }
});
