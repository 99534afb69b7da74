// End to end: the admin dashboard over the real topology (scripts/run.sh) with the real
// Firebase Auth emulator, in headless Chromium.
//   gate   — without a sign-in: "Sign in as an administrator" and nothing else (no backend is asked
//            anything); a signed-in non-admin: "not an administrator" (only /auth/me asked); the
//            footer's Dashboard link shown to the admin only; the page aligned with the header
//   charts — after real traffic (jobs from three identities, page beacons, minute snapshots
//            taken every 2 s here), every chart is drawn with non-empty series; the period selector
//   manage — change a user's tier, block and lift an address, through the page
//   demo   — `make demo-day`'s generator fills this store; the charts show the generated day
//            (screenshot; with AIART_DOCS_SCREENSHOT=<path> it is also written there, e.g.
//            ../docs/images/dashboard.png)
//
// Sign-in is real: the harness starts run.sh with the Firebase Auth emulator (auth: true), which
// seeds the verified local admin (LOCAL_ADMIN, in AIART_AUTH_ADMIN_EMAILS); the page signs in
// through the sign-in page with the Firebase JS SDK. The test's own API calls use ID tokens from
// the emulator's REST API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, screenshot, waitFor, LOCAL_ADMIN, useSiteAndBrowser } from './harness.js';
import { ADMIN_READ_TIMEOUT_MS } from '../src/admin-api.js';

const CHARTS = ['chart-active-users', 'chart-jobs', 'chart-success', 'chart-response-days', 'chart-response-minutes',
  'chart-queue', 'chart-cpu', 'chart-memory', 'chart-store', 'chart-tiers', 'chart-conversion', 'chart-funnel', 'chart-hours',
  'chart-kinds', 'chart-refusals'];

let site;
let page;
let pageErrors;
let admin;
let member;

/** The Auth emulator's REST API (the calls the Firebase SDK makes): an account with an ID token. */
async function emulatorAccount(route, email, password) {
  const res = await fetch(`${site.authUrl}/identitytoolkit.googleapis.com/v1${route}?key=demo-key`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const json = await res.json();
  assert.equal(res.status, 200, `emulator ${route}: ${JSON.stringify(json)}`);
  return { uid: json.localId, email, password, token: json.idToken };
}

const api = (p, { token, ...init } = {}) => fetch(site.primaryUrl + '/api/v1' + p, {
  ...init, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...init.headers },
});

async function createAndFinish(token, prompt) {
  const res = await api('/generate/text-to-image', { method: 'POST', token, body: JSON.stringify({ prompt }) });
  assert.equal(res.status, 202, `generate: ${await res.clone().text()}`);
  const { id } = await res.json();
  return waitFor(async () => {
    const job = await (await api(`/jobs/${id}`)).json();
    return ['succeeded', 'failed', 'canceled'].includes(job.status) ? job : null;
  }, { timeoutMs: 60_000, intervalMs: 250, what: `job ${id} to finish` });
}


useSiteAndBrowser({
  name: 'admin', auth: true,
  env: { AIART_MONITORING_SNAPSHOT_EVERY: '2s', AIART_MONITORING_FLUSH_EVERY: '1s' },
}, { viewport: { width: 1360, height: 900 }, ready: async (e2e) => {
  ({ site, page, pageErrors } = e2e);
  admin = await emulatorAccount('/accounts:signInWithPassword', LOCAL_ADMIN.email, LOCAL_ADMIN.password);
  member = await verified(await emulatorAccount('/accounts:signUp', 'member@aiart.test', 'member-password-1'));
} });

/** The account with its e-mail verified (as the link would; the emulator's owner call), signed in again: a member. */
async function verified(account) {
  const res = await fetch(`${site.authUrl}/identitytoolkit.googleapis.com/v1/projects/demo-aiart/accounts:update`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer owner' },
    body: JSON.stringify({ localId: account.uid, emailVerified: true }),
  });
  assert.equal(res.status, 200, `emulator accounts:update: ${await res.text()}`);
  return emulatorAccount('/accounts:signInWithPassword', account.email, account.password);
}

/** The screens for the closing note, desktop 1280×900 and phone 390×844, when AIART_SHOTS=<dir> is set (outside the repository). */
async function shots(name, parts = []) {
  const dir = process.env.AIART_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const size = page.viewportSize();
  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(dir, `${name}-${label}.png`), fullPage: true });
    for (const id of parts) await page.locator(`#${id}`).screenshot({ path: path.join(dir, `${name}-${id}-${label}.png`) });
  }
  await page.setViewportSize(size);
}

