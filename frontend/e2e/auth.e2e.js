// Sign-in end to end: scripts/run.sh with the real Firebase Auth emulator (and its seeded
// admin), the real Firebase JS SDK in headless Chromium, the real backends in emulator mode.
//   account — sign up on the sign-in page → a visitor's allowance until the address is verified
//             (the page says so; the heading is the account now) (and the donate page names the
//             address, unverified) → verify the address → tier "member" (the backend's
//             "registered") → a creation → it comes back in the gallery from
//             GET /api/v1/user/jobs (this browser's list emptied first), a card like a local one:
//             Remove (hidden in this browser, undo), no band above the caption → sign out → a
//             wrong password is refused kindly → sign in → another creation → delete the account:
//             the gallery says both were erased with it, never that they expired
//   admin   — the seeded local admin signs in: tier "admin", the dashboard link, admin.html with
//             no 403, and the browser's own token opens an admin endpoint
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, closingShots, waitFor, LOCAL_ADMIN, useSiteAndBrowser } from './harness.js';

let site;
let page;
let pageErrors;
const email = `e2e-${Date.now()}@example.org`;
const password = 'e2e-password-1';

useSiteAndBrowser({ name: 'auth', auth: true }, { ready: (e2e) => ({ site, page, pageErrors } = e2e) });

const signInLink = () => page.locator('nav.site-nav a[href="/signin.html"]');

async function openSignIn() {
  await page.goto(site.siteUrl + '/signin.html');
  await page.waitForFunction(() => !document.getElementById('signin-fields').disabled);
}

async function waitSignedIn(tier) {
  await page.waitForSelector('#signed-in:not([hidden])', { timeout: 20_000 });
  await page.waitForSelector(`#account-tier[data-tier="${tier}"]`, { timeout: 20_000 });
}

