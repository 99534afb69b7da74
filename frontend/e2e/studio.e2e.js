// End to end over the real topology (scripts/run.sh: embedded store, primary, fallback,
// static site) in headless Chromium. One browser profile for the whole file, like one
// visitor: what they make shows up in their gallery.
//   pages  — every page: nav, footer backend indicator, phone layout, no script errors
//   a      — text → image, image → image (a PNG made here), text → video (playable, and seekable: read in byte ranges)
//   b      — primary killed (-9): the next creation is served by the fallback, no error shown
//   f      — Download saves the result (home page and gallery) despite a cached non-CORS copy; focus rings
//   e      — the gallery shows this session's creations (primary still dead), remove + undo
//   d      — a throttled visitor: friendly message, live countdown, Create disabled, links
//   words  — pointer hints only with a mouse (a touch phone has none), the offline renderer's note,
//            the privacy page's figures equal to the backend's settings, privacy and terms linked
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, closingShots, collectPageErrors, makePng, waitFor, isAlive, useSiteAndBrowser, CHROMIUM, CHROMIUM_ARGS } from './harness.js';
import { formatPeriod } from '../src/messages.js';
import { FALLBACK } from '../src/input-rules.js';

let site;
let page;
let pageErrors;
const created = []; // { id, kind, prompt }

useSiteAndBrowser({ name: 'studio' }, { ready: (e2e) => ({ site, page, pageErrors } = e2e) });

const indicator = () => page.locator('#backend').getAttribute('data-state');

async function waitForIndicator(state) {
  await page.waitForSelector(`#backend[data-state="${state}"]`, { timeout: 20_000 });
}

/** Fills the generator and submits; returns the id of the job it created. */
async function submit({ mode, prompt, image }) {
  await page.locator('label.mode', { hasText: mode }).click();
  if (image) {
    await page.setInputFiles('#image', { name: 'e2e-upload.png', mimeType: 'image/png', buffer: image });
    await page.waitForSelector('#image-preview:not([hidden])');
  }
  await page.fill('#prompt', prompt);
  const before = await galleryIds();
  await page.click('#submit');
  const id = await waitFor(async () => (await galleryIds()).find((x) => !before.includes(x)), { timeoutMs: 30_000, what: 'the job to be accepted' });
  return id;
}

async function galleryIds() {
  return page.evaluate(() => JSON.parse(localStorage.getItem('aiart.gallery') || '[]').map((e) => e.id));
}

async function waitForPicture() {
  await page.waitForFunction(() => {
    const img = document.querySelector('#result:not([hidden]) #result-media img');
    return img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 60_000 });
}

async function assertNoErrorShown() {
  for (const sel of ['#notice', '#form-error', '#job-trouble', '#outcome']) {
    assert.equal(await page.locator(sel).isVisible(), false, `${sel} must not be shown`);
  }
}

