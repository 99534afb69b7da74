// The generator page: form → POST /generate/{kind} → live job panel → result.
// Every job it creates is remembered in this browser's gallery (gallery-store.js).
import { api, auth, beacons, config, wakeBackend, announce as announceIn } from './site.js';
import { watchJob } from './job-watcher.js';
import { createGalleryStore } from './gallery-store.js';
import { createMedia, downloadName, isVideoJob, onDownloadClick, resultHref } from './media.js';
import { readRemake } from './remake.js';
import { FALLBACK, defaultAspectRatio, fieldSettings, randomSeed, readInputRules, readSeed } from './input-rules.js';
import {
  CANT_REACH, describeError, describeJob, formatDuration, formatMegabytes, isTerminal, offlineRendererOnly, progressPercent,
  providerLabel, queueHasRoom, RENDERER_NOTE, withUnit, refusalFrom, refusalNotice, restoreRefusal, DEFAULT_DONATION_LINK, SIGN_IN_LINK,
} from './messages.js';

const $ = (id) => document.getElementById(id);
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_IMAGE_SIDE = 4096;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const COOLDOWN_KEY = 'aiart.cooldown';
/** How often a full queue is asked about again: every check is a request the backend answers. */
const QUEUE_CHECK_MS = 10_000;

const PLACEHOLDERS = {
  'text-to-image': 'A lighthouse on a cliff at dusk, warm light in the windows, oil painting',
  'image-to-image': 'Turn it into a watercolor with soft pastel colours',
  'text-to-video': 'Waves rolling onto a black-sand beach at sunrise, slow drone shot',
  'image-to-video': 'Leaves drift in a gentle breeze (optional)',
};

const gallery = createGalleryStore();

const ui = {
  form: $('generator'),
  prompt: $('prompt'),
  promptLabel: $('prompt-label'),
  promptCount: $('prompt-count'),
  submit: $('submit'),
  submitText: $('submit-text'),
  formError: $('form-error'),
  notice: $('notice'),
  noticeMessage: $('notice-message'),
  noticeCountdown: $('notice-countdown'),
  noticeLinks: $('notice-links'),
  canvas: $('canvas'),
  live: $('live'),
  image: $('image'),
  dropzone: $('dropzone'),
  dropzoneEmpty: $('dropzone-empty'),
  preview: $('image-preview'),
  previewImg: $('image-preview-img'),
  imageName: $('image-name'),
};

const state = {
  kind: 'text-to-image',
  imageFile: null,
  previewUrl: null,
  submitting: false,
  job: null,
  prompt: '',
  watcher: null,
  jobStartedAt: 0,
  elapsedTimer: null,
  refusal: null, // the 429/503 being waited out: refusalFrom() in messages.js
  cooldownTimer: null,
  queueTimer: null,
  lastHeadline: '',
  downloadJob: null, // the job whose result the Download button saves
  rules: readInputRules(FALLBACK), // what the form may send: the backend's, once it answers (input-rules.js)
  ratioChosen: false, // the visitor picked an aspect ratio: switching kinds keeps it
};

// ——— form: modes, fields, image ———

function currentKind() {
  return ui.form.elements.kind.value;
}

function applyMode(kind) {
  state.kind = kind;
  for (const el of ui.form.querySelectorAll('[data-kinds]')) {
    const on = el.dataset.kinds.split(/\s+/).includes(kind);
    el.hidden = !on;
    for (const input of el.querySelectorAll('input, select, textarea')) input.disabled = !on;
  }
  const promptOptional = kind === 'image-to-video';
  ui.prompt.required = !promptOptional;
  ui.promptLabel.textContent = promptOptional ? 'Prompt (optional)' : 'Prompt';
  ui.prompt.placeholder = PLACEHOLDERS[kind];
  ui.submitText.textContent = kind.endsWith('video') ? 'Create video' : 'Create image';
  if (!state.ratioChosen) selectDefaultRatio();
  clearFormError();
}