/** The requests the page sends to the backends (not to the site or the Auth emulator) while `work` runs. */
async function backendCalls(work) {
  const calls = [];
  const listen = (req) => {
    const url = req.url();
    if (url.startsWith(site.primaryUrl) || url.startsWith(site.fallbackUrl)) calls.push(`${req.method()} ${new URL(url).pathname}`);
  };
  page.on('request', listen);
  try { await work(); } finally { page.off('request', listen); }
  return calls;
}

const dashboardLink = () => page.locator('footer a.footer-link[href="/admin.html"]');
/** Waits until the footer has decided whether this account sees the Dashboard link (src/site.js marks it). */
const linkDecided = () => page.waitForSelector('footer a.footer-link[href="/admin.html"][data-checked]', { state: 'attached', timeout: 20_000 });

/** The value of a summary card, by its exact label. */
const kpi = (label) => page.locator('.kpi').filter({ has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) })
  .locator('.stat-value').textContent();

/** Loads the dashboard signed in as `who` (null: signed out), signing in on the sign-in page like a visitor. */
async function dashboardAs(who) {
  await page.goto(site.siteUrl + '/signin.html');
  await page.waitForFunction(() => !document.getElementById('signin-fields').disabled || !document.getElementById('signed-in').hidden, null, { timeout: 20_000 });
  if (await page.locator('#signed-in').isVisible()) {
    await page.click('#signout');
    await page.waitForSelector('#signed-in', { state: 'hidden', timeout: 10_000 });
  }
  if (who) {
    await page.fill('#signin-email', who.email);
    await page.fill('#signin-password', who.password);
    await page.click('#signin-form button[type=submit]');
    await page.waitForSelector('#signed-in:not([hidden])', { timeout: 20_000 });
  }
  await page.goto(site.siteUrl + '/admin.html');
}

// The charts' traffic is made first: the roll-up writes a minute once it has closed, and the gate and
// layout tests (about a minute) run meanwhile, so the charts test finds it written instead of waiting
// up to a minute for it.
let trafficBefore;
test('traffic: page views, a beacon flood and creations by a visitor, a member and the admin', { timeout: 120_000 }, async () => {
  // visitors: the site's pages opened in Chromium send their page-view beacons (sendBeacon, text/plain, to the
  // primary: another origin); then creations from an anonymous visitor, a registered member and the admin
  ({ totals: trafficBefore } = await (await api('/admin/analytics?days=1', { token: admin.token })).json());
  const beacons = [];
  const seen = (r) => { if (r.url().endsWith('/api/v1/analytics/events')) beacons.push(r.postData()); };
  page.on('request', seen);
  for (const p of ['/gallery.html', '/donate.html', '/privacy.html', '/']) await page.goto(site.siteUrl + p, { waitUntil: 'load' });
  await page.locator('.site-nav a[href="/signin.html"]').click(); // a key click on the create page's header link
  await page.waitForURL(/signin\.html/);
  page.off('request', seen);
  assert.ok(beacons.includes('{"type":"page_view","page":"/gallery.html"}'), `beacons: ${beacons}`);
  assert.ok(beacons.includes('{"type":"click","page":"/","target":"signin"}'), `beacons: ${beacons}`);
  // past the 60-a-minute beacon gate: 429s, which the usage patterns count as refusals
  let refused = 0;
  for (let i = 0; i < 70 && !refused; i++) {
    const res = await api('/analytics/events', { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: '{"type":"click","page":"/e2e","target":"flood"}' });
    if (res.status === 429) refused++;
  }
  assert.equal(refused, 1, 'the beacon gate holds for text/plain beacons');
  const done = [];
  for (const [who, n] of [[null, 3], [member.token, 2], [admin.token, 2]]) {
    for (let i = 0; i < n; i++) done.push(await createAndFinish(who, `e2e dashboard picture ${done.length + 1}`));
  }
  assert.ok(done.every((j) => j.status === 'succeeded'), JSON.stringify(done.map((j) => j.status)));
});