test('account: sign up, create, gallery from the server, sign out and in, delete', { timeout: 180_000 }, async () => {
  await openSignIn();
  assert.equal(await page.locator('#auth-notice').isVisible(), false, 'sign-in is configured');
  await page.fill('#signup-email', email);
  await page.fill('#signup-password', password);
  await page.click('#signup-form button[type=submit]');
  // an account whose address is not verified gets a visitor's allowance until it is (the page says how)
  await waitSignedIn('anonymous');
  assert.equal(await page.locator('#signed-in-as').textContent(), `Signed in as ${email}.`);
  assert.match(await page.locator('#account-tier').textContent(), /^visitor until your e-mail address is verified · then member, 5 creations a minute/);
  await page.waitForFunction(() => /a visitor: 3 creations a minute/.test(document.getElementById('standing-text').textContent));
  // signed in, the heading is the account and its tier, not the pitch to sign in
  assert.equal(await page.locator('h1').textContent(), 'Your account');
  assert.match(await page.locator('#page-lede').textContent(), /^Verify your e-mail address to become a member: 5 creations a minute/);
  assert.equal(await signInLink().textContent(), email, 'the header shows who is signed in');
  assert.equal(await page.locator('#verify').isVisible(), true, 'a password account is asked to verify its address');
  assert.equal(await page.locator('#admin-link').isVisible(), false);
  await screenshot(page, 'auth-1-signed-up');
  // a long e-mail in the header must not push a phone's layout sideways
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await screenshot(page, 'auth-1-signed-up-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `the signed-in page scrolls sideways on a phone by ${overflow} px`);

  // the donate page names the address a donation is matched to, and asks to verify it first
  await page.goto(site.siteUrl + '/donate.html');
  await page.waitForFunction((e) => document.getElementById('donate-match').textContent.includes(e), email);
  assert.match(await page.locator('#donate-match').textContent(), /matched to verified addresses only, so please verify it on the sign-in page first/);

  // verifying the address: the emulator logs the link instead of mailing it; following it (its
  // oobCode, applied through the emulator's REST API) and "I've verified it" update the page
  await openSignIn();
  await waitSignedIn('anonymous');
  await page.click('#verify-send');
  await page.waitForFunction(() => /We've sent a link/.test(document.getElementById('verify-status').textContent));
  const link = await waitFor(() => site.log('auth-emulator').split('\n')
    .find((line) => line.includes(`verify the email address ${email}, follow this link:`))?.split('follow this link: ')[1]?.trim(),
  { what: 'the verification link in the emulator log' });
  const applied = await fetch(`${site.authUrl}/identitytoolkit.googleapis.com/v1/accounts:update?key=demo-key`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ oobCode: new URL(link).searchParams.get('oobCode') }),
  });
  assert.equal(applied.status, 200);
  await page.click('#verify-check');
  await page.waitForFunction(() => document.getElementById('verify-status').textContent === 'Thank you: your address is verified.');
  await page.waitForSelector('#verify', { state: 'hidden' });
  await waitSignedIn('registered'); // verified: a member now
  assert.match(await page.locator('#page-lede').textContent(), /^You're a member: 5 creations a minute/);

  // a creation, made signed in
  await page.goto(site.siteUrl + '/');
  await page.waitForFunction(() => document.querySelector('nav.site-nav a[href="/signin.html"]').dataset.signedIn === 'true');
  await page.locator('label.mode', { hasText: 'Text → Image' }).click();
  const prompt = 'A red fox reading a map under a lantern';
  await page.fill('#prompt', prompt);
  const jobRequests = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/generate/')) jobRequests.push(r.headers().authorization); });
  await page.click('#submit');
  await page.waitForFunction(() => {
    const img = document.querySelector('#result:not([hidden]) #result-media img');
    return img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 60_000 });
  assert.match(jobRequests[0] ?? '', /^Bearer ey/, 'the creation request carried the ID token');
  const [jobId] = await page.evaluate(() => JSON.parse(localStorage.getItem('aiart.gallery')).map((e) => e.id));

  // the gallery: this browser forgets its list, the server still knows the account's creations
  await page.evaluate(() => localStorage.removeItem('aiart.gallery'));
  const historyCalls = [];
  page.on('response', (r) => { if (r.url().includes('/api/v1/user/jobs')) historyCalls.push(r.status()); });
  await page.goto(site.siteUrl + '/gallery.html');
  await page.waitForSelector(`.card[data-id="${jobId}"][data-status="succeeded"] img`, { timeout: 30_000 });
  await page.waitForFunction((id) => {
    const img = document.querySelector(`.card[data-id="${id}"] img`);
    return img && img.complete && img.naturalWidth > 0;
  }, jobId);
  assert.deepEqual(historyCalls, [200]);
  assert.equal(await page.locator('#gallery-account').isVisible(), false, 'no "sign in to keep it" note');
  assert.match(await page.locator('#gallery-lede').textContent(), /with your account/);
  await screenshot(page, 'auth-2-gallery-from-server');
  await closingShots(page, 'gallery-account');
  // an account creation's card is a card like a local one: no band between picture and caption…
  const gap = await page.evaluate((id) => {
    const card = document.querySelector(`.card[data-id="${id}"]`);
    return card.querySelector('.card-caption').getBoundingClientRect().top - card.querySelector('.card-media').getBoundingClientRect().bottom;
  }, jobId);
  assert.ok(Math.abs(gap) <= 1, `no empty band above the caption (${gap} px)`);
  // …with Remove: it hides the creation in this browser (the account keeps it until it expires), undo brings it back
  const remove = page.locator(`.card[data-id="${jobId}"] .card-remove`);
  assert.match(await remove.getAttribute('aria-label'), /in this browser$/);
  await remove.click();
  await page.waitForSelector('#toast:not([hidden])');
  assert.match(await page.locator('#toast-text').textContent(), /in this browser\. Your account keeps it until it expires\./);
  assert.equal(await page.locator(`.card[data-id="${jobId}"]`).count(), 0);
  await page.click('#toast-undo');
  await page.waitForSelector(`.card[data-id="${jobId}"]`);
  await remove.click();
  await page.reload();
  await page.waitForFunction(() => !/Loading/.test(document.getElementById('gallery-status').textContent));
  assert.equal(await page.locator(`.card[data-id="${jobId}"]`).count(), 0, 'removed stays removed in this browser');
  assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem('aiart.gallery.hidden')).map((h) => h.id)), [jobId]);

  // sign out: the header and the gallery follow
  await openSignIn();
  await waitSignedIn('registered');
  await page.click('#signout');
  await page.waitForSelector('#auth-forms:not([hidden])');
  assert.equal(await signInLink().textContent(), 'Sign in');
  await page.goto(site.siteUrl + '/gallery.html');
  await page.waitForSelector('#gallery-empty:not([hidden])');
  assert.equal(await page.locator(`.card[data-id="${jobId}"]`).count(), 0);

  // a wrong password, then the right one
  await openSignIn();
  await page.fill('#signin-email', email);
  await page.fill('#signin-password', 'not-the-password');
  await page.click('#signin-form button[type=submit]');
  await page.waitForSelector('#signin-error:not([hidden])');
  assert.match(await page.locator('#signin-error').textContent(), /email and password don't match/);
  await page.fill('#signin-password', password);
  await page.click('#signin-form button[type=submit]');
  await waitSignedIn('registered');
  await screenshot(page, 'auth-3-signed-in-again');
  await closingShots(page, 'signin-account');

  // another creation, made signed in: this browser's gallery files it under the account
  await page.goto(site.siteUrl + '/');
  await page.waitForFunction(() => document.querySelector('nav.site-nav a[href="/signin.html"]').dataset.signedIn === 'true');
  await page.fill('#prompt', 'A lighthouse in a storm at night');
  await page.click('#submit');
  await page.waitForSelector('#result:not([hidden]) #result-media img', { timeout: 60_000 });
  const second = await page.evaluate(() => JSON.parse(localStorage.getItem('aiart.gallery'))[0]);
  assert.ok(second.owner, 'made signed in: the entry names its account');
  // and the first one as an older page kept it (no owner), made before the erasure
  await page.evaluate((id) => {
    const list = JSON.parse(localStorage.getItem('aiart.gallery'));
    list.push({ id, kind: 'text-to-image', prompt: 'A red fox reading a map under a lantern', createdAt: new Date(Date.now() - 60_000).toISOString() });
    localStorage.setItem('aiart.gallery', JSON.stringify(list));
  }, jobId);
  await openSignIn();
  await waitSignedIn('registered');

  // delete the account and its data, with a confirmation
  await page.click('#delete-start');
  await page.waitForSelector('#delete-form:not([hidden])');
  await screenshot(page, 'auth-4-delete-confirm');
  await page.fill('#delete-password', password);
  await page.click('#delete-confirm');
  await page.waitForSelector('#auth-notice:not([hidden])', { timeout: 30_000 });
  assert.match(await page.locator('#auth-notice').textContent(), /Your account and your data are deleted \(2 creations\)/);
  assert.equal(await page.locator('h1').textContent(), 'Sign in for more', 'signed out: the pitch again');
  assert.equal(await page.locator('#signed-in').isVisible(), false);
  assert.equal(await signInLink().textContent(), 'Sign in');
  await screenshot(page, 'auth-5-deleted');

  // …for real: the job is gone from the store, the account from the emulator
  const gone = await fetch(`${site.primaryUrl}/api/v1/jobs/${jobId}`);
  assert.equal(gone.status, 404);
  const signIn = await fetch(`${site.authUrl}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-key`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  assert.equal(signIn.status, 400);
  assert.match((await signIn.json()).error.message, /EMAIL_NOT_FOUND|INVALID_LOGIN_CREDENTIALS/);

  // the gallery says what happened: erased with the account, a minute ago — not "expired"
  await page.goto(site.siteUrl + '/gallery.html');
  await page.waitForFunction(() => /erased/.test(document.getElementById('gallery-status').textContent), null, { timeout: 20_000 });
  const status = await page.locator('#gallery-status').textContent();
  assert.equal(status, '2 creations were erased with your deleted account');
  assert.doesNotMatch(status, /expired/);
  assert.equal(await page.locator('#gallery-empty').isVisible(), true);
  await closingShots(page, 'gallery-erased');
  // said once: the next visit doesn't repeat it
  await page.reload();
  await page.waitForSelector('#gallery-empty:not([hidden])');
  assert.equal(await page.locator('#gallery-status').textContent(), '');
  // the failed loads the browser logs: the refused wrong password (400 from the emulator), and the
  // gallery asking for the erased creation (404: how it learns that it is gone)
  assert.deepEqual(pageErrors.filter((e) => !/status of (400|404)\b/.test(e)), [], 'no script errors');
});