/** The kind's own aspect ratio (square pictures, wide videos) until the visitor picks one. */
function selectDefaultRatio() {
  const ratio = defaultAspectRatio(state.rules, state.kind);
  if (ratio) ui.form.elements.aspect_ratio.value = ratio;
}

/**
 * The form follows the backend's rules (GET /api/v1/limits/input): lengths, ranges, slider defaults
 * and the two lists. What the visitor already set stays, within the new bounds.
 */
function applyInputRules(rules) {
  state.rules = rules;
  const f = ui.form.elements;
  const settings = fieldSettings(rules);
  ui.prompt.maxLength = settings.prompt.maxLength;
  f.negative_prompt.maxLength = settings.negativePrompt.maxLength;
  setRange(f.seed, settings.seed, false);
  setRange(f.strength, settings.strength, true);
  setRange(f.duration_seconds, settings.duration, true);
  setOptions(f.aspect_ratio, settings.aspectRatios);
  setOptions(f.style, settings.styles);
  if (!state.ratioChosen) selectDefaultRatio();
  updatePromptCount();
  showStrength();
  showDuration();
}

function setRange(input, { min, max, step, value }, slider) {
  Object.assign(input, { min: String(min), max: String(max), step: String(step) });
  if (slider && !input.dataset.touched) input.value = String(value);
}

/** Replaces a list's options, keeping the chosen one when it is still offered. */
function setOptions(select, options) {
  const chosen = select.value;
  select.replaceChildren(...options.map(({ value, label }) => new Option(label, value)));
  if (options.some((o) => o.value === chosen)) select.value = chosen;
}

function showStrength() {
  $('strength-out').textContent = Number(ui.form.elements.strength.value).toFixed(2);
}

function showDuration() {
  $('duration-out').textContent = withUnit(ui.form.elements.duration_seconds.value, 's');
}

function updatePromptCount() {
  ui.promptCount.textContent = `${ui.prompt.value.length} / ${ui.prompt.maxLength}`;
}

async function chooseImage(file) {
  clearFormError();
  if (!file) return;
  const problem = await checkImage(file);
  if (problem) {
    ui.image.value = '';
    showFormError(problem, ui.image);
    return;
  }
  state.imageFile = file;
  if (state.previewUrl) URL.revokeObjectURL(state.previewUrl);
  state.previewUrl = URL.createObjectURL(file);
  ui.previewImg.src = state.previewUrl;
  ui.imageName.textContent = file.name;
  ui.preview.hidden = false;
  ui.dropzoneEmpty.hidden = true;
}

function clearImage() {
  state.imageFile = null;
  ui.image.value = '';
  if (state.previewUrl) URL.revokeObjectURL(state.previewUrl);
  state.previewUrl = null;
  ui.previewImg.removeAttribute('src');
  ui.preview.hidden = true;
  ui.dropzoneEmpty.hidden = false;
  ui.image.focus();
}

async function checkImage(file) {
  if (!IMAGE_TYPES.includes(file.type)) return 'Please choose a PNG, JPEG or WebP image.';
  if (file.size > MAX_IMAGE_BYTES) return `That image is ${formatMegabytes(file.size)}; the limit is ${formatMegabytes(MAX_IMAGE_BYTES)}.`;
  try {
    const bitmap = await createImageBitmap(file);
    const { width, height } = bitmap;
    bitmap.close?.();
    if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
      return `That image is ${width}×${withUnit(height, 'px')}; please use one no larger than ${withUnit(MAX_IMAGE_SIDE, 'px')} on each side.`;
    }
  } catch {
    return "We couldn't read that image. Please try another PNG, JPEG or WebP file.";
  }
  return null;
}