test('gate: signed out → only the sign-in prompt, no backend asked, no Dashboard link; a non-admin → not an administrator', { timeout: 90_000 }, async () => {
  await dashboardAs(null);
  await page.goto(site.siteUrl + '/');
  await linkDecided();
  assert.equal(await dashboardLink().count(), 1, 'the link is in the footer');
  assert.equal(await dashboardLink().isVisible(), false, 'an anonymous visitor sees no Dashboard link');

  const anonymousCalls = await backendCalls(async () => {
    await page.goto(site.siteUrl + '/admin.html');
    await page.waitForSelector('#admin-gate[data-state="signin"]', { timeout: 20_000 });
    // an absence is watched for a while: nothing positive marks "no request will come"; load can only
    // make this window miss a late request, never fail a page that behaves
    await page.waitForTimeout(2000); // long enough for a health check or the footer's wake-up to have gone out
  });
  assert.deepEqual(anonymousCalls, [], 'a signed-out visitor\'s dashboard asks the backends nothing');
  assert.match(await page.locator('#admin-gate-text').textContent(), /Sign in as an administrator/);
  assert.equal(await page.locator('#admin-gate-text a').getAttribute('href'), '/signin.html');
  assert.equal(await page.locator('#admin-content').isVisible(), false);
  assert.equal(await page.locator('#admin-toolbar').isVisible(), false);
  assert.equal(await page.locator('.backend-card').count(), 0, 'no backend health');
  const shown = await page.locator('main').innerText();
  for (const secret of [site.primaryUrl, site.fallbackUrl, '127.0.0.1', 'Version', 'Providers']) assert.ok(!shown.includes(secret), `shows ${secret}`);
  assert.equal(await dashboardLink().isVisible(), false);
  await screenshot(page, 'admin-1-signed-out');
  await shots('admin-signed-out');

  await dashboardAs(member);
  await page.goto(site.siteUrl + '/');
  await linkDecided();
  assert.equal(await dashboardLink().isVisible(), false, 'a member sees no Dashboard link');
  const memberCalls = await backendCalls(async () => {
    await page.goto(site.siteUrl + '/admin.html');
    await page.waitForFunction(() => /not an administrator/.test(document.getElementById('admin-gate-text')?.textContent ?? ''), null, { timeout: 20_000 });
    await page.waitForTimeout(2000);
  });
  assert.ok(memberCalls.length >= 1 && memberCalls.every((c) => c === 'GET /api/v1/auth/me'), `a member's dashboard asks only /auth/me: ${memberCalls}`);
  assert.equal(await page.locator('#admin-content').isVisible(), false);
  assert.equal(await page.locator('.backend-card').count(), 0);
  await screenshot(page, 'admin-2-not-admin');
});

