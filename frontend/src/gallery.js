// The gallery page: the visitor's creations. Anonymous visitors: the job ids this browser
// created (gallery-store.js), each fetched through the ApiClient (so with failover);
// expired ones (404) are dropped. Signed-in visitors also get their server-side history
// (user-jobs.js: GET /api/v1/user/jobs), merged with this browser's entries.
import { api, auth, wakeBackend, announce } from './site.js';
import { createGalleryStore, ERASED_KEY, HIDDEN_KEY } from './gallery-store.js';
import { fetchUserJobs } from './user-jobs.js';
import { watchJob } from './job-watcher.js';
import { createMedia, downloadName, isVideoJob, onDownloadClick, resultHref } from './media.js';
import { expiredCard } from './remake.js';
import { CANT_REACH, describeError, describeJob, formatAge, isTerminal, kindLabel, providerLabel } from './messages.js';

const $ = (id) => document.getElementById(id);
const CONCURRENCY = 4;

const store = createGalleryStore();
const LOCAL_LEDE = $('gallery-lede').textContent;
const ACCOUNT_LEDE = "Everything you've made with your account, on any device, and in this browser. Results are kept for up to a week — download the ones you love.";
/** id → { li, entry, job, watcher } */
const cards = new Map();
let toastTimer = null;
let lastRemoved = null;
let loading = null;

const ui = {
  grid: $('gallery-grid'),
  status: $('gallery-status'),
  empty: $('gallery-empty'),
  notice: $('gallery-notice'),
  noticeText: $('gallery-notice-text'),
  account: $('gallery-account'),
  lede: $('gallery-lede'),
  live: $('live'),
  toast: $('toast'),
  toastText: $('toast-text'),
};

// ——— loading ———

async function load() {
  for (const card of cards.values()) card.watcher?.stop();
  cards.clear();
  ui.grid.replaceChildren();
  ui.notice.hidden = true;
  ui.empty.hidden = true;
  ui.status.textContent = 'Loading your gallery…';

  await auth.ready;
  const entries = store.list();
  const erasure = store.erasure(); // an account deleted in this browser (signin.js)
  let remote = null;
  try {
    remote = await fetchUserJobs(api, { signedIn: !!auth.current() }); // null unless signed in
  } catch { /* the local gallery still works */ }
  ui.account.hidden = !!auth.current();
  ui.lede.textContent = remote ? ACCOUNT_LEDE : LOCAL_LEDE;
  if (remote) {
    // The server's copy is fresh: use it, and keep this browser's prompt when the server sends none (only the owner's history carries prompts).
    const hidden = store.hiddenIds(); // account creations removed from this browser's gallery
    for (const job of remote) {
      if (hidden.has(job.id)) continue;
      const local = entries.find((e) => e.id === job.id);
      if (local) Object.assign(local, { job, remote: true });
      else entries.push({ id: job.id, kind: job.kind, prompt: job.prompt ?? '', createdAt: job.created_at, job, remote: true });
    }
    entries.sort((a, b) => (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0));
  }

  if (!entries.length) {
    ui.status.textContent = erasureNews(erasure, 0);
    ui.empty.hidden = false;
    wakeBackend();
    return;
  }

  for (const entry of entries) addCard(entry);
  let expired = 0;
  let erased = 0;
  let unreachable = 0;
  let lastError = null;
  await mapLimit(entries, CONCURRENCY, async (entry) => {
    if (entry.job) return update(entry.id, entry.job);
    try {
      const { data } = await api.getJob(entry.id);
      update(entry.id, data);
    } catch (err) {
      if (err?.name === 'HttpError' && err.status === 404) {
        store.remove(entry.id);
        dropCard(entry.id);
        if (erasedWithAccount(entry, erasure)) erased += 1;
        else expired += 1;
        return;
      }
      unreachable += 1;
      lastError = err;
      showUnknown(entry.id, err);
    }
  });

  const shown = cards.size;
  const parts = [];
  parts.push(shown ? `${shown} creation${shown === 1 ? '' : 's'}` : '');
  parts.push(erasureNews(erasure, erased));
  if (expired) parts.push(`${expired} older creation${expired === 1 ? ' has' : 's have'} expired and ${expired === 1 ? 'was' : 'were'} removed`);
  ui.status.textContent = parts.filter(Boolean).join(' · ');
  if (!shown) ui.empty.hidden = false;
  if (unreachable && unreachable === shown) {
    const d = describeError(lastError);
    ui.noticeText.textContent = d?.kind === 'throttle' ? d.message : CANT_REACH;
    ui.notice.hidden = false;
  }
}

/**
 * A creation that is gone (404) was erased with the account deleted in this browser, not
 * expired: erasing takes a creation away at once, whatever its age. Entries made with that account
 * were already forgotten by signin.js (gallery-store forgetOwner); an entry saved by an older page
 * has no owner, so one made before the erasure and gone at the first look after it counts as
 * erased with it (one still there then was not erased: later it can only expire). Entries known
 * to be made signed out (owner null) were not touched by it.
 */