test('admin: the seeded local admin signs in and reaches the dashboard without a 403', { timeout: 120_000 }, async () => {
  await openSignIn();
  await page.fill('#signin-email', LOCAL_ADMIN.email);
  await page.fill('#signin-password', LOCAL_ADMIN.password);
  await page.click('#signin-form button[type=submit]');
  await waitSignedIn('admin');
  assert.match(await page.locator('#account-tier').textContent(), /^admin · 60 creations a minute/);
  assert.match(await page.locator('#page-lede').textContent(), /^You're an admin: 60 creations a minute/);
  assert.equal(await page.locator('#admin-link').isVisible(), true);
  assert.equal(await page.locator('#verify').isVisible(), false, 'the seeded address is verified');
  await screenshot(page, 'auth-6-admin-signed-in');
  await page.goto(site.siteUrl + '/donate.html');
  await page.waitForFunction((e) => document.getElementById('donate-match').textContent.includes(e), LOCAL_ADMIN.email);
  assert.match(await page.locator('#donate-match').textContent(), /your account becomes a supporter automatically/);
  await openSignIn();
  await waitSignedIn('admin');

  const refused = [];
  page.on('response', (r) => { if (r.url().includes('/api/v1/') && [401, 403].includes(r.status())) refused.push(`${r.status()} ${r.url()}`); });
  await page.click('#admin-link');
  await page.waitForURL(/\/admin\.html$/);
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'auth-7-admin-dashboard');
  assert.deepEqual(refused, [], 'no API call of the dashboard was refused');

  // The browser's own ID token (kept by Firebase in IndexedDB) opens an admin endpoint.
  const token = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('firebaseLocalStorageDb');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('firebaseLocalStorage').objectStore('firebaseLocalStorage').getAll();
      req.onerror = () => reject(req.error);
      req.onsuccess = () => resolve(req.result.map((r) => r.value?.stsTokenManager?.accessToken).find(Boolean) ?? null);
    };
  }));
  assert.ok(token, 'Firebase kept the sign-in in IndexedDB');
  const status = await page.evaluate(async ({ url, token }) => (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status,
    { url: `${site.primaryUrl}/api/v1/admin/queue`, token });
  assert.equal(status, 200);
  await waitFor(async () => (await signInLink().textContent()) === LOCAL_ADMIN.email, { what: 'the header to show the admin' });
});
