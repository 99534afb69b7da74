// Reads window.AIART_CONFIG, set by /config.js (generated at serve/deploy time by
// scripts/config.mjs — never bundled, so one build serves every deployment).

const DEFAULTS = { primaryUrl: 'http://localhost:8081', fallbackUrl: 'http://localhost:8082' };
const NUMBERS = ['attemptTimeoutMs', 'readTimeoutMs', 'totalBudgetMs', 'cooldownMs', 'pollIntervalMs'];
const FIREBASE_KEYS = ['apiKey', 'authDomain', 'projectId', 'emulatorUrl'];

/**
 * The site's settings. Optional keys are present only when set:
 * timeouts (numbers), `donateUrl` (http(s) URL), `firebase` ({ apiKey, authDomain, projectId, emulatorUrl }).
 */
export function readRuntimeConfig(source = globalThis.window?.AIART_CONFIG) {
  if (!source) {
    console.warn('AiArt: /config.js did not load; using the local default backends.');
  }
  const c = source ?? {};
  const config = {
    primaryUrl: typeof c.primaryUrl === 'string' && c.primaryUrl ? c.primaryUrl : DEFAULTS.primaryUrl,
    fallbackUrl: typeof c.fallbackUrl === 'string' ? c.fallbackUrl : DEFAULTS.fallbackUrl,
  };
  for (const key of NUMBERS) {
    if (Number.isFinite(c[key]) && c[key] > 0) config[key] = c[key];
  }
  if (typeof c.donateUrl === 'string' && /^https?:\/\//i.test(c.donateUrl)) config.donateUrl = c.donateUrl;
  if (c.firebase && typeof c.firebase === 'object') {
    const firebase = {};
    for (const key of FIREBASE_KEYS) {
      if (typeof c.firebase[key] === 'string' && c.firebase[key]) firebase[key] = c.firebase[key];
    }
    if (Object.keys(firebase).length) config.firebase = firebase;
  }
  return config;
}
