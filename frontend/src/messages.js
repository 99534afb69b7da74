// Visitor-facing wording: errors, job states, countdowns, providers.
// Pure functions (no DOM) so they are unit-tested in test/messages.test.js.
// Rule: a visitor never sees a raw error text, status line or stack trace.
import { tierLabel } from './tiers.js';

/** No-break space: a number and its unit stay on one line ("5 s", "10 MB", "40 %"). */
export const NBSP = '\u00a0';

export const CANT_REACH = "We can't reach AiArt right now. Please try again in a moment.";
export const GENERIC = 'Something went wrong on our side. Please try again in a moment.';
export const DEFAULT_DONATION_LINK = '/donate.html';
export const SIGN_IN_LINK = '/signin.html';

const BY_TYPE = {
  validation: 'Please check the form and try again.',
  unauthorized: 'Please sign in again to continue.',
  forbidden: "That isn't available for your account.",
  not_found: "We couldn't find that creation. It may have expired.",
  conflict: 'That creation has already finished.',
  payload_too_large: `That image is too large. Please use one under ${withUnit(10, 'MB')}.`,
  unsupported_media_type: 'Please upload a PNG, JPEG or WebP image.',
  rate_limited: "You're creating faster than your plan allows. Take a short breather.",
  blocked: "Too many requests came from here, so we've paused you for a while.",
  resource_limit: 'AiArt is very busy right now. Please try again shortly.',
  provider_unavailable: 'Our image generators are taking a break. Please try again shortly.',
  internal: GENERIC,
};

/** The fixed messages, for the tests that check their wording. */
export const BY_TYPE_FOR_TEST = Object.freeze({ ...BY_TYPE });

