// What the generator's form may send — prompt lengths, the seed's range, the strength, a video's
// length, aspect ratios, styles — as the backend applies them: GET /api/v1/limits/input (the
// backend's generation/SubmissionRules; docs/GENERATION.md, "Where the rules live"). The page holds
// no copy of its own: it starts from FALLBACK, so the form works while a sleeping backend wakes,
// and follows the backend's answer as soon as it comes. A limit is changed in the backend alone.
// Pure functions, unit-tested in test/input-rules.test.js.

/**
 * The backend's rules with its default settings, shown until it answers (or, when no backend
 * answers, while nothing can be created anyway). Not a rule of its own: the answer replaces it.
 */
export const FALLBACK = deepFreeze({
  prompt_max_length: 2000,
  negative_prompt_max_length: 2000,
  seed: { min: 0, max: 4294967294 },
  strength: { min: 0, max: 1, step: 0.05, default: 0.6 },
  duration_seconds: { min: 1, max: 8, default: 4 },
  aspect_ratios: ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21', '5:4', '4:5'],
  default_aspect_ratio: { 'text-to-image': '1:1', 'text-to-video': '16:9' },
  styles: ['photographic', 'digital-art', 'anime', 'watercolor', 'oil-painting', 'pixel-art', 'neon-punk', 'low-poly', 'line-art'],
});

/** Words shown beside a ratio in the form's list; a ratio without any is shown alone. */
const RATIO_WORDS = Object.freeze({
  '1:1': 'square', '16:9': 'wide', '9:16': 'tall', '4:3': 'classic', '3:4': 'portrait', '3:2': 'photo', '2:3': 'poster',
  '21:9': 'cinema', '9:21': 'tall banner', '5:4': 'print', '4:5': 'social',
});

const RATIO = /^\d{1,3}:\d{1,3}$/;
const STYLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * GET /api/v1/limits/input's answer as the form uses it: each part the backend gave in good shape,
 * FALLBACK's for any part missing or malformed (an older backend, a broken answer).
 */
export function readInputRules(answer) {
  const a = answer && typeof answer === 'object' ? answer : {};
  const whole = (n) => Number.isSafeInteger(n);
  const length = (n, fallback) => (whole(n) && n > 0 ? n : fallback);
  const range = (r, fallback, ok, withDefault) => (
    r && typeof r === 'object' && ok(r.min) && ok(r.max) && r.min <= r.max
      && (!withDefault || (ok(r.default) && r.default >= r.min && r.default <= r.max)) ? r : fallback);
  const list = (l, pattern, fallback) => (
    Array.isArray(l) && l.length > 0 && l.every((v) => typeof v === 'string' && pattern.test(v)) ? [...l] : fallback);

  const strength = range(a.strength, FALLBACK.strength, Number.isFinite, true);
  const ratios = list(a.aspect_ratios, RATIO, FALLBACK.aspect_ratios);
  const defaults = {};
  for (const kind of Object.keys(FALLBACK.default_aspect_ratio)) {
    const given = a.default_aspect_ratio?.[kind];
    defaults[kind] = ratios.includes(given) ? given : ratios.includes(FALLBACK.default_aspect_ratio[kind])
      ? FALLBACK.default_aspect_ratio[kind] : ratios[0];
  }
  return {
    prompt_max_length: length(a.prompt_max_length, FALLBACK.prompt_max_length),
    negative_prompt_max_length: length(a.negative_prompt_max_length, FALLBACK.negative_prompt_max_length),
    seed: pick(range(a.seed, FALLBACK.seed, whole, false), ['min', 'max']),
    strength: {
      ...pick(strength, ['min', 'max', 'default']),
      step: Number.isFinite(a.strength?.step) && a.strength.step > 0 ? a.strength.step : FALLBACK.strength.step,
    },
    duration_seconds: pick(range(a.duration_seconds, FALLBACK.duration_seconds, whole, true), ['min', 'max', 'default']),
    aspect_ratios: ratios,
    default_aspect_ratio: defaults,
    styles: list(a.styles, STYLE, FALLBACK.styles),
  };
}

/**
 * What the form's fields get from the rules: attributes, slider defaults and the options of the two
 * lists ({ value, label }; "Any style" first, sent as no style).
 */
export function fieldSettings(rules) {
  return {
    prompt: { maxLength: rules.prompt_max_length },
    negativePrompt: { maxLength: rules.negative_prompt_max_length },
    seed: { min: rules.seed.min, max: rules.seed.max, step: 1 },
    strength: { min: rules.strength.min, max: rules.strength.max, step: rules.strength.step, value: rules.strength.default },
    duration: { min: rules.duration_seconds.min, max: rules.duration_seconds.max, step: 1, value: rules.duration_seconds.default },
    aspectRatios: rules.aspect_ratios.map((value) => ({ value, label: RATIO_WORDS[value] ? `${value} · ${RATIO_WORDS[value]}` : value })),
    styles: [{ value: '', label: 'Any style' }, ...rules.styles.map((value) => ({ value, label: styleLabel(value) }))],
  };
}

/** The ratio a kind starts with (text-to-image, text-to-video), or null for a kind without a choice. */
export function defaultAspectRatio(rules, kind) {
  return rules.default_aspect_ratio[kind] ?? null;
}

/** "digital-art" → "Digital art". */
export function styleLabel(style) {
  const words = style.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The seed field's text: { seed } (null when empty: the backend draws one), or { error } in the backend's words. */
export function readSeed(text, rules) {
  const trimmed = String(text ?? '').trim();
  if (!trimmed) return { seed: null };
  const seed = Number(trimmed);
  if (!Number.isSafeInteger(seed) || seed < rules.seed.min || seed > rules.seed.max) {
    return { error: `The seed must be a whole number between ${rules.seed.min} and ${rules.seed.max}.` };
  }
  return { seed };
}

/** A random seed within the rules' range, from a random 32-bit number. */
export function randomSeed(rules, random32) {
  const span = rules.seed.max - rules.seed.min + 1;
  return rules.seed.min + (random32 % span);
}

function pick(object, keys) {
  return Object.fromEntries(keys.map((k) => [k, object[k]]));
}

function deepFreeze(object) {
  for (const value of Object.values(object)) if (value && typeof value === 'object') deepFreeze(value);
  return Object.freeze(object);
}