/** The request body for the current mode, or { error, field }. */
function buildRequest(kind) {
  const f = ui.form.elements;
  const prompt = f.prompt.value.trim();
  if (!prompt && kind !== 'image-to-video') return { error: 'Please describe what you would like to see.', field: f.prompt };
  if (kind.startsWith('image-') && !state.imageFile) return { error: 'Please choose a picture to start from.', field: ui.image };

  switch (kind) {
    case 'text-to-image': {
      const body = { prompt, aspect_ratio: f.aspect_ratio.value };
      if (f.style.value) body.style = f.style.value;
      const negative = f.negative_prompt.value.trim();
      if (negative) body.negative_prompt = negative;
      const { seed, error } = readSeed(f.seed.value, state.rules);
      if (error) return { error, field: f.seed };
      if (seed != null) body.seed = seed;
      return { body };
    }
    case 'image-to-image':
      return { body: { image: state.imageFile, prompt, strength: Number(f.strength.value) } };
    case 'text-to-video':
      return { body: { prompt, aspect_ratio: f.aspect_ratio.value, duration_seconds: Number(f.duration_seconds.value) } };
    case 'image-to-video':
      return { body: prompt ? { image: state.imageFile, prompt } : { image: state.imageFile } };
    default:
      return { error: 'Please choose what to make.', field: f.kind[0] };
  }
}

function showFormError(message, field) {
  ui.formError.textContent = message;
  ui.formError.hidden = false;
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.focus({ preventScroll: false });
  }
}