const BY_STATUS = { 400: 'validation', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict',
  413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited', 503: 'resource_limit' };

/** A server-written message if it looks like prose for people, else null. */
export function safeMessage(text) {
  if (typeof text !== 'string') return null;
  const t = text.trim();
  if (!t || t.length > 400) return null;
  if (/\n\s+at\s|Exception\b|Error:|\bnull\b|undefined|<\/?[a-z]/i.test(t)) return null;
  if (/^HTTP \d{3}$/.test(t)) return null;
  return t;
}

/**
 * What to show for an error thrown by the ApiClient (or anything else).
 * @returns {null | { kind: 'throttle'|'offline'|'error', message: string, retryAfter: number|null, donationLink: string|null }}
 *          null for a user abort (nothing to show).
 */
export function describeError(err) {
  if (!err || err.name === 'AbortError') return null;
  if (err.name === 'NetworkError' || err.name === 'TimeoutError') {
    return { kind: 'offline', message: CANT_REACH, retryAfter: null, donationLink: null };
  }
  if (err.name === 'HttpError' && Number.isInteger(err.status)) {
    const type = err.errorType ?? BY_STATUS[err.status] ?? null;
    const fallback = BY_TYPE[type] ?? (err.status >= 500 ? GENERIC : BY_TYPE.validation);
    const message = (err.status >= 500 && err.status !== 503 ? null : safeMessage(err.message)) ?? fallback;
    const throttled = err.status === 429 || err.status === 503;
    if (throttled) {
      return {
        kind: 'throttle',
        message,
        retryAfter: Number.isFinite(err.retryAfter) ? err.retryAfter : null,
        donationLink: safeLink(err.donationLink) ?? DEFAULT_DONATION_LINK,
      };
    }
    if (err.status >= 502) return { kind: 'offline', message: CANT_REACH, retryAfter: null, donationLink: null };
    return { kind: 'error', message, retryAfter: null, donationLink: null };
  }
  return { kind: 'error', message: GENERIC, retryAfter: null, donationLink: null };
}

/** Only same-site paths and http(s) URLs are used as links. */
export function safeLink(href) {
  if (typeof href !== 'string' || !href) return null;
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  return /^https?:\/\//i.test(href) ? href : null;
}

/** "Try again in 37 s" / "Try again in 2 min 5 s" / "Try again in 1 h 15 min". */
export function formatCountdown(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  if (s === 0) return 'You can try again now.';
  return `Try again in ${formatDuration(s)}`;
}

// ——— the refusal notice (429 rate_limited / blocked, 503 busy or queue full) ———
// One message, one live countdown, at most one pitch; once the wait is over, only that the
// visitor can create again. The server's message carries its own fixed "Try again in 20
// seconds, sign in for 5 a minute, or donate for 10" (docs/FAIR_USE.md): beside a live
// countdown and the page's pitch it said everything twice, so the page keeps what happened
// and says the rest once itself.

export const CAN_CREATE_AGAIN = 'You can create again now.';
export const QUEUE_FULL = "AiArt's queue is full right now: every place in line is taken, so a new creation can't join it yet.";
export const QUEUE_WAITING = "We're checking for a free place and will turn Create back on as soon as there is one.";
export const QUEUE_ROOM = "There's room in the queue again. You can create now.";

/** The server's message without the time to wait (the page counts it down live) or its pitch. */
export function withoutWait(message) {
  const t = String(message ?? '')
    // a busy answer's donation sentence: the page says it once itself, with the link
    .replace(/\s*AiArt runs on free servers:[^.]*\./gi, '')
    .replace(/[\s:;,]*\b(?:please\s+)?try again in\b[^.]*\.?/gi, '.')
    .replace(/ for \d+ (?:seconds?|minutes?|hours?)\b/gi, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^\s*\.\s*/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (!t) return '';
  return /[.!?)]$/.test(t) ? t : `${t}.`;
}

/**
 * A refusal to remember while it lasts (also across reloads, in localStorage), from an error the
 * ApiClient threw; null when the error is not a refusal. A 503 whose message says the queue is
 * full is `queue`: the problem has no error_type of its own for it (resource_limit, like any busy
 * answer), and JobService words it so.
 * @returns {null | { kind: 'rate'|'blocked'|'queue'|'busy', message: string,
 *                    pitch: null | { signIn: boolean, donate: boolean }, donationLink: string, until: number }}
 *          `until`: epoch ms when the server said to come back (0 when it did not say).
 */
export function refusalFrom(err, now = Date.now()) {
  const d = describeError(err);
  if (d?.kind !== 'throttle') return null;
  const raw = safeMessage(err?.message);
  const type = err?.errorType ?? null;
  const kind = type === 'blocked' ? 'blocked'
    : err?.status === 429 ? 'rate'
      : /\bqueue is full\b/i.test(raw ?? '') ? 'queue' : 'busy';
  const wait = Number.isFinite(d.retryAfter) && d.retryAfter > 0 ? d.retryAfter : null;
  return {
    kind,
    message: kind === 'queue' ? QUEUE_FULL : (withoutWait(d.message) || BY_TYPE[type] || BY_TYPE.resource_limit),
    pitch: kind === 'rate' ? pitchOffered(raw) : kind === 'blocked' ? null : BUSY_PITCH,
    donationLink: d.donationLink ?? DEFAULT_DONATION_LINK,
    // a full queue is re-checked while it lasts; without the server's estimate, a minute at most
    until: wait ? now + wait * 1000 : kind === 'queue' ? now + 60_000 : 0,
  };
}

/** What the server offered a refused visitor (it knows their tier): sign in, donate, or nothing. */
function pitchOffered(raw) {
  if (!raw) return { signIn: true, donate: true }; // no readable message: the usual offer
  const offer = { signIn: /\bsign in\b/i.test(raw), donate: /\bdonat/i.test(raw) };
  return offer.signIn || offer.donate ? offer : null;
}

/**
 * What the notice shows at `now`: one message, one countdown line, at most one pitch. Once the
 * wait is over (`until` passed, or a full queue found `room`) only that the visitor can create again.
 * @param {{ kind: string, message: string, pitch: object|null, until: number, room?: boolean }} refusal
 * @returns {{ over: boolean, message: string, countdown: string, pitch: null | Array<string | { link: 'signin'|'donate', text: string }> }}
 */
export function refusalNotice(refusal, now = Date.now()) {
  const left = Math.ceil(((refusal?.until ?? 0) - now) / 1000);
  if (refusal?.room || left <= 0) {
    return { over: true, message: refusal?.room ? QUEUE_ROOM : CAN_CREATE_AGAIN, countdown: '', pitch: null };
  }
  if (refusal.kind === 'queue') return { over: false, message: QUEUE_FULL, countdown: QUEUE_WAITING, pitch: pitchParts(refusal.pitch) };
  return { over: false, message: refusal.message, countdown: formatCountdown(left), pitch: pitchParts(refusal.pitch) };
}

/**
 * When AiArt itself is busy (a full queue, no free slot, the database away) more creations a
 * minute would not help: the pitch says what a donation does then (issue #17, docs/FAIR_USE.md).
 */
const BUSY_PITCH = Object.freeze({ signIn: false, donate: true, busy: true });

/** The pitch as text and links, or null: "Sign in for more creations a minute, or donate for the fastest lane." */
export function pitchParts(pitch) {
  if (!pitch?.signIn && !pitch?.donate) return null;
  if (pitch.busy) return [{ link: 'donate', text: 'Donate' }, ' to help AiArt pay for more room.'];
  if (pitch.signIn && pitch.donate) {
    return [{ link: 'signin', text: 'Sign in' }, ' for more creations a minute, or ', { link: 'donate', text: 'donate' }, ' for the fastest lane.'];
  }
  if (pitch.signIn) return [{ link: 'signin', text: 'Sign in' }, ' for more creations a minute.'];
  return [{ link: 'donate', text: 'Donate' }, ' for more creations a minute and the fastest lane.'];
}

/**
 * Whether a full queue has room again, from GET /api/v1/health: its length below `queue_max`;
 * from a backend that does not send `queue_max` yet, shorter than when it was first checked
 * (`baseline`) — a place was freed since the refusal.
 */
export function queueHasRoom(health, baseline = null) {
  const length = health?.queue_length;
  if (!Number.isFinite(length)) return false;
  if (Number.isFinite(health.queue_max)) return length < health.queue_max;
  return Number.isFinite(baseline) && length < baseline;
}

/** A refusal read back from storage (a reload), or null when it is unreadable or over. */
export function restoreRefusal(saved, now = Date.now()) {
  if (!saved || typeof saved !== 'object' || !(saved.until > now) || typeof saved.message !== 'string') return null;
  const kind = ['rate', 'blocked', 'queue', 'busy'].includes(saved.kind) ? saved.kind : 'rate';
  const message = kind === 'queue' ? QUEUE_FULL : (withoutWait(saved.message) || BY_TYPE.rate_limited);
  const pitch = kind === 'blocked' ? null : kind !== 'rate' ? BUSY_PITCH
    : saved.pitch && typeof saved.pitch === 'object' ? { signIn: !!saved.pitch.signIn, donate: !!saved.pitch.donate }
      : pitchOffered(safeMessage(saved.message)); // saved by an older page: the server's whole message
  return {
    kind, message, pitch, until: saved.until, baseline: Number.isFinite(saved.baseline) ? saved.baseline : null,
    donationLink: safeLink(saved.donationLink) ?? DEFAULT_DONATION_LINK,
  };
}

/**
 * "5 s", "10 MB", "4096 px", "40 %" with a no-break space between the number and the unit, so a
 * narrow screen never wraps between them. Every number-and-unit the site writes goes through here.
 */
export function withUnit(value, unit) {
  return `${value}${NBSP}${unit}`;
}

/** "37 s", "2 min 5 s", "1 h 15 min" (each number bound to its unit). */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return withUnit(s, 's');
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest ? `${withUnit(m, 'min')} ${withUnit(rest, 's')}` : withUnit(m, 'min');
  }
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return m ? `${withUnit(h, 'h')} ${withUnit(m, 'min')}` : withUnit(h, 'h');
}