test('pages: nav, footer backend indicator, phone layout, no script errors', { timeout: 120_000 }, async () => {
  const pages = [
    { path: '/', title: /describe it/i, status: 200 },
    { path: '/gallery', title: /gallery/i, status: 200 },
    { path: '/signin', title: /sign in/i, status: 200 },
    { path: '/donate', title: /donate/i, status: 200 },
    { path: '/admin', title: /dashboard/i, status: 200 },
    { path: '/privacy', title: /privacy/i, status: 200 },
    { path: '/terms', title: /terms/i, status: 200 },
    { path: '/no-such-page', title: /not found/i, status: 404 },
  ];
  for (const p of pages) {
    const errors = collectPageErrors(page);
    const res = await page.goto(site.siteUrl + p.path);
    assert.equal(res.status(), p.status, p.path);
    assert.match(await page.title(), p.title);
    const links = await page.locator('nav.site-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['/', '/gallery.html', '/signin.html', '/donate.html'], `nav on ${p.path}`);
    if (p.path === '/admin') {
      // signed out, the dashboard asks no backend anything (admin.e2e.js), so nothing has served it
      await page.waitForSelector('#backend[data-state="unknown"]');
      assert.equal(await page.locator('#backend-text').textContent(), 'Not connected yet');
    } else {
      await waitForIndicator('primary');
      assert.equal(await page.locator('#backend-text').textContent(), 'Served by the primary server');
    }
    await page.waitForLoadState('networkidle');
    const name = p.path === '/' ? 'index' : p.path.slice(1);
    await screenshot(page, `pages-${name}`);

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${p.path} scrolls sideways on a phone by ${overflow} px`);
    await screenshot(page, `pages-${name}-phone`);
    await page.setViewportSize({ width: 1280, height: 900 });
    page.removeAllListeners('console');
    const real = errors.filter((e) => !(p.status === 404 && /404/.test(e)));
    assert.deepEqual(real, [], `script errors on ${p.path}`);
  }
  // every nav target answers (clean URLs and .html names)
  for (const href of ['/gallery.html', '/signin.html', '/donate.html', '/admin.html', '/gallery', '/signin', '/donate', '/admin']) {
    assert.equal((await page.request.get(site.siteUrl + href)).status(), 200, href);
  }

  // the 404 page's button shows keyboard focus (its glow used to hide it): Tab to the skip link,
  // then the focus moved by script stays visible
  await page.goto(site.siteUrl + '/no-such-page');
  assert.equal(await outlineOf('main .btn-primary', { focused: false }), 'none');
  await page.keyboard.press('Tab');
  await page.locator('main .btn-primary').focus();
  assert.equal(await outlineOf('main .btn-primary', { focused: true }), 'solid', "the 404 page's button shows keyboard focus");

  await page.goto(site.siteUrl + '/signin.html');
  await page.waitForSelector('#auth-notice:not([hidden])');
  assert.match(await page.locator('#auth-notice').textContent(), /Sign-in is not configured on this server/);
  assert.equal(await page.locator('#signin-email').isDisabled(), true, 'the forms are disabled while sign-in is not configured');
  assert.equal(await page.locator('#signin-form button[type=submit]').isDisabled(), true);
  await page.waitForFunction(() => /You're creating as a visitor: 3 creations a minute/.test(document.getElementById('standing-text').textContent));

  await page.goto(site.siteUrl + '/donate.html');
  assert.equal(await page.locator('#donate-link').getAttribute('href'), '#');
  assert.equal(await page.locator('#donate-note').isVisible(), true);
  assert.match(await page.locator('.perks').textContent(), /10 creations a minute/);
  assert.match(await page.locator('.perks').textContent(), /First in the queue/);

  await page.goto(site.siteUrl + '/admin.html');
  // signed out: only the sign-in prompt, no backend health (admin.e2e.js covers the rest)
  await page.waitForSelector('#admin-gate[data-state="signin"]');
  assert.match(await page.locator('#admin-gate-text').textContent(), /Sign in as an administrator/);
  assert.equal(await page.locator('.backend-card').count(), 0);

  await page.goto(site.siteUrl + '/gallery.html');
  await page.waitForSelector('#gallery-empty:not([hidden])');
});

test('words: pointer hints with a mouse only, the offline renderer\'s note, privacy figures from the backend', { timeout: 120_000 }, async () => {
  // desktop (a mouse): the shortcut and the drop hint are there; the number stays with its unit
  await page.goto(site.siteUrl + '/');
  await page.waitForSelector('#renderer-note:not([hidden])', { timeout: 20_000 }); // no upstream in this topology
  assert.match(await page.locator('#renderer-note').textContent(), /built-in renderer\. It knows scenes — mountains, .* not every object/);
  assert.match(await page.locator('#prompt').getAttribute('aria-describedby'), /\brenderer-note\b/);
  assert.equal(await page.locator('#shortcut-hint').isVisible(), true);
  assert.match(await page.locator('#prompt-hint').innerText(), /(Ctrl|⌘)\+Enter creates\./);
  // the form follows the backend's rules (GET /api/v1/limits/input, docs/GENERATION.md), not copies of its own
  const rules = await (await fetch(`${site.primaryUrl}/api/v1/limits/input`)).json();
  // what the page shows while a sleeping backend wakes is the backend's answer with its default settings
  assert.deepEqual(rules, FALLBACK, 'src/input-rules.js FALLBACK differs from the backend\'s default rules');
  await page.waitForFunction((max) => document.getElementById('negative_prompt').maxLength === max, rules.negative_prompt_max_length);
  assert.equal(await page.locator('#prompt').getAttribute('maxlength'), String(rules.prompt_max_length));
  assert.equal(await page.locator('#seed').getAttribute('max'), String(rules.seed.max));
  assert.deepEqual(await page.locator('#aspect_ratio option').evaluateAll((os) => os.map((o) => o.value)), rules.aspect_ratios);
  assert.deepEqual(await page.locator('#style option').evaluateAll((os) => os.map((o) => o.value)), ['', ...rules.styles]);
  await page.locator('label.mode', { hasText: 'Text → Video' }).click();
  assert.equal(await page.locator('#duration-out').textContent(), `${rules.duration_seconds.default}\u00a0s`);
  assert.equal(await page.locator('#aspect_ratio').inputValue(), rules.default_aspect_ratio['text-to-video']);
  await page.locator('label.mode', { hasText: 'Image → Image' }).click();
  assert.equal(await page.locator('#dropzone-empty .fine-pointer-only').isVisible(), true);
  await page.locator('label.mode', { hasText: 'Text → Image' }).click();
  await closingShots(page, 'create', { sizes: ['desktop'] }); // the phone's, below, from a touch screen

  // a touch phone: neither hint, the note still there
  const { chromium } = await import('playwright-core');
  const phone = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
  try {
    const context = await phone.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const tab = await context.newPage();
    await tab.goto(site.siteUrl + '/');
    assert.equal(await tab.evaluate(() => matchMedia('(hover: hover) and (pointer: fine)').matches), false, 'a touch screen');
    await tab.waitForSelector('#renderer-note:not([hidden])', { timeout: 20_000 });
    assert.equal(await tab.locator('#shortcut-hint').isVisible(), false, 'no "Ctrl+Enter creates" on a phone');
    assert.doesNotMatch(await tab.locator('#prompt-hint').innerText(), /Enter/);
    await tab.locator('label.mode', { hasText: 'Image → Image' }).tap();
    await tab.waitForSelector('#dropzone:visible');
    assert.equal(await tab.locator('#dropzone-empty .fine-pointer-only').isVisible(), false, 'no "drop it here" on a phone');
    assert.doesNotMatch(await tab.locator('#dropzone-empty').innerText(), /drop/);
    await screenshot(tab, 'words-phone-touch');
    if (process.env.AIART_SHOTS_DIR) {
      // viewport shots: a full-page one re-sizes the emulated screen, and the page then lays out as on a desktop
      await tab.screenshot({ path: `${process.env.AIART_SHOTS_DIR}/create-phone.png` });
      await tab.locator('#prompt-hint').scrollIntoViewIfNeeded();
      await tab.screenshot({ path: `${process.env.AIART_SHOTS_DIR}/create-phone-prompt.png` });
    }
  } finally {
    await phone.close();
  }

  // the privacy page states the backend's own settings, and the contact address it is given
  const answer = await (await fetch(`${site.primaryUrl}/api/v1/privacy`)).json();
  await page.goto(site.siteUrl + '/privacy.html');
  await page.waitForSelector('[data-figure="creations"][data-state="read"]', { timeout: 20_000 });
  const shown = await page.locator('[data-figure]').evaluateAll((els) => els.map((el) => [el.dataset.figure, el.textContent]));
  const keys = { creations: 'creations_seconds', 'request-log': 'request_log_seconds', 'fair-use': 'fair_use_seconds' };
  assert.ok(shown.length >= 3);
  for (const [figure, text] of shown) assert.equal(text, formatPeriod(answer.retention[keys[figure]]), figure);
  // …which are the backend's settings: the defaults run.sh leaves (backend PrivacyResourceTest: any setting)
  assert.deepEqual(Object.fromEntries(shown), {
    creations: '7\u00a0days', 'request-log': '30\u00a0days', 'fair-use': '30\u00a0days',
  });
  assert.equal(await page.locator('[data-contact] a').first().getAttribute('href'), `mailto:${answer.contact_email}`);
  assert.equal(answer.contact_email, 'privacy@aiart.test');
  assert.equal(await page.locator('.site-footer a[href="/privacy.html"]').getAttribute('aria-current'), 'page');
  await closingShots(page, 'privacy');
  await page.goto(site.siteUrl + '/terms.html');
  await page.waitForSelector('[data-contact][data-state="read"]', { timeout: 20_000 });
  await closingShots(page, 'terms');
  await page.goto(site.siteUrl + '/donate.html');
  await page.waitForFunction(() => /You're creating as a visitor/.test(document.getElementById('tier-now').textContent));
  await closingShots(page, 'donate');
  await page.goto(site.siteUrl + '/signin.html');
  await page.waitForSelector('#auth-notice:not([hidden])');
  assert.equal(await page.locator('#signup-policies a[href="/terms.html"]').isVisible(), true);
  assert.equal(await page.locator('#signup-policies a[href="/privacy.html"]').isVisible(), true);
});

test('a: text → image, image → image and text → video are shown', { timeout: 150_000 }, async () => {
  await page.goto(site.siteUrl + '/');
  await waitForIndicator('primary');

  const t2i = 'A lighthouse on a cliff at dusk, warm light in the windows';
  created.push({ id: await submit({ mode: 'Text → Image', prompt: t2i }), kind: 'text-to-image', prompt: t2i });
  await waitForPicture();
  assert.match(await page.locator('#result-meta').textContent(), /offline renderer/);
  assert.equal(await page.locator('#result-prompt').textContent(), `“${t2i}”`);
  await assertNoErrorShown();
  await screenshot(page, 'a1-text-to-image');

  const i2i = 'Turn it into a watercolor with soft pastel colours';
  created.push({ id: await submit({ mode: 'Image → Image', prompt: i2i, image: await makePng() }), kind: 'image-to-image', prompt: i2i });
  await waitForPicture();
  assert.equal(await page.locator('#result-prompt').textContent(), `“${i2i}”`);
  await assertNoErrorShown();
  await screenshot(page, 'a2-image-to-image');

  const t2v = 'Waves rolling onto a black-sand beach at sunrise';
  // the media element's requests for results, with their Range headers and statuses
  const mediaAnswers = [];
  const onResponse = async (response) => {
    if (!/\/api\/v1\/jobs\/[^/]+\/result$/.test(response.url())) return;
    mediaAnswers.push({ url: response.url(), status: response.status(), range: await response.request().headerValue('range'),
      contentRange: await response.headerValue('content-range') });
  };
  page.on('response', onResponse);
  await page.locator('label.mode', { hasText: 'Text → Video' }).click();
  await page.locator('#duration_seconds').evaluate((el) => { el.value = '2'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  created.push({ id: await submit({ mode: 'Text → Video', prompt: t2v }), kind: 'text-to-video', prompt: t2v });
  await page.waitForFunction(() => {
    const v = document.querySelector('#result:not([hidden]) #result-media video');
    return v && v.readyState >= 2 && v.videoWidth > 0;
  }, null, { timeout: 90_000 });
  await assertNoErrorShown();
  assert.equal(await indicator(), 'primary');
  await screenshot(page, 'a3-text-to-video');

  // seeking: the browser asks for byte ranges, the backend answers 206 with them (docs/GENERATION.md)
  const seeked = await page.locator('#result:not([hidden]) #result-media video').evaluate((v) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no seek: readyState ${v.readyState}`)), 20_000);
    v.addEventListener('seeked', () => { clearTimeout(timer); resolve({ at: v.currentTime, duration: v.duration, seekable: v.seekable.length }); }, { once: true });
    v.currentTime = v.duration * 0.75;
  }));
  page.off('response', onResponse);
  assert.ok(seeked.seekable > 0 && seeked.at > 0 && Math.abs(seeked.at - seeked.duration * 0.75) < 0.5, JSON.stringify(seeked));
  const video = mediaAnswers.filter((a) => a.url.includes(created[2].id));
  assert.ok(video.some((a) => a.status === 206 && /^bytes=\d+-/.test(a.range ?? '') && /^bytes \d+-\d+\/\d+$/.test(a.contentRange ?? '')),
    `the video was read in ranges: ${JSON.stringify(video)}`);
});