function clearFormError() {
  ui.formError.hidden = true;
  ui.formError.textContent = '';
  for (const el of ui.form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

// ——— submit ———

async function onSubmit(event) {
  event.preventDefault();
  if (state.submitting || (state.job && !isTerminal(state.job)) || coolingDown()) return;
  clearFormError();
  hideNotice();
  const kind = currentKind();
  const request = buildRequest(kind);
  if (request.error) return showFormError(request.error, request.field);

  state.submitting = true;
  state.prompt = ui.form.elements.prompt.value.trim();
  updateSubmit();
  showSending(kind);
  try {
    const { data: job } = await api.generate(kind, request.body);
    // the account it was made with: erasing that account takes it out of this gallery (signin.js)
    gallery.add({ ...job, kind: job.kind ?? kind }, { prompt: state.prompt, owner: auth.current()?.uid ?? null });
    startJob(job);
  } catch (err) {
    showStage(state.job && isTerminal(state.job) && state.job.status === 'succeeded' ? 'result' : 'empty');
    handleError(err);
  } finally {
    state.submitting = false;
    updateSubmit();
  }
}

function updateSubmit() {
  const busy = state.submitting || (state.job && !isTerminal(state.job));
  ui.submit.disabled = busy || coolingDown();
  ui.submit.setAttribute('aria-busy', String(!!busy));
  ui.submit.classList.toggle('is-busy', !!busy);
}

function handleError(err) {
  const d = describeError(err);
  if (!d) return;
  const refusal = d.kind === 'throttle' ? refusalFrom(err) : null;
  if (refusal?.until) startRefusal(refusal);
  else showNotice(refusal?.message ?? d.message, { kind: d.kind }); // a refusal with no time to wait
  ui.submit.scrollIntoView({ block: 'nearest' }); // the notice sits just above the button
}

// ——— notices, and a refusal's wait ———

function showNotice(message, { kind = 'error' } = {}) {
  stopRefusal();
  ui.notice.dataset.kind = kind;
  ui.noticeMessage.textContent = message;
  ui.noticeMessage.hidden = false;
  ui.noticeLinks.hidden = true;
  ui.noticeCountdown.hidden = true;
  ui.notice.hidden = false;
}

function hideNotice() {
  if (coolingDown()) return;
  stopRefusal();
  ui.notice.hidden = true;
}

function coolingDown() {
  return !!state.refusal && !refusalNotice(state.refusal).over;
}

/** A refusal (refusalFrom / restoreRefusal): shown, counted down, and for a full queue re-checked. */
function startRefusal(refusal, { checkNow = false } = {}) {
  stopRefusal();
  state.refusal = refusal;
  saveRefusal();
  renderRefusal();
  if (refusal.kind === 'queue') scheduleQueueCheck(checkNow ? 0 : QUEUE_CHECK_MS);
}

function stopRefusal() {
  clearTimeout(state.cooldownTimer);
  clearTimeout(state.queueTimer);
  state.refusal = null;
}

function saveRefusal() {
  const r = state.refusal;
  try {
    if (r && r.until > Date.now() && !r.room) {
      localStorage.setItem(COOLDOWN_KEY, JSON.stringify({ kind: r.kind, message: r.message, pitch: r.pitch, donationLink: r.donationLink, until: r.until, baseline: r.baseline ?? null }));
    } else {
      localStorage.removeItem(COOLDOWN_KEY);
    }
  } catch { /* private mode: the wait still works for this page */ }
}

/** Draws the notice for now, and again every half second until the wait is over. */
function renderRefusal() {
  clearTimeout(state.cooldownTimer);
  const r = state.refusal;
  if (!r) return;
  const view = refusalNotice(r);
  // Only what changed is written: the notice is an alert region, and a rewritten node is read out again.
  const setText = (el, text) => { if (el.textContent !== text) el.textContent = text; };
  ui.notice.dataset.kind = view.over ? 'ready' : 'throttle';
  setText(ui.noticeMessage, view.message);
  ui.noticeMessage.hidden = false;
  setText(ui.noticeCountdown, view.countdown);
  ui.noticeCountdown.hidden = !view.countdown;
  const pitchKey = (view.pitch ?? []).map((part) => (typeof part === 'string' ? part : part.text)).join('') + r.donationLink;
  if (ui.noticeLinks.dataset.key !== pitchKey) {
    ui.noticeLinks.dataset.key = pitchKey;
    ui.noticeLinks.replaceChildren(...(view.pitch ?? []).map((part) => {
      if (typeof part === 'string') return part;
      const a = document.createElement('a');
      a.id = `notice-${part.link}`;
      a.href = part.link === 'signin' ? SIGN_IN_LINK : r.donationLink ?? DEFAULT_DONATION_LINK;
      a.textContent = part.text;
      return a;
    }));
  }
  ui.noticeLinks.hidden = !view.pitch;
  ui.notice.hidden = false;
  if (view.over) {
    clearTimeout(state.queueTimer);
    saveRefusal();
    announce(view.message);
  } else if (r.until) {
    state.cooldownTimer = setTimeout(renderRefusal, 500);
  }
  updateSubmit();
}

/**
 * A full queue is asked about again every QUEUE_CHECK_MS while the page is visible, through
 * GET /api/v1/health (answered from memory: no store command) and the ApiClient's failover:
 * Create comes back as soon as a request can be accepted, not after the server's whole estimate.
 */
function scheduleQueueCheck(delayMs) {
  clearTimeout(state.queueTimer);
  state.queueTimer = setTimeout(checkQueue, delayMs);
}

async function checkQueue() {
  const r = state.refusal;
  if (r?.kind !== 'queue' || !coolingDown()) return;
  if (document.hidden) return; // visibilitychange asks again when the visitor is back
  try {
    const { data } = await api.health({ budgetMs: 8000 });
    if (state.refusal !== r) return;
    if (queueHasRoom(data, r.baseline)) {
      r.room = true;
      renderRefusal();
      return;
    }
    if (r.baseline == null && Number.isFinite(data?.queue_length)) {
      r.baseline = data.queue_length;
      saveRefusal();
    }
  } catch { /* not reachable now: the next check, or the server's own estimate, ends the wait */ }
  if (state.refusal === r && coolingDown()) scheduleQueueCheck(QUEUE_CHECK_MS);
}

function restoreCooldown() {
  let saved = null;
  try { saved = JSON.parse(localStorage.getItem(COOLDOWN_KEY) || 'null'); } catch { /* unreadable storage */ }
  const refusal = restoreRefusal(saved);
  if (refusal) {
    startRefusal(refusal, { checkNow: true }); // a full queue may have room by now
  } else if (saved) {
    try { localStorage.removeItem(COOLDOWN_KEY); } catch { /* ignore */ }
  }
}

// ——— the stage: empty, job, result, outcome ———

function showStage(name) {
  ui.canvas.dataset.state = name;
  $('empty').hidden = name !== 'empty';
  $('job').hidden = name !== 'job';
  $('result').hidden = name !== 'result';
  $('outcome').hidden = name !== 'outcome';
}

function showSending(kind) {
  stopWatching();
  state.job = null;
  showStage('job');
  $('job-headline').textContent = 'Sending your request…';
  $('job-detail').textContent = kind.endsWith('video') ? 'Videos take a little longer than pictures.' : '';
  $('job-elapsed').textContent = '';
  $('job-trouble').hidden = true;
  setProgress(null);
  $('cancel').hidden = true;
  revealStage();
  announce('Sending your request.');
}

function startJob(job) {
  state.job = job;
  state.jobStartedAt = Date.now();
  state.lastHeadline = '';
  clearInterval(state.elapsedTimer);
  state.elapsedTimer = setInterval(renderElapsed, 1000);
  renderJob(job);
  if (!isTerminal(job)) {
    state.watcher = watchJob(api, job, {
      onUpdate: renderJob,
      onTrouble: (err) => {
        const el = $('job-trouble');
        if (!err) { el.hidden = true; return; }
        const d = describeError(err);
        el.textContent = d?.kind === 'offline' ? `${CANT_REACH} We'll keep checking.` : 'Checking on your creation is taking longer than usual…';
        el.hidden = false;
      },
      onGone: () => showOutcome("We lost track of this creation", 'It may have expired. Please try again.'),
    }, { pollIntervalMs: config.pollIntervalMs ?? 1000 });
  }
}

function stopWatching() {
  state.watcher?.stop();
  state.watcher = null;
  clearInterval(state.elapsedTimer);
}

function renderJob(job) {
  state.job = job;
  updateSubmit();
  if (job.status === 'succeeded') return showResult(job);
  const { headline, detail } = describeJob(job);
  if (job.status === 'failed' || job.status === 'canceled' || job.status === 'expired') return showOutcome(headline, detail);

  showStage('job');
  $('job-headline').textContent = headline;
  $('job-detail').textContent = detail;
  setProgress(job.status === 'running' ? progressPercent(job.progress) : null);
  const cancel = $('cancel');
  cancel.hidden = false;
  cancel.disabled = false;
  cancel.textContent = 'Cancel';
  if (headline !== state.lastHeadline) {
    state.lastHeadline = headline;
    announce(`${headline} ${detail}`);
  }
  renderElapsed();
}

function renderElapsed() {
  if (!state.job || isTerminal(state.job)) return;
  const seconds = Math.floor((Date.now() - state.jobStartedAt) / 1000);
  $('job-elapsed').textContent = seconds >= 2 ? `Elapsed ${formatDuration(seconds)}` : '';
}

function setProgress(pct) {
  const bar = $('progress');
  const indeterminate = $('progress-indeterminate');
  if (pct == null) {
    bar.hidden = true;
    indeterminate.hidden = false;
    return;
  }
  bar.hidden = false;
  indeterminate.hidden = true;
  const track = bar.querySelector('.progress-track');
  track.setAttribute('role', 'progressbar');
  track.setAttribute('aria-label', 'Progress');
  track.setAttribute('aria-valuemin', '0');
  track.setAttribute('aria-valuemax', '100');
  track.setAttribute('aria-valuenow', String(pct));
  $('progress-bar').style.width = `${pct}%`;
}

function showResult(job) {
  stopWatching();
  const href = resultHref(api, job);
  if (!href) return showOutcome("This one didn't work out", "The creation finished but we couldn't find it. Please try again.");
  const result = job.result ?? {};
  const isVideo = isVideoJob(job);
  const media = $('result-media');
  media.replaceChildren();
  const alt = state.prompt ? `AI-generated ${isVideo ? 'video' : 'image'}: ${state.prompt}` : `AI-generated ${isVideo ? 'video' : 'image'}`;
  const el = createMedia(job, href, { alt });
  el.addEventListener('error', () => showOutcome("We couldn't load your creation", 'It was made, but the download failed. Please try again in a moment.'), { once: true });
  media.append(el);

  $('result-prompt').textContent = state.prompt ? `“${state.prompt}”` : '';
  const provider = providerLabel(result.provider ?? job.provider);
  const size = result.width && result.height ? `${result.width} × ${result.height}` : '';
  const duration = Number.isFinite(result.duration_seconds) ? withUnit(result.duration_seconds, 's') : '';
  $('result-meta').textContent = [provider && provider[0].toUpperCase() + provider.slice(1), size, duration].filter(Boolean).join(' · ');

  const download = $('download');
  download.href = href; // kept for "open in new tab" and "save link as"; a click saves the file
  download.download = downloadName(job);
  state.downloadJob = job;
  $('download-error').hidden = true;
  showStage('result');
  revealStage();
  announce(`Your ${isVideo ? 'video' : 'picture'} is ready${provider ? `, ${provider}` : ''}.`);
}

function showOutcome(title, detail) {
  stopWatching();
  $('outcome-title').textContent = title;
  $('outcome-detail').textContent = detail;
  showStage('outcome');
  updateSubmit();
  announce(`${title}. ${detail}`);
}

async function onCancel() {
  const job = state.job;
  if (!job || isTerminal(job)) return;
  const button = $('cancel');
  button.disabled = true;
  button.textContent = 'Canceling…';
  try {
    const { data } = await api.cancelJob(job.id);
    state.watcher?.stop();
    renderJob(data && data.id ? data : { ...job, status: 'canceled' });
  } catch (err) {
    if (err?.name === 'HttpError' && err.status === 409) {
      // Already finished: show whatever it became.
      try { renderJob((await api.getJob(job.id)).data); } catch { /* the watcher will catch up */ }
      return;
    }
    button.disabled = false;
    button.textContent = 'Cancel';
    handleError(err);
  }
}

/** On narrow screens the stage sits below the form: bring it into view. */
function revealStage() {
  const rect = ui.canvas.getBoundingClientRect();
  if (rect.top > window.innerHeight * 0.6 || rect.bottom < 0) {
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    ui.canvas.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'start' });
  }
}