/** "10 MB", "2.5 MB" for a size in bytes (one decimal below 10 MB). */
export function formatMegabytes(bytes) {
  const mb = bytes / 1048576;
  return withUnit(mb < 10 && !Number.isInteger(mb) ? mb.toFixed(1) : String(Math.round(mb)), 'MB');
}

// `expired`: it succeeded, and its result was later removed to make room for newer ones.
export const TERMINAL = Object.freeze(['succeeded', 'failed', 'canceled', 'expired']);
export const isTerminal = (job) => TERMINAL.includes(job?.status);

/** Progress as a percentage 0–100, or null. Fractions (≤ 1) are scaled; larger numbers are percents. */
export function progressPercent(progress) {
  if (typeof progress !== 'number' || !Number.isFinite(progress)) return null;
  const pct = progress <= 1 ? progress * 100 : progress;
  return Math.min(100, Math.max(0, Math.round(pct)));
}

function ordinalLine(position) {
  if (!Number.isInteger(position) || position < 1) return null;
  if (position === 1) return "You're next in line";
  return `You're number ${position} in line`;
}

/** Headline and detail for a job's status panel. */
export function describeJob(job, now = Date.now()) {
  const video = String(job?.kind ?? '').endsWith('video');
  const noun = video ? 'video' : 'picture';
  const eta = Number.isFinite(job?.eta_seconds) && job.eta_seconds > 0 ? `about ${formatDuration(job.eta_seconds)} to go` : null;
  switch (job?.status) {
    case 'queued': {
      // the deferred lane (docs/FAIR_USE.md, "Soft throttling"): over the allowance, accepted to start later
      const until = Date.parse(job.deferred_until ?? '');
      if (Number.isFinite(until) && until > now) {
        const wait = Math.max(1, Math.ceil((until - now) / 1000));
        return {
          headline: 'Saved for your next turn…',
          detail: [`You've used your creations for now, so this one starts in about ${formatDuration(wait)}, after the others waiting`, eta]
            .filter(Boolean).join(' · '),
        };
      }
      return { headline: 'Waiting for an easel…', detail: [ordinalLine(job.position), eta].filter(Boolean).join(' · ') || 'Your request is queued.' };
    }
    case 'running': {
      const pct = progressPercent(job.progress);
      return { headline: video ? 'Filming your video…' : 'Painting your picture…', detail: [pct != null ? `${withUnit(pct, '%')} done` : null, eta].filter(Boolean).join(' · ') || 'This usually takes a few seconds.' };
    }
    case 'succeeded':
      return { headline: `Your ${noun} is ready`, detail: '' };
    case 'failed':
      return {
        headline: "This one didn't work out",
        detail: safeMessage(job?.error?.message) ?? `The generator couldn't finish this ${noun}. Please try again, perhaps with different words.`,
      };
    case 'canceled':
      return { headline: 'Canceled', detail: 'Nothing was made. Your prompt is still there if you want another go.' };
    case 'expired':
      return { headline: 'Cleared to make room', detail: `This ${noun} was removed to make room for new creations. You can make it again from the same prompt.` };
    default:
      return { headline: 'Working…', detail: '' };
  }
}

