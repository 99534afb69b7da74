// Every page in the build (scripts/pages.mjs): shared header and nav, skip link, the footer
// backend indicator, runtime config before the page module, and the page's own module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PAGES } from '../scripts/pages.mjs';
import { expandPartials } from '../scripts/partials.mjs';

const root = new URL('../', import.meta.url);
const source = (name) => readFileSync(new URL(`${name}.html`, root), 'utf8');
/** The page as the build makes it: the shared header and footer put in (scripts/partials.mjs). */
const html = (name) => expandPartials(source(name), name);
const NAV = ['/', '/gallery.html', '/signin.html', '/donate.html'];
const CURRENT = { index: '/', gallery: '/gallery.html', signin: '/signin.html', donate: '/donate.html' };

test('the build lists every page of the site', () => {
  assert.deepEqual([...PAGES].sort(), ['404', 'admin', 'donate', 'gallery', 'index', 'privacy', 'signin', 'terms']);
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

test('every page takes its header and footer from the shared partials, and the build puts them in', () => {
  for (const name of PAGES) {
    const page = source(name);
    assert.equal((page.match(/<!-- aiart:header -->/g) ?? []).length, 1, `${name}: one header placeholder`);
    assert.equal((page.match(/<!-- aiart:footer -->/g) ?? []).length, 1, `${name}: one footer placeholder`);
    assert.doesNotMatch(page, /<header class="site-header"|<footer class="site-footer"/, `${name}: no copied header or footer`);
    if (name !== '404') assert.equal((page.match(/<!-- aiart:head -->/g) ?? []).length, 1, `${name}: the shared <head> part`);
  }
  // the build is checked too, never skipped: `make test-frontend` builds first (npm run build by hand)
  const built = new URL('dist/admin.html', root);
  assert.ok(existsSync(fileURLToPath(built)), 'frontend/dist/admin.html is missing: run `npm run build` (make test-frontend does) first');
  const page = readFileSync(built, 'utf8');
  assert.match(page, /<a class="footer-link" href="\/admin.html" aria-current="page">Dashboard<\/a>/);
  assert.doesNotMatch(page, /aiart:(header|footer)/);
});

test('form fields on the new pages all have labels', () => {
  for (const name of ['signin', 'gallery', 'donate', 'admin']) {
    const page = html(name);
    for (const [, id] of page.matchAll(/<input[^>]*id="([^"]+)"/g)) {
      assert.match(page, new RegExp(`<label[^>]*for="${id}"`), `${name}: #${id} has a <label>`);
    }
  }
});

test('the footer links the privacy and terms pages on every page, and keeps the Dashboard link as it is', () => {
  for (const name of PAGES) {
    const footer = html(name).match(/<footer class="site-footer">[\s\S]*?<\/footer>/)?.[0] ?? '';
    const own = { privacy: '/privacy.html', terms: '/terms.html', admin: '/admin.html' }[name];
    for (const [href, text] of [['/privacy.html', 'Privacy'], ['/terms.html', 'Terms'], ['/admin.html', 'Dashboard']]) {
      const current = href === own ? ' aria-current="page"' : '';
      assert.ok(footer.includes(`<a class="footer-link" href="${href}"${current}>${text}</a>`), `${name}: ${text}`);
    }
  }
});

test('the privacy and terms pages: plain pages with the shared parts, their figures from the backend', () => {
  for (const name of ['privacy', 'terms']) {
    const page = html(name);
    assert.match(page, /<script type="module" src="\/src\/policies\.js">/);
    assert.match(page, /<main id="main" class="page page-text"/);
    assert.match(page, /<span data-contact>/, `${name}: the contact address, from the backend (aiart.site.contact-email)`);
  }
  const privacy = source('privacy');
  // what is stored, for how long, how to erase it, whom to ask
  for (const words of ['hash of your IP address', 'e-mail address', 'prompt', 'upload', 'Donations', 'request log', 'Delete my account and data']) {
    assert.ok(privacy.includes(words), words);
  }
  const figures = [...privacy.matchAll(/data-figure="([\w-]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(figures)].sort(), ['creations', 'fair-use', 'request-log']);
  // no time written into the page: each is the server's setting, filled in by policies.js
  const text = privacy.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ');
  assert.doesNotMatch(text, /\d+(\s|&nbsp;)*(days?|hours?|weeks?|months?|minutes?)\b/i);
  const terms = source('terms');
  for (const words of ['illegal', 'content filters', 'No warranty', 'yours', 'not refundable, unless the law']) assert.ok(terms.includes(words), words);
});

test('the sign-in page links the terms and privacy pages beside sign-up', () => {
  const page = source('signin');
  const signup = page.slice(page.indexOf('<form class="panel panel-pad auth-form" id="signup-form"'), page.indexOf('</form>', page.indexOf('id="signup-form"')));
  assert.match(signup, /<a href="\/terms\.html">terms<\/a>/);
  assert.match(signup, /<a href="\/privacy\.html">privacy page<\/a>/);
});