function erasedWithAccount(entry, erasure) {
  if (!erasure || erasure.told || entry.owner !== undefined) return false;
  const made = Date.parse(entry.createdAt ?? '');
  return Number.isFinite(made) && made <= erasure.at;
}

/** Said at the first look after an account was deleted here: "2 creations were erased with your deleted account". */
function erasureNews(erasure, erasedNow) {
  if (!erasure || erasure.told) return '';
  store.markErasureTold();
  const n = (erasure.forgotten ?? 0) + erasedNow;
  return n ? erasedSentence(n) : '';
}

function erasedSentence(n) {
  return `${n} creation${n === 1 ? ' was' : 's were'} erased with your deleted account`;
}

async function mapLimit(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// ——— cards ———

function addCard(entry) {
  const li = document.createElement('li');
  li.className = 'card';
  li.dataset.id = entry.id;
  li.dataset.status = 'loading';
  li.innerHTML = `
    <figure class="card-figure">
      <div class="card-media"><div class="card-placeholder"><div class="shimmer"></div><p class="card-state">Checking…</p></div></div>
      <figcaption class="card-caption">
        <p class="card-prompt"></p>
        <p class="card-meta"></p>
        <div class="card-actions"></div>
      </figcaption>
    </figure>`;
  li.querySelector('.card-prompt').textContent = entry.prompt ? `“${entry.prompt}”` : 'Untitled';
  li.querySelector('.card-meta').textContent = [kindLabel(entry.kind), formatAge(entry.createdAt)].filter(Boolean).join(' · ');
  ui.grid.append(li);
  cards.set(entry.id, { li, entry, job: null, watcher: null });
  renderActions(entry.id);
}

function update(id, job) {
  const card = cards.get(id);
  if (!card || !job) return;
  card.job = job;
  const { li, entry } = card;
  li.dataset.status = job.status;
  const kind = job.kind ?? entry.kind;
  const provider = job.status === 'succeeded' ? providerLabel(job.result?.provider ?? job.provider) : '';
  li.querySelector('.card-meta').textContent = [kindLabel(kind), formatAge(job.created_at ?? entry.createdAt), provider].filter(Boolean).join(' · ');
  const media = li.querySelector('.card-media');

  if (job.status === 'succeeded') {
    const href = resultHref(api, job);
    if (!href) return showState(li, "This one can't be shown", '');
    const noun = isVideoJob(job) ? 'video' : 'image';
    const el = createMedia(job, href, { alt: entry.prompt ? `AI-generated ${noun}: ${entry.prompt}` : `AI-generated ${noun}`, thumbnail: true });
    el.classList.add('card-thumb');
    el.addEventListener('error', () => recheck(id), { once: true });
    media.replaceChildren(el);
  } else if (job.status === 'expired') {
    // removed to make room: the prompt stays on the card, with a way to make it again
    const { headline, detail } = expiredCard({ kind, prompt: entry.prompt });
    showState(li, headline, detail);
  } else {
    const { headline, detail } = describeJob(job);
    showState(li, headline, detail);
    if (!isTerminal(job) && !card.watcher) {
      card.watcher = watchJob(api, job, {
        onUpdate: (next) => update(id, next),
        onGone: () => { store.remove(id); dropCard(id); },
      });
    }
  }
  if (isTerminal(job)) { card.watcher?.stop(); card.watcher = null; }
  renderActions(id);
}

function showState(li, headline, detail) {
  const media = li.querySelector('.card-media');
  let box = media.querySelector('.card-placeholder');
  if (!box) {
    box = document.createElement('div');
    box.className = 'card-placeholder';
    media.replaceChildren(box);
  }
  const active = ['queued', 'running', 'loading'].includes(li.dataset.status);
  box.innerHTML = `${active ? '<div class="shimmer"></div>' : ''}<p class="card-state"></p><p class="card-detail"></p>`;
  box.querySelector('.card-state').textContent = headline;
  box.querySelector('.card-detail').textContent = detail;
}

function showUnknown(id, err) {
  const card = cards.get(id);
  if (!card) return;
  card.li.dataset.status = 'unknown';
  const d = describeError(err);
  showState(card.li, "Couldn't check this one", d?.kind === 'throttle' ? d.message : 'Please try again in a moment.');
}

/** A result that fails to load: expired (404 → drop it) or a passing problem. */
async function recheck(id) {
  try {
    const { data } = await api.getJob(id);
    if (data?.status !== 'succeeded') return update(id, data);
    const card = cards.get(id);
    if (card) showState(card.li, "Couldn't load this one", 'Please try again in a moment.');
  } catch (err) {
    if (err?.name === 'HttpError' && err.status === 404) {
      const entry = cards.get(id)?.entry;
      store.remove(id);
      dropCard(id);
      announce(ui.live, entry && erasedWithAccount(entry, store.erasure())
        ? 'A creation was erased with your deleted account and was removed from your gallery.'
        : 'A creation has expired and was removed from your gallery.');
    } else {
      showUnknown(id, err);
    }
  }
}

function renderActions(id) {
  const card = cards.get(id);
  if (!card) return;
  const { li, entry, job } = card;
  const actions = li.querySelector('.card-actions');
  actions.replaceChildren();
  const label = entry.prompt ? `“${truncate(entry.prompt, 60)}”` : 'this creation';
  if (job?.status === 'succeeded') {
    const href = resultHref(api, job);
    if (href) {
      const open = document.createElement('a');
      open.className = 'btn-secondary small';
      open.href = href;
      open.target = '_blank';
      open.rel = 'noopener';
      open.textContent = 'Open';
      open.setAttribute('aria-label', `Open ${label} in a new tab`);
      const download = document.createElement('a');
      download.className = 'btn-secondary small';
      download.href = href;
      download.download = downloadName(job);
      download.textContent = 'Download';
      download.setAttribute('aria-label', `Download ${label}`);
      const problem = document.createElement('p');
      problem.className = 'download-error';
      problem.setAttribute('role', 'alert');
      problem.hidden = true;
      onDownloadClick(download, api, () => job, (message) => {
        problem.textContent = message;
        problem.hidden = !message;
      });
      actions.append(open, download, problem);
    }
  }
  if (job?.status === 'expired') {
    const { action } = expiredCard({ kind: job.kind ?? entry.kind, prompt: entry.prompt });
    const remake = document.createElement('a');
    remake.className = 'btn-secondary small';
    remake.href = action.href;
    remake.textContent = action.label;
    remake.setAttribute('aria-label', action.ariaLabel);
    actions.append(remake);
  }
  // Every card has Remove. An account creation lives on the server until it expires (there is no
  // endpoint deleting one job; erasing the whole account is DELETE /user/me): Remove hides it in
  // this browser (gallery-store hide), so it does not come back with the next GET /user/jobs.
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'btn-link card-remove';
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove ${label} from your gallery${entry.remote ? ' in this browser' : ''}`);
  remove.addEventListener('click', () => removeCard(id));
  actions.append(remove);
}

function removeCard(id) {
  const card = cards.get(id);
  if (!card) return;
  const siblings = [...ui.grid.children];
  const index = siblings.indexOf(card.li);
  const local = store.remove(id); // null for an account creation this browser did not make
  if (card.entry.remote) store.hide(id);
  card.watcher?.stop();
  card.watcher = null;
  card.li.remove();
  cards.delete(id);
  lastRemoved = { card, entry: card.entry, local, index };
  const what = card.entry.prompt ? `“${truncate(card.entry.prompt, 40)}”` : 'the creation';
  showToast(card.entry.remote
    ? `Removed ${what} from your gallery in this browser. Your account keeps it until it expires.`
    : `Removed ${what} from your gallery.`);
  // Keep keyboard users in place: the next card's Remove button, else the previous one, else the heading.
  const next = ui.grid.children[index] ?? ui.grid.children[index - 1];
  (next?.querySelector('.card-remove') ?? $('main')).focus();
  updateCount();
}

function undoRemove() {
  if (!lastRemoved) return;
  const { card, entry, local, index } = lastRemoved;
  lastRemoved = null;
  if (local) store.restore(local);
  if (entry.remote) store.unhide(entry.id);
  ui.grid.insertBefore(card.li, ui.grid.children[index] ?? null);
  cards.set(entry.id, card);
  if (card.job && !isTerminal(card.job)) update(entry.id, card.job);
  hideToast();
  card.li.querySelector('.card-remove')?.focus();
  announce(ui.live, 'Put back in your gallery.');
  updateCount();
}

function dropCard(id) {
  const card = cards.get(id);
  if (!card) return;
  card.watcher?.stop();
  card.li.remove();
  cards.delete(id);
}

function updateCount() {
  const n = cards.size;
  ui.status.textContent = n ? `${n} creation${n === 1 ? '' : 's'}` : '';
  ui.empty.hidden = n > 0;
}

function showToast(text) {
  clearTimeout(toastTimer);
  ui.toastText.textContent = text;
  ui.toast.hidden = false;
  announce(ui.live, `${text} Press Undo to put it back.`);
  toastTimer = setTimeout(hideToast, 10_000);
}

function hideToast() {
  clearTimeout(toastTimer);
  ui.toast.hidden = true;
}

function truncate(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

// ——— wiring ———

function reload() {
  loading ??= load().finally(() => { loading = null; });
}

$('toast-undo').addEventListener('click', undoRemove);
$('gallery-retry').addEventListener('click', reload);
// Another tab made or removed something: show the current list.
window.addEventListener('storage', (e) => {
  if (e.key === null || e.key === 'aiart.gallery' || e.key === ERASED_KEY || e.key === HIDDEN_KEY) reload();
});
// Signed in or out (here or in another tab): show that account's gallery.
auth.onChange(reload);

reload();
