// End to end: a hung primary (SIGSTOP: it still accepts connections but never answers) costs a
// visitor about a second, not ten. With one picture made on the primary, the primary is stopped
// and the visitor asks for another: the ApiClient hedges the creation to the fallback after the
// hedge delay (docs/FAILOVER.md), the page follows the job there, and the picture is shown
// within 4 s of the click (on a loaded machine: within the healthy picture's time plus the
// hedge ceiling), with no error. The primary is resumed (SIGCONT) whatever happens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, closingShots, useSiteAndBrowser } from './harness.js';

let site;
let page;
let pageErrors;

useSiteAndBrowser({ name: 'hung-primary' }, { ready: (e2e) => ({ site, page, pageErrors } = e2e) });

const TARGET_MS = 4000;

async function createAndWait(prompt, previousSrc) {
  await page.fill('#prompt', prompt);
  const clickedAt = Date.now();
  await page.click('#submit');
  await page.waitForFunction((prev) => {
    const img = document.querySelector('#result:not([hidden]) #result-media img');
    return img && img.complete && img.naturalWidth > 0 && img.getAttribute('src') !== prev;
  }, previousSrc, { timeout: 30_000 });
  return Date.now() - clickedAt;
}

test('a hung primary: the next picture arrives through the fallback within 4 s, with no error shown', { timeout: 120_000 }, async () => {
  await page.goto(site.siteUrl + '/');
  await page.waitForSelector('#backend[data-state="primary"]', { timeout: 20_000 });

  const firstMs = await createAndWait('A lighthouse on a cliff at dawn, watercolour', null);
  const firstSrc = await page.locator('#result-media img').getAttribute('src');
  assert.ok(firstSrc.startsWith(site.primaryUrl), `the first picture comes from the primary: ${firstSrc}`);

  // The page's requests after the stop, for the log: where the seconds went when it is slow.
  const timeline = [];
  const t0 = Date.now();
  const backendOf = (url) => (url.startsWith(site.primaryUrl) ? 'primary' : url.startsWith(site.fallbackUrl) ? 'fallback' : null);
  page.on('request', (r) => { if (backendOf(r.url())) timeline.push(`${Date.now() - t0} ms → ${r.method()} ${backendOf(r.url())} ${new URL(r.url()).pathname}`); });
  page.on('response', (r) => { if (backendOf(r.url())) timeline.push(`${Date.now() - t0} ms ← ${r.status()} ${backendOf(r.url())} ${new URL(r.url()).pathname}`); });

  site.signal('primary', 'SIGSTOP');
  let tookMs;
  try {
    const prompt = 'A red fox asleep in fresh snow, soft morning light';
    tookMs = await createAndWait(prompt, firstSrc);
    console.error(`[e2e] hung primary: first picture ${firstMs} ms, next picture ${tookMs} ms after the click\n  ${timeline.join('\n  ')}`);

    for (const sel of ['#notice', '#form-error', '#outcome']) {
      assert.equal(await page.locator(sel).isVisible(), false, `${sel} must not be shown`);
    }
    assert.equal(await page.locator('#result-prompt').textContent(), `“${prompt}”`);
    const src = await page.locator('#result-media img').getAttribute('src');
    assert.ok(src.startsWith(site.fallbackUrl), `the picture comes from the fallback: ${src}`);
    assert.equal(await page.locator('#backend').getAttribute('data-state'), 'fallback');
    await screenshot(page, 'hung-primary-next-picture');
    await closingShots(page, 'hung-primary-next-picture');
  } finally {
    site.signal('primary', 'SIGCONT');
  }
  // 4 s on a quiet machine. Painting the picture is most of it, and on a loaded machine the
  // healthy first picture alone can take longer, so the bound is the larger of the target and
  // what the healthy picture took plus the creation's hedge ceiling (1.2 s) and a margin —
  // never the 8 s attempt timeout the page waited out before hedging.
  const bound = Math.max(TARGET_MS, firstMs + 1500);
  assert.ok(tookMs <= bound, `the next picture took ${tookMs} ms (bound ${bound} ms; the healthy first one took ${firstMs} ms)`);
  assert.deepEqual(pageErrors.filter((e) => e.startsWith('pageerror')), []);
});
