// Reads window.AIART_CONFIG, set by /config.js (generated at serve/deploy time by
// scripts/config.mjs — never bundled, so one build serves every deployment).

const DEFAULTS = { primaryUrl: 'http://localhost:8081', fallbackUrl: 'http://localhost:8082' };
const NUMBERS = ['attemptTimeoutMs', 'totalBudgetMs', 'cooldownMs', 'pollIntervalMs'];

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
  return config;
}