const PROVIDERS = {
  local: 'made by the offline renderer',
  stability: 'made by Stability AI',
  dashscope: 'made by Alibaba Cloud', // Qwen-Image pictures, Wan pictures and videos
  gemini: 'made by Google Gemini',
};

/** "made by the offline renderer" for `local`, a readable name for the others. */
export function providerLabel(provider) {
  if (!provider || typeof provider !== 'string') return '';
  return PROVIDERS[provider.toLowerCase()] ?? `made by ${provider}`;
}

const KINDS = {
  'text-to-image': 'Text → Image',
  'image-to-image': 'Image → Image',
  'text-to-video': 'Text → Video',
  'image-to-video': 'Image → Video',
};

/** "Text → Image" for 'text-to-image'; '' for anything unknown. */
export function kindLabel(kind) {
  return KINDS[kind] ?? '';
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", else a date. */
export function formatAge(iso, now = Date.now()) {
  const t = Date.parse(iso ?? '');
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${withUnit(Math.floor(s / 60), 'min')} ago`;
  if (s < 86_400) return `${withUnit(Math.floor(s / 3600), 'h')} ago`;
  const days = Math.floor(s / 86_400);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${withUnit(days, 'days')} ago`;
  return new Date(t).toISOString().slice(0, 10);
}

/** "a member", "an admin": the tier's word (tiers.js) with its article. */
export function tierWithArticle(tier) {
  const word = tierLabel(tier);
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/**
 * What GET /api/v1/limits means for the visitor.
 * @returns {{ headline: string, detail: string }}
 */
export function describeLimits(limits) {
  if (!limits || typeof limits !== 'object') return { headline: "We couldn't check your limits right now.", detail: '' };
  const who = tierWithArticle(limits.tier ?? 'anonymous');
  const limit = Number.isFinite(limits.policy?.limit) ? limits.policy.limit : null;
  const windowS = Number.isFinite(limits.policy?.window_seconds) ? limits.policy.window_seconds : 60;
  const per = windowS === 60 ? 'a minute' : `every ${formatDuration(windowS)}`;
  const headline = limit != null
    ? `You're creating as ${who}: ${limit} creation${limit === 1 ? '' : 's'} ${per}.`
    : `You're creating as ${who}.`;
  const parts = [];
  if (Number.isFinite(limits.blocked_seconds) && limits.blocked_seconds > 0) {
    parts.push(`Paused for ${formatDuration(limits.blocked_seconds)} after too many requests`);
  } else {
    if (Number.isFinite(limits.tokens_left)) parts.push(`${limits.tokens_left} left right now`);
    if (Number.isFinite(limits.grace_left) && limits.grace_left > 0) parts.push(`plus ${limits.grace_left} welcome creation${limits.grace_left === 1 ? '' : 's'}`);
    if (limits.tokens_left === 0 && Number.isFinite(limits.next_refill_seconds) && limits.next_refill_seconds > 0) {
      parts.push(`the next one in ${formatDuration(limits.next_refill_seconds)}`);
    }
  }
  if (limits.reduced_for_load) parts.push('limits are halved while AiArt is very busy');
  return { headline, detail: parts.length ? parts.join(' · ') + '.' : '' };
}

/** What each signed-in tier gives, after its word: "member · 5 creations a minute". */
export const TIER_PERKS = Object.freeze({
  registered: '5 creations a minute, ahead of visitors in the queue',
  donor: '10 creations a minute, first in the queue',
  admin: '60 creations a minute, the dashboard',
});

/** The sign-in page's tier line: "member · 5 creations a minute, ahead of visitors in the queue". */
export function tierLine(tier) {
  if (tier === UNVERIFIED) return `${VISITOR} until your e-mail address is verified · then ${MEMBER}, ${MEMBER_PERKS}`;
  return [tierLabel(tier), TIER_PERKS[tier]].filter(Boolean).join(' · ');
}

/**
 * An account whose e-mail address is not verified: the backend gives it a visitor's allowance and
 * place in the queue (GET /auth/me says tier "anonymous"), shared with its connection.
 */
export const UNVERIFIED = 'unverified';
const VISITOR = tierLabel('anonymous');
const MEMBER = tierLabel('registered');
const MEMBER_PERKS = TIER_PERKS.registered;

/** The tier to word for GET /auth/me's answer: {@link UNVERIFIED} for an account held back until it verifies. */
export function accountTier(me) {
  return me?.tier === 'anonymous' && me?.email_verified === false ? UNVERIFIED : (me?.tier ?? null);
}

/**
 * The sign-in page's heading once signed in (signed out it is the page's own "Sign in for more"):
 * the account, its tier in the site's word and what it gives — never the pitch to sign in.
 * @param {string|null} tier  from GET /api/v1/auth/me; null while it is being checked
 * @returns {{ title: string, lede: string }}
 */
export function accountHeading(tier) {
  if (!tier) return { title: 'Your account', lede: "You're signed in. Checking what your account gives you…" };
  if (tier === UNVERIFIED) {
    return {
      title: 'Your account',
      lede: `Verify your e-mail address to become a ${MEMBER}: ${MEMBER_PERKS}. Until then your account gets a ${VISITOR}'s creations, shared with your internet connection.`,
    };
  }
  const perks = TIER_PERKS[tier];
  return {
    title: 'Your account',
    lede: perks ? `You're ${tierWithArticle(tier)}: ${perks}, and your gallery on every device.` : `You're ${tierWithArticle(tier)}.`,
  };
}

// ——— the offline renderer (item 8 of issue #15) ———

/**
 * Scenes the built-in renderer draws, in words a visitor would type: each is in its vocabulary
 * (renderer/src/main/resources/ai/aiart/renderer/tags.txt; test/wording.test.js checks).
 */
export const RENDERER_SCENES = Object.freeze(['mountains', 'beaches', 'forests', 'lakes', 'cities', 'deserts', 'volcanoes', 'night skies', 'galaxies']);

export const RENDERER_NOTE = `On this server pictures are drawn by AiArt's built-in renderer. It knows scenes — ${RENDERER_SCENES.slice(0, -1).join(', ')} and ${RENDERER_SCENES.at(-1)}, in any weather, light or style — not every object: “a blue kite” gives a sky and a beach, without the kite.`;

/**
 * Whether only the built-in renderer makes pictures, from GET /api/v1/health's `providers`
 * (name → up | down | open): true when every provider but `local` is `down` (not configured).
 * An upstream whose circuit is `open` is configured and comes back by itself, so it counts as one.
 * Unknown (no answer, no providers): false — the note is for what the server says, never a guess.
 */
export function offlineRendererOnly(health) {
  const providers = health?.providers;
  if (!providers || typeof providers !== 'object' || !('local' in providers)) return false;
  return Object.entries(providers).every(([name, state]) => name === 'local' || state === 'down');
}

// ——— the privacy and terms pages (item 9 of issue #15) ———

/** "7 days", "24 hours", "1 day", "90 min": how long something is kept, number bound to its unit. */
export function formatPeriod(seconds) {
  const s = Math.max(0, Math.round(Number(seconds)));
  const plural = (n, word) => withUnit(n, n === 1 ? word : `${word}s`);
  if (s >= 2 * 86_400 && s % 86_400 === 0) return plural(s / 86_400, 'day');
  if (s >= 3600 && s % 3600 === 0) return plural(s / 3600, 'hour');
  return formatDuration(s);
}

/** Keys of GET /api/v1/privacy's `retention` → the page's figures (data-figure="…"). */
export const RETENTION_FIGURES = Object.freeze({
  creations: 'creations_seconds',
  'request-log': 'request_log_seconds',
  'fair-use': 'fair_use_seconds',
});

/**
 * What the privacy and terms pages show from GET /api/v1/privacy: each retention figure worded
 * (formatPeriod) and the contact address — the backend's own settings, so the page cannot drift
 * from what it applies. Unreadable parts are left out (the page keeps its neutral wording).
 * @returns {{ figures: Record<string, string>, contactEmail: string|null }}
 */
export function privacyFigures(answer) {
  const figures = {};
  const retention = answer?.retention;
  for (const [figure, key] of Object.entries(RETENTION_FIGURES)) {
    const seconds = retention?.[key];
    if (Number.isFinite(seconds) && seconds > 0) figures[figure] = formatPeriod(seconds);
  }
  const email = typeof answer?.contact_email === 'string' ? answer.contact_email.trim() : '';
  return { figures, contactEmail: /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email) ? email : null };
}
