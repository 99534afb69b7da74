// End to end, c: a job accepted — and being painted — by the primary when it is killed (-9)
// is finished by the fallback, and the visitor's page (which follows the job over SSE on the
// primary, then polls through the ApiClient with failover) shows the finished picture.
//
// Backends run with AIART_LOCAL_DELAY=3s so a job is visibly running, and with a 3 s lease
// renewed every second and a reaper every second, so the dead worker's job is requeued in
// seconds rather than the default 30 s.
//
// To make sure it is the PRIMARY's worker that holds the job when the primary dies, the
// fallback is paused (SIGSTOP) from just before the submit until the job runs, so it cannot
// claim the job first (both backends' workers take jobs from the shared queue); it is resumed
// right after the kill. Nothing else about the fallback changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, waitFor, isAlive, useSiteAndBrowser } from './harness.js';

let site;
let page;
let pageErrors;

useSiteAndBrowser({
  name: 'takeover',
  env: { AIART_LOCAL_DELAY: '3s', AIART_QUEUE_LEASE: '3s', AIART_QUEUE_RENEW_EVERY: '1s', AIART_QUEUE_REAP_EVERY: '1s' },
}, { ready: (e2e) => ({ site, page, pageErrors } = e2e) });

test('c: a job the primary was running when it died is finished by the fallback and shown', { timeout: 120_000 }, async () => {
  await page.goto(site.siteUrl + '/');
  await page.waitForSelector('#backend[data-state="primary"]', { timeout: 20_000 });

  site.signal('fallback', 'SIGSTOP');
  const prompt = 'A fox reading by candlelight, storybook illustration';
  await page.fill('#prompt', prompt);
  await page.click('#submit');
  // The primary's worker has it: the page shows it being painted.
  await page.waitForFunction(() => document.getElementById('job-headline')?.textContent === 'Painting your picture…', null, { timeout: 20_000 });
  const id = await page.evaluate(() => JSON.parse(localStorage.getItem('aiart.gallery') || '[]')[0]?.id);
  assert.ok(id, 'the job is in the gallery');
  await screenshot(page, 'c1-running-on-primary');

  const killedAt = Date.now();
  const pid = site.signal('primary', 'SIGKILL');
  await waitFor(() => !isAlive(pid), { what: 'the primary to die' });
  site.signal('fallback', 'SIGCONT');

  await page.waitForFunction(() => {
    const img = document.querySelector('#result:not([hidden]) #result-media img');
    return img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 60_000 });
  const tookMs = Date.now() - killedAt;

  for (const sel of ['#notice', '#form-error', '#outcome']) {
    assert.equal(await page.locator(sel).isVisible(), false, `${sel} must not be shown`);
  }
  assert.equal(await page.locator('#result-prompt').textContent(), `“${prompt}”`);
  assert.equal(await page.locator('#backend').getAttribute('data-state'), 'fallback');
  const src = await page.locator('#result-media img').getAttribute('src');
  assert.ok(src.startsWith(site.fallbackUrl), `the picture comes from the fallback: ${src}`);

  // The fallback's reaper requeued the job the dead primary's worker held, then finished it.
  const log = site.log('fallback');
  assert.match(log, new RegExp(`Job ${id}: worker primary-\\S+ stopped renewing its lease; queued again`));
  await screenshot(page, 'c2-finished-by-fallback');
  console.error(`[e2e] takeover: picture shown ${tookMs} ms after the primary was killed`);
  assert.deepEqual(pageErrors.filter((e) => e.startsWith('pageerror')), []);
});
