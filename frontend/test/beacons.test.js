// Page-view and click beacons (src/beacons.js): what is sent, where, as what type, and that Do Not
// Track and Global Privacy Control stop it. backend BeaconTest checks the endpoint takes the same
// text/plain body; e2e/admin.e2e.js that pages opened in Chromium reach the dashboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beaconsAllowed, clickTarget, createBeacons, EVENTS_PATH, pageName } from '../src/beacons.js';
import { PAGES } from '../scripts/pages.mjs';

/** A navigator whose sendBeacon records what it was given. */
function fakeNavigator(extra = {}) {
  const sent = [];
  return { sent, sendBeacon(url, body) { sent.push({ url, body }); return true; }, ...extra };
}

const api = (url = 'https://primary.example') => ({ currentBackend: () => ({ name: 'primary', url }) });

test('a page view is a string body (sent as text/plain) to the events endpoint of the backend the ApiClient would use', () => {
  const nav = fakeNavigator();
  let backend = 'https://primary.example';
  const beacons = createBeacons({ api: { currentBackend: () => ({ url: backend }) }, nav, win: {}, page: '/gallery.html' });
  assert.equal(beacons.pageView(), true);
  backend = 'https://fallback.example'; // the primary was marked down: the next beacon follows the ApiClient
  beacons.click('download');
  assert.deepEqual(nav.sent, [
    { url: 'https://primary.example' + EVENTS_PATH, body: '{"type":"page_view","page":"/gallery.html"}' },
    { url: 'https://fallback.example/api/v1/analytics/events', body: '{"type":"click","page":"/gallery.html","target":"download"}' },
  ]);
  for (const { body } of nav.sent) assert.equal(typeof body, 'string', 'a Blob of application/json is not sent cross-origin');
});

test('Do Not Track and Global Privacy Control send nothing', () => {
  for (const extra of [{ doNotTrack: '1' }, { doNotTrack: 'yes' }, { globalPrivacyControl: true }, { doNotTrack: '1', globalPrivacyControl: true }]) {
    const nav = fakeNavigator(extra);
    const beacons = createBeacons({ api: api(), nav, win: {}, page: '/' });
    assert.equal(beacons.allowed, false, JSON.stringify(extra));
    assert.equal(beacons.pageView(), false);
    assert.equal(beacons.click('create'), false);
    assert.deepEqual(nav.sent, [], JSON.stringify(extra));
  }
  // the old Safari place of the setting
  assert.equal(beaconsAllowed(fakeNavigator(), { doNotTrack: '1' }), false);
  // "0", unset, or GPC false: counted
  for (const extra of [{ doNotTrack: '0' }, { doNotTrack: null }, { globalPrivacyControl: false }, {}]) {
    assert.equal(beaconsAllowed(fakeNavigator(extra), {}), true, JSON.stringify(extra));
  }
  assert.equal(beaconsAllowed({}, {}), false, 'no sendBeacon: nothing');
  assert.equal(beaconsAllowed(undefined, undefined), false);
});

test('the dashboard sends no page view: it asks the backends nothing before its gate opens', () => {
  const nav = fakeNavigator();
  assert.equal(createBeacons({ api: api(), nav, win: {}, page: '/admin.html' }).pageView(), false);
  assert.deepEqual(nav.sent, []);
});

test('a failing sendBeacon never breaks the page', () => {
  const nav = { sendBeacon() { throw new TypeError('blocked'); } };
  assert.equal(createBeacons({ api: api(), nav, win: {}, page: '/' }).pageView(), false);
});

test('the page is the path only: no query or fragment, the home page as "/"', () => {
  assert.equal(pageName('/'), '/');
  assert.equal(pageName('/index.html'), '/');
  assert.equal(pageName('/gallery.html'), '/gallery.html');
  assert.equal(pageName('/donate.html?thanks=1#top'), '/donate.html');
  assert.equal(pageName(''), '/');
  assert.equal(pageName('/' + 'x'.repeat(300)).length, 200, 'the backend takes at most 200 characters');
});

/** An element with an id or href; closest() walks up to a parent like the DOM's. */
function el({ id = '', href = null, parent = null } = {}) {
  const node = {
    id, parent,
    getAttribute: (name) => (name === 'href' ? href : null),
    closest(selector) {
      for (let n = node; n; n = n.parent) {
        if ((selector.includes('#submit') && n.id === 'submit') || (selector.includes('#download') && n.id === 'download')
          || (selector.includes('a[href]') && n.getAttribute('href') != null)) return n;
      }
      return null;
    },
  };
  return node;
}

test('the key clicks are named: create, download, sign-in and donate links; other clicks are not counted', () => {
  assert.equal(clickTarget(el({ id: 'submit' })), 'create');
  assert.equal(clickTarget(el({ parent: el({ id: 'submit' }) })), 'create', 'the button text inside the button');
  assert.equal(clickTarget(el({ id: 'download', href: 'blob:x' })), 'download');
  assert.equal(clickTarget(el({ href: '/signin.html' })), 'signin');
  assert.equal(clickTarget(el({ href: '/signin.html?next=/' })), 'signin');
  assert.equal(clickTarget(el({ href: '/donate.html' })), 'donate');
  assert.equal(clickTarget(el({ href: 'https://ko-fi.com/aiart' }), { donateUrl: 'https://ko-fi.com/aiart' }), 'donate');
  assert.equal(clickTarget(el({ href: '/gallery.html' })), null);
  assert.equal(clickTarget(el({ href: 'https://ko-fi.com/aiart' })), null, 'without the configured platform');
  assert.equal(clickTarget(el()), null);
  assert.equal(clickTarget(null), null);
});

test('trackClicks counts each key click once: create on submit, links on click', () => {
  const listeners = {};
  const root = { addEventListener: (type, fn, capture) => { assert.equal(capture, true); listeners[type] = fn; } };
  const nav = fakeNavigator();
  const beacons = createBeacons({ api: api(), nav, win: {}, page: '/' });
  beacons.trackClicks(root, { donateUrl: 'https://ko-fi.com/aiart' });
  listeners.click({ target: el({ id: 'submit' }) }); // the submit event below counts it
  listeners.submit({ target: { id: 'generator' } });
  listeners.submit({ target: { id: 'other-form' } });
  listeners.click({ target: el({ id: 'download', href: 'blob:x' }) });
  listeners.click({ target: el({ href: '/signin.html' }) });
  listeners.click({ target: el({ href: 'https://ko-fi.com/aiart' }) });
  listeners.click({ target: el({ href: '/gallery.html' }) });
  assert.deepEqual(nav.sent.map((s) => JSON.parse(s.body).target), ['create', 'download', 'signin', 'donate']);
});

test('every page loads the page-view beacon: its module imports site.js, which sends it', () => {
  const site = readFileSync(new URL('../src/site.js', import.meta.url), 'utf8');
  assert.match(site, /beacons\.pageView\(\)/);
  for (const name of PAGES) {
    const html = readFileSync(new URL(`../${name}.html`, import.meta.url), 'utf8');
    const entry = html.match(/<script type="module" src="\/src\/([^"]+)"/)?.[1];
    assert.ok(entry, `${name}.html has a module`);
    const source = readFileSync(new URL(`../src/${entry}`, import.meta.url), 'utf8');
    assert.match(source, /from '\.\/site\.js'/, `${entry} imports site.js`);
  }
  const main = readFileSync(new URL('../src/main.js', import.meta.url), 'utf8');
  assert.match(main, /beacons\.trackClicks\(document/, 'the create page counts its key clicks');
});