/** Clicks a Download control and returns the saved file: { name, bytes }. */
async function download(locator) {
  const [saved] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), locator.click()]);
  const { readFile } = await import('node:fs/promises');
  const failure = await saved.failure();
  assert.equal(failure, null, `the download failed: ${failure}`);
  return { name: saved.suggestedFilename(), bytes: await readFile(await saved.path()) };
}

/** The result's bytes as Node's fetch reads them (it refuses an answer framed two ways). */
async function resultBytes(baseUrl, id) {
  const res = await fetch(`${baseUrl}/api/v1/jobs/${id}/result`);
  assert.equal(res.status, 200);
  return Buffer.from(await res.arrayBuffer());
}

/** The element's outline style: at rest (nothing focused), or while it has the focus, shown (:focus-visible); null when it has not. */
async function outlineOf(selector, { focused }) {
  if (!focused) await page.evaluate(() => document.activeElement?.blur());
  return page.locator(selector).evaluate((el, wantFocus) => (!wantFocus || (el === document.activeElement && el.matches(':focus-visible'))
    ? getComputedStyle(el).outlineStyle : null), focused);
}

test('f: Download saves the file — a video on the home page, a picture in the gallery; keyboard focus shows', { timeout: 90_000 }, async () => {
  // The home page still shows test a's video. A copy of it loaded without CORS (an older page's
  // <img>/<video>) is in the browser's cache for both backends: Download must not be handed it.
  const video = created[2];
  await page.waitForSelector('#result:not([hidden]) #result-media video');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await page.evaluate(async (urls) => {
    for (const url of urls) await (await fetch(url, { mode: 'no-cors' })).arrayBuffer();
  }, [site.primaryUrl, site.fallbackUrl].map((base) => `${base}/api/v1/jobs/${video.id}/result`));
  await cdp.detach();

  const saved = await download(page.locator('#download'));
  assert.equal(saved.name, `aiart-${video.id}.mp4`);
  assert.ok(saved.bytes.equals(await resultBytes(site.primaryUrl, video.id)), 'the saved file is the result');
  assert.equal(await page.locator('#download-error').isVisible(), false);
  await page.waitForFunction(() => document.getElementById('download').textContent === 'Download'); // no longer "Saving…"

  // keyboard focus is drawn (WCAG 2.4.7): Download reached with Shift+Tab, then Create (focus moved
  // by script from a keyboard-focused control stays visible)
  assert.equal(await outlineOf('#download', { focused: false }), 'none');
  assert.equal(await outlineOf('#submit', { focused: false }), 'none');
  await page.locator('#again').focus();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await outlineOf('#download', { focused: true }), 'solid', 'Download shows keyboard focus');
  await closingShots(page, 'download-focus', { sizes: ['desktop'] }); // a resize would move focus off-screen on a phone
  await page.locator('#submit').focus();
  assert.equal(await outlineOf('#submit', { focused: true }), 'solid', 'Create shows keyboard focus');

  await page.goto(site.siteUrl + '/gallery.html');
  const picture = created[0];
  const card = page.locator(`.card[data-id="${picture.id}"]`);
  await card.locator('a', { hasText: 'Download' }).waitFor();
  const fromGallery = await download(card.locator('a', { hasText: 'Download' }));
  assert.equal(fromGallery.name, `aiart-${picture.id}.jpg`);
  assert.ok(fromGallery.bytes.equals(await resultBytes(site.fallbackUrl, picture.id)), 'the saved file is the result');
  await screenshot(page, 'f-gallery-downloaded');
});