function announce(text) {
  announceIn(ui.live, text);
}

// ——— wiring ———

/** "Make it again" from the gallery: /?kind=…&prompt=… fills the form once, then the address is cleaned. */
function fillFromAddress() {
  const remake = readRemake(window.location.search, state.rules.prompt_max_length);
  if (!remake) return;
  if (remake.kind) {
    const radio = [...ui.form.elements.kind].find((r) => r.value === remake.kind);
    if (radio) radio.checked = true;
  }
  if (remake.prompt) ui.prompt.value = remake.prompt;
  window.history.replaceState(null, '', window.location.pathname);
  ui.prompt.focus();
}

function init() {
  // the create page's key clicks for the dashboard's funnel: create, download, sign-in and donate links
  beacons.trackClicks(document, { donateUrl: config.donateUrl });
  ui.form.addEventListener('change', (e) => {
    if (e.target.name === 'kind') applyMode(e.target.value);
    if (e.target.name === 'aspect_ratio') state.ratioChosen = true;
  });
  ui.form.addEventListener('submit', onSubmit);
  ui.prompt.addEventListener('input', () => { updatePromptCount(); if (!ui.formError.hidden) clearFormError(); });
  ui.prompt.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      ui.form.requestSubmit();
    }
  });
  $('strength').addEventListener('input', (e) => { e.target.dataset.touched = 'true'; showStrength(); });
  $('duration_seconds').addEventListener('input', (e) => { e.target.dataset.touched = 'true'; showDuration(); });
  $('seed-dice').addEventListener('click', () => {
    ui.form.elements.seed.value = String(randomSeed(state.rules, crypto.getRandomValues(new Uint32Array(1))[0]));
  });

  ui.image.addEventListener('change', () => chooseImage(ui.image.files?.[0]));
  $('image-clear').addEventListener('click', clearImage);
  for (const type of ['dragenter', 'dragover']) {
    ui.dropzone.addEventListener(type, (e) => { e.preventDefault(); ui.dropzone.classList.add('is-dragging'); });
  }
  for (const type of ['dragleave', 'drop']) {
    ui.dropzone.addEventListener(type, () => ui.dropzone.classList.remove('is-dragging'));
  }
  ui.dropzone.addEventListener('drop', (e) => {
    e.preventDefault();
    chooseImage(e.dataTransfer?.files?.[0]);
  });

  $('ideas').addEventListener('click', (e) => {
    const chip = e.target.closest('.chip');
    if (!chip) return;
    ui.prompt.value = chip.textContent.trim();
    updatePromptCount();
    ui.prompt.focus();
  });
  $('cancel').addEventListener('click', onCancel);
  onDownloadClick($('download'), api, () => state.downloadJob, (message) => {
    $('download-error').textContent = message;
    $('download-error').hidden = !message;
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && state.refusal?.kind === 'queue' && coolingDown()) scheduleQueueCheck(0);
  });
  const again = () => { ui.prompt.focus(); ui.prompt.select(); };
  $('again').addEventListener('click', again);
  $('outcome-again').addEventListener('click', again);

  applyInputRules(state.rules);
  fillFromAddress();
  applyMode(currentKind());
  updatePromptCount();
  showStage('empty');
  restoreCooldown();
  updateSubmit();

  showKeyHint();
  // Wake a sleeping free-tier backend while the visitor types; silent on failure
  // (the "can't reach" message only appears after a submit). Its answer also says whether only
  // the built-in renderer draws here: then the visitor learns what it can draw before writing.
  wakeBackend().then((r) => showRendererNote(r?.data));
  // the backend's rules for the form: the same for everyone, no store command, cached by the browser a while
  api.request('GET', '/limits/input', { budgetMs: 15000, cache: 'default', anonymous: true }).then(({ data }) => applyInputRules(readInputRules(data)), () => {
    /* not reachable now: the form keeps FALLBACK, and nothing can be created until a backend answers */
  });
}

/** The offline renderer's note (RENDERER_NOTE), shown only when the server has no upstream provider. */
function showRendererNote(health) {
  const note = $('renderer-note');
  if (!note) return;
  const show = offlineRendererOnly(health);
  if (show) note.textContent = RENDERER_NOTE;
  note.hidden = !show;
  // read with the prompt's own hint, so a screen-reader user hears it where they write
  const described = new Set((ui.prompt.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  if (show) described.add('renderer-note'); else described.delete('renderer-note');
  ui.prompt.setAttribute('aria-describedby', [...described].join(' '));
}

/**
 * The shortcut hint names the key the handler accepts on this machine: ⌘ on Apple systems (the
 * keydown handler takes Meta as well as Ctrl). CSS shows it only with a fine pointer and hover,
 * i.e. where there is a keyboard to press it on (styles.css, .fine-pointer-only).
 */
function showKeyHint() {
  const platform = navigator.userAgentData?.platform ?? navigator.platform ?? '';
  if (/mac|iphone|ipad/i.test(platform)) {
    const key = $('shortcut-key');
    key.textContent = '⌘';
    key.title = 'Command';
  }
}

init();