test('the admin: the Dashboard link, the content, and the page aligned with the header (desktop and phone)', { timeout: 60_000 }, async () => {
  await dashboardAs(admin);
  await page.waitForSelector('#admin-content:not([hidden])', { timeout: 20_000 });
  await page.waitForSelector('.backend-card[data-backend="fallback"]');
  assert.deepEqual(await page.locator('.backend-card .badge').allTextContents(), ['healthy', 'healthy']);
  await page.waitForSelector('footer a.footer-link[href="/admin.html"][data-admin="true"]', { timeout: 10_000 });
  assert.equal(await dashboardLink().isVisible(), true);
  await page.goto(site.siteUrl + '/gallery.html');
  await page.waitForSelector('footer a.footer-link[href="/admin.html"][data-admin="true"]', { timeout: 10_000 });
  await page.goto(site.siteUrl + '/admin.html');
  await page.waitForSelector('#admin-content:not([hidden])', { timeout: 20_000 });
  for (const viewport of [{ width: 1280, height: 900 }, { width: 1360, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    const left = async (sel) => Math.round((await page.locator(sel).first().boundingBox()).x);
    const brand = await left('.site-header');
    for (const sel of ['.page-head h1', '#admin-toolbar', '#admin-content section']) {
      assert.equal(await left(sel), brand, `${sel} starts at the header's edge at ${viewport.width} px`);
    }
  }
  await page.setViewportSize({ width: 1360, height: 900 });
});

test('charts: real traffic is drawn in every chart, with non-empty series', { timeout: 240_000 }, async () => {
  pageErrors.length = 0; // the gate test's 401/403 answers are logged by the browser as failed loads
  // snapshots are written every 2 s here: wait for a few (a point is an instance's minute, `samples` of them in it)
  await waitFor(async () => {
    const history = await (await api('/admin/metrics/history?hours=1', { token: admin.token })).json();
    return history.resolution_seconds === 60 && history.points.reduce((n, p) => n + (p.samples ?? 0), 0) >= 6;
  }, { timeoutMs: 30_000, intervalMs: 500, what: 'resource snapshots' });
  // requests and beacons are rolled up per minute and written once the minute has closed (looked for every second here)
  await waitFor(async () => {
    const { totals, usage } = await (await api('/admin/analytics?days=1', { token: admin.token })).json();
    return totals.page_views >= trafficBefore.page_views + 5 && totals.mean_response_ms != null && usage.refusals.length > 0;
  }, { timeoutMs: 90_000, intervalMs: 2_000, what: 'the traffic roll-up of the minute with the pages\' beacons' });
  const { funnel, usage } = await (await api('/admin/analytics?days=1', { token: admin.token })).json();
  assert.ok(funnel.visitors >= 1 && funnel.creators >= 3 && funnel.registered >= 2, `funnel: ${JSON.stringify(funnel)}`);
  assert.ok(usage.kinds['text-to-image'] >= 7, `usage: ${JSON.stringify(usage.kinds)}`);

  await dashboardAs(admin);
  await page.waitForSelector('#admin-content:not([hidden])', { timeout: 20_000 });
  for (const id of CHARTS) {
    await page.waitForSelector(`#${id} svg.chart`, { timeout: 10_000 });
    const drawn = await page.locator(`#${id}`).evaluate((fig) => ({
      empty: fig.querySelectorAll('[data-empty]').length,
      points: [...fig.querySelectorAll('.series')].reduce((n, s) => n + Number(s.dataset.points), 0),
      bars: fig.querySelectorAll('rect.bar').length,
      slices: fig.querySelectorAll('path.slice').length,
      name: fig.querySelector('svg.chart title')?.textContent,
      desc: fig.querySelector('svg.chart desc')?.textContent,
    }));
    assert.equal(drawn.empty, 0, `${id} says it has no data`);
    assert.ok(drawn.points + drawn.bars + drawn.slices > 0, `${id} draws nothing: ${JSON.stringify(drawn)}`);
    assert.ok(drawn.name && drawn.desc, `${id} has a text alternative`);
  }
  assert.ok(Number((await kpi('Creations')).replace(/\D/g, '')) >= 7, `creations: ${await kpi('Creations')}`);
  // the store's commands against its budget: both backends' lines, the sum, the budget and the alert line
  const store = await page.locator('#chart-store').evaluate((fig) => ({
    series: [...fig.querySelectorAll('.series')].map((g) => g.dataset.series).sort(),
    lines: [...fig.querySelectorAll('.ref-line')].map((g) => g.dataset.line),
  }));
  assert.deepEqual(store.series, ['All backends', 'fallback', 'primary'], JSON.stringify(store));
  assert.deepEqual(store.lines, ['Budget', 'Alert (70 %)']);
  assert.match(await kpi('Store commands now'), /^\d+(\.\d)?\/s$/);
  assert.equal(await kpi('Success rate'), '100 %');
  // tiers: anonymous, registered and admin all made creations today
  const tiers = await page.locator('#chart-tiers path.slice').evaluateAll((ps) => ps.map((p) => p.dataset.series).sort());
  assert.deepEqual(tiers, ['admin', 'member', 'visitor'], 'tiers in the site\'s words');
  // the 24 h view is hour by hour, labelled in the browser's time zone; count axes have no repeated labels
  const hours = await page.locator('#chart-jobs svg text.axis-label').allTextContents();
  assert.ok(hours.filter((t) => /^\d{2}:\d{2}$/.test(t)).length >= 4, `24 h axis: ${hours}`);
  for (const id of ['chart-active-users', 'chart-jobs', 'chart-conversion', 'chart-response-days']) {
    const ticks = await page.locator(`#${id} svg text[text-anchor="end"]`).allTextContents();
    assert.equal(new Set(ticks).size, ticks.length, `${id} repeats a label: ${ticks}`);
  }
  // the admin's own row: the tier the backend applies
  assert.equal(await page.locator(`#users tr[data-uid="${admin.uid}"] .user-tier`).textContent(), 'admin');
  assert.match(await page.locator('#alerts').textContent(), /No open alerts/);
  assert.match(await page.locator('#queue').textContent(), /0\s*waiting/);
  await screenshot(page, 'admin-3-dashboard');
  await shots('admin-dashboard', ['kpis', 'chart-funnel', 'chart-hours', 'chart-kinds', 'chart-refusals']);

  await page.locator('#period label', { hasText: '7 days' }).click();
  await page.waitForFunction(() => /7 days/.test(document.getElementById('summary-range').textContent), null, { timeout: 15_000 });
  const days = await page.locator('#chart-active-users svg').evaluate((svg) => new Set([...svg.querySelectorAll('rect.bar')]
    .filter((r) => Number(r.getAttribute('height')) > 0).map((r) => r.querySelector('title').textContent.split(' · ')[0])).size);
  assert.equal(days, 1, 'only today has visitors');
  const labels = await page.locator('#chart-active-users svg text.axis-label').allTextContents();
  assert.ok(labels.filter((t) => /^\d+ [A-Z][a-z]{2}$/.test(t)).length >= 4, `7-day axis: ${labels}`);
  // a week of resources: the store's 10-minute means, said above the charts and under each
  assert.match(await page.locator('#charts-note').textContent(), /whole period from 10 min means/);
  assert.match(await page.locator('#chart-cpu figcaption').textContent(), /averaged by the store per 10 min/);
  await page.waitForSelector('#chart-cpu .series[data-series="primary"]', { timeout: 10_000 });
  await page.locator('#period label', { hasText: '24 h' }).click();
  await page.waitForFunction(() => /24 h/.test(document.getElementById('summary-range').textContent), null, { timeout: 15_000 });

  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the dashboard scrolls sideways on a phone by ${overflow} px`);
  // e-mail addresses stay readable: on one line each (line boxes counted by their tops: each piece between <wbr>s has a rect) (they may break only at @ and dots, never every few letters)
  const emailLines = await page.locator('#users .user-email').evaluateAll((spans) => spans.map((s) => `${s.textContent}: ${new Set([...s.getClientRects()].map((r) => Math.round(r.top))).size}`));
  assert.ok(emailLines.length >= 2 && emailLines.every((l) => l.endsWith(': 1')), `e-mails on a phone: ${emailLines}`);
  await screenshot(page, 'admin-3-dashboard-phone');
  await page.setViewportSize({ width: 1360, height: 900 });
  assert.deepEqual(pageErrors, [], 'no script errors');
});

test('manage: change a user\'s tier, block and lift an address', { timeout: 60_000 }, async () => {
  await dashboardAs(admin);
  await page.waitForSelector(`#users tr[data-uid="${member.uid}"]`, { timeout: 20_000 });
  await page.selectOption(`#tier-${member.uid}`, 'donor');
  await page.waitForFunction(() => /is now supporter/.test(document.getElementById('users-message').textContent), null, { timeout: 10_000 });
  const me = await (await api('/user/me', { token: member.token })).json();
  assert.equal(me.tier, 'donor');

  await page.fill('#users-email', 'member@aiart.test');
  await page.click('#users-search button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#users tr[data-uid]').length === 1, null, { timeout: 10_000 });

  await page.fill('#block-target', '203.0.113.9');
  await page.fill('#block-minutes', '30');
  await page.fill('#block-reason', 'e2e <b>not markup</b>');
  await page.click('#block-form button[type=submit]');
  await page.waitForSelector('#blocks button[data-action="lift-block"]', { timeout: 10_000 });
  assert.match(await page.locator('#blocks').textContent(), /e2e <b>not markup<\/b>/, 'the reason is shown as text');
  assert.equal(await page.locator('#blocks b').count(), 0);
  const blocks = await (await api('/admin/blocks', { token: admin.token })).json();
  assert.equal(blocks.blocks.length, 1);
  await screenshot(page, 'admin-4-blocked');
  await page.click('#blocks button[data-action="lift-block"]');
  await page.waitForFunction(() => /Nobody is blocked/.test(document.getElementById('blocks').textContent), null, { timeout: 10_000 });
  assert.equal((await (await api('/admin/blocks', { token: admin.token })).json()).blocks.length, 0);
});

test('demo: the generated day of traffic (make demo-day) is drawn', { timeout: 240_000 }, async () => {
  const cpFile = path.join(ROOT, 'backend/target/test-classpath.txt');
  const demoClass = path.join(ROOT, 'backend/target/test-classes/ai/aiart/demo/DemoDay.class');
  const source = path.join(ROOT, 'backend/src/test/java/ai/aiart/demo/DemoTraffic.java');
  if (!existsSync(cpFile) || !existsSync(demoClass) || statSync(demoClass).mtimeMs < statSync(source).mtimeMs) {
    const build = spawnSync(path.join(ROOT, 'mvnw'), ['-B', '-ntp', '-q', '-pl', 'backend', '-am', '-DskipTests', 'test-compile',
      'dependency:build-classpath', '-Dmdep.outputFile=target/test-classpath.txt', '-Dmdep.includeScope=test'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `building the generator failed:\n${build.stdout}\n${build.stderr}`);
  }
  const cp = ['backend/target/test-classes', 'backend/target/classes', readFileSync(cpFile, 'utf8').trim()].join(':');
  const run = spawnSync('java', ['-cp', cp, 'ai.aiart.demo.DemoDay', `--mongo=mongodb://127.0.0.1:${site.ports.store}`], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, `demo-day failed:\n${run.stdout}\n${run.stderr}`);
  const jobs = Number(/jobs\s+(\d+)/.exec(run.stdout)?.[1]);
  assert.ok(jobs > 300, run.stdout);

  // the dashboard's reads must fit its client's per-attempt read timeout (admin-api.js)
  for (const p of ['/admin/analytics?days=30', '/admin/metrics/history?hours=24', '/admin/metrics/history?hours=720']) {
    const started = performance.now();
    const res = await api(p, { token: admin.token });
    const body = await res.json();
    const ms = Math.round(performance.now() - started);
    console.error(`[e2e] GET ${p}: ${res.status} in ${ms} ms (${JSON.stringify(body).length} bytes)`);
    assert.equal(res.status, 200);
    assert.ok(ms < ADMIN_READ_TIMEOUT_MS, `${p} took ${ms} ms`);
    if (p.includes('hours=720')) {
      // a month answers half-hour buckets, the generated day's included (the whole period, not its first 5,000 snapshots)
      assert.equal(body.resolution_seconds, 1800);
      const demo = body.points.filter((q) => q.instance === 'demo-primary');
      assert.ok(demo.length >= 40 && demo.every((q) => q.samples >= 1 && 'cpu_max' in q), `demo-primary: ${demo.length} half-hours`);
    }
  }

  await dashboardAs(admin);
  await page.waitForSelector('#admin-content:not([hidden])', { timeout: 20_000 });
  await page.waitForSelector('#chart-cpu svg.chart', { timeout: 20_000 });
  const instances = await page.locator('#chart-cpu .series').evaluateAll((gs) => gs.map((g) => g.dataset.series));
  assert.ok(instances.includes('demo-primary') && instances.includes('demo-fallback'), `cpu series: ${instances}`);
  assert.ok(Number((await kpi('Creations')).replace(/\D/g, '')) > 300);
  assert.match(await page.locator('#alerts').textContent(), /CPU at \d+%/);
  assert.match(await page.locator('#errors').textContent(), /MongoTimeoutException/);
  assert.match(await page.locator('#blocks').textContent(), /scripted requests/);
  await screenshot(page, 'admin-5-demo-day');
  await shots('admin-demo-day');
  const docs = process.env.AIART_DOCS_SCREENSHOT;
  if (docs) {
    await page.screenshot({ path: path.resolve(docs), fullPage: true, type: 'png', scale: 'css' });
    console.error(`[e2e] wrote ${path.resolve(docs)}`);
  }
  if (process.env.AIART_SHOTS) {
    // for the closing note's screens only: the generated day in the 30- and 7-day charts (the store's half-hours and ten minutes)
    for (const [label, name] of [['30 days', 'admin-30-days'], ['7 days', 'admin-7-days']]) {
      await page.locator('#period label', { hasText: label }).click();
      await page.waitForFunction((l) => document.getElementById('summary-range').textContent.includes(l), label, { timeout: 15_000 });
      await page.waitForSelector('#chart-cpu svg.chart', { timeout: 20_000 });
      await shots(name, ['charts-note', 'chart-cpu', 'chart-queue', 'chart-store']);
    }
  }
});