test('b: with the primary killed (-9) the next creation is served by the fallback, no error shown', { timeout: 90_000 }, async () => {
  await page.goto(site.siteUrl + '/');
  await waitForIndicator('primary');

  const pid = site.signal('primary', 'SIGKILL');
  await waitFor(() => !isAlive(pid), { what: 'the primary to die' });

  const prompt = 'A glass greenhouse floating among clouds, golden hour';
  created.push({ id: await submit({ mode: 'Text → Image', prompt }), kind: 'text-to-image', prompt });
  await waitForPicture();
  await assertNoErrorShown();
  await waitForIndicator('fallback');
  assert.equal(await page.locator('#backend-text').textContent(), 'Served by the fallback server');
  const src = await page.locator('#result-media img').getAttribute('src');
  assert.ok(src.startsWith(site.fallbackUrl), `the picture comes from the fallback: ${src}`);
  await screenshot(page, 'b-served-by-fallback');
});

test('e: the gallery shows the creations of this session (primary still down); remove and undo', { timeout: 90_000 }, async () => {
  await page.goto(site.siteUrl + '/gallery.html');
  const ids = created.map((c) => c.id);
  await page.waitForFunction((n) => document.querySelectorAll('#gallery-grid .card[data-status="succeeded"]').length === n, ids.length, { timeout: 30_000 });
  assert.deepEqual(await page.locator('#gallery-grid .card').evaluateAll((cs) => cs.map((c) => c.dataset.id)), [...ids].reverse(), 'newest first');
  for (const c of created) {
    const card = page.locator(`.card[data-id="${c.id}"]`);
    assert.equal(await card.locator('.card-prompt').textContent(), `“${c.prompt}”`);
    assert.equal(await card.locator('a', { hasText: 'Open' }).count(), 1);
    assert.equal(await card.locator('a', { hasText: 'Download' }).count(), 1);
  }
  // pictures decoded, the video has loaded its first frame (metadata + controls, no autoplay)
  await page.waitForFunction(() => [...document.querySelectorAll('.card-thumb')].every((el) =>
    el.tagName === 'IMG' ? el.complete && el.naturalWidth > 0 : el.readyState >= 1), null, { timeout: 30_000 });
  const video = page.locator(`.card[data-id="${created[2].id}"] video`);
  assert.equal(await video.evaluate((v) => v.controls && !v.autoplay), true);
  await waitForIndicator('fallback');
  await screenshot(page, 'e1-gallery');

  // Remove the first card, then undo.
  const first = page.locator('#gallery-grid .card').first();
  const firstId = await first.getAttribute('data-id');
  await first.locator('.card-remove').click();
  await page.waitForSelector('#toast:not([hidden])');
  assert.equal(await page.locator('#gallery-grid .card').count(), ids.length - 1);
  assert.equal((await galleryIds()).includes(firstId), false);
  await screenshot(page, 'e2-gallery-removed');
  await page.click('#toast-undo');
  assert.equal(await page.locator('#gallery-grid .card').count(), ids.length);
  assert.equal((await galleryIds()).includes(firstId), true);

  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'e3-gallery-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('d: a throttled visitor sees the friendly message, a live countdown, Create disabled, sign-in and donate', { timeout: 90_000 }, async () => {
  // Exhaust the anonymous bucket (grace + tokens) from Node: the same 127.0.0.1 identity as the
  // browser. The primary is dead by now; buckets live in the store, so the fallback counts alike.
  let refused = null;
  for (let i = 0; i < 15 && !refused; i++) {
    const res = await fetch(`${site.fallbackUrl}/api/v1/generate/text-to-image`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ prompt: `exhaust ${i}` }),
    });
    await res.arrayBuffer();
    if (res.status === 429) refused = res;
    else assert.equal(res.status, 202);
  }
  assert.ok(refused, 'the anonymous bucket ran out');

  await page.goto(site.siteUrl + '/');
  await page.fill('#prompt', 'One more, please');
  await page.click('#submit');
  await page.waitForSelector('#notice[data-kind="throttle"]:not([hidden])', { timeout: 20_000 });
  const message = await page.locator('#notice-message').textContent();
  assert.match(message, /You've used your \d+ creations for this minute\./);
  assert.doesNotMatch(message, /HTTP|429|rate_limited|error/i);
  // one message, one live countdown, one pitch (issue #15)
  const notice = await page.locator('#notice').innerText();
  assert.equal(notice.match(/try again/gi)?.length, 1, `one countdown: ${notice}`);
  assert.equal(notice.match(/sign in/gi)?.length, 1, `one pitch: ${notice}`);

  const seconds = async () => Number((await page.locator('#notice-countdown').textContent()).match(/(\d+)\s*s\b/)?.[1]);
  const first = await seconds();
  assert.ok(first > 0, `countdown shows seconds: ${await page.locator('#notice-countdown').textContent()}`);
  assert.equal(await page.locator('#submit').isDisabled(), true, 'Create is disabled during the countdown');
  assert.equal(await page.locator('#notice-signin').getAttribute('href'), '/signin.html');
  assert.equal(await page.locator('#notice-donate').getAttribute('href'), '/donate.html');
  assert.equal(await page.locator('#notice-links').isVisible(), true);
  await screenshot(page, 'd1-throttled');
  await closingShots(page, 'refusal');
  // the countdown is live: it goes down by itself (waited for, not slept)
  await page.waitForFunction((from) => Number(document.getElementById('notice-countdown')?.textContent.match(/(\d+)\s*s\b/)?.[1]) < from,
    first, { timeout: 10_000 });
  const later = await seconds();
  assert.ok(later < first, `the countdown is live: ${first} → ${later}`);
  assert.equal(await page.locator('#submit').isDisabled(), true);

  // A reload does not skip the wait.
  await page.reload();
  await page.waitForSelector('#notice[data-kind="throttle"]:not([hidden])');
  assert.equal(await page.locator('#submit').isDisabled(), true);
  assert.ok((await seconds()) <= later);
  await screenshot(page, 'd2-throttled-after-reload');
});

test('no uncaught script errors on any page', () => {
  assert.deepEqual(pageErrors.filter((e) => e.startsWith('pageerror')), []);
});
