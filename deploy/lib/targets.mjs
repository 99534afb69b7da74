// Where AiArt runs, and what each place is given (docs/DEPLOY.md):
//   railway         the primary backend (Railway)
//   render-backend  the fallback backend (Render)          — or fly, the alternative host
//   render-site     the static site (Render static site)
//   fly             the fallback backend on Fly.io instead of Render
// Settings fixed in a platform file (render.yaml `value:`, fly.toml [env]) are not pushed:
// the file is their single source. deploy/test/deployment-files.test.mjs checks FILE_FIXED
// against the files.
import { LOCAL_ONLY_SITE_KEYS } from './site-keys.mjs';

/**
 * How each platform hands the backend its visitor's address (docs/DEPLOY.md, "Visitors'
 * addresses"; sources there): the header the backend takes it from (AIART_CLIENT_IP_HEADER),
 * and, as the fallback when that header is missing, how many X-Forwarded-For entries from the
 * right the platform's own proxies write (AIART_TRUSTED_PROXIES).
 *   railway  X-Real-IP (documented);       X-Forwarded-For: <client>, <Railway edge, varies per request>
 *   render   True-Client-IP (Cloudflare's; reported by third parties, Render documents none);
 *                                           X-Forwarded-For: <client>, <Cloudflare edge>, <Render 10.x>
 *   fly      Fly-Client-IP (documented);   X-Forwarded-For: <client>, <the app's shared or dedicated IP>
 * One hop (the rightmost entry) is a proxy's address on all three: every visitor would share it.
 */
export const CLIENT_ADDRESS = Object.freeze({
  railway: Object.freeze({ AIART_CLIENT_IP_HEADER: 'X-Real-IP', AIART_TRUSTED_PROXIES: '2' }),
  render: Object.freeze({ AIART_CLIENT_IP_HEADER: 'True-Client-IP', AIART_TRUSTED_PROXIES: '3' }),
  fly: Object.freeze({ AIART_CLIENT_IP_HEADER: 'Fly-Client-IP', AIART_TRUSTED_PROXIES: '2' }),
});

/** Values the platform files fix for a target (must match render.yaml and fly.toml). */
export const FILE_FIXED = Object.freeze({
  railway: {},
  'render-backend': { PORT: '8080', AIART_INSTANCE: 'fallback', ...CLIENT_ADDRESS.render, JAVA_OPTS_APPEND: '-XX:TieredStopAtLevel=1' },
  'render-site': { NODE_VERSION: '24' },
  fly: { PORT: '8080', AIART_INSTANCE: 'fallback', ...CLIENT_ADDRESS.fly, JAVA_OPTS_APPEND: '-XX:TieredStopAtLevel=1' },
});

export const TARGETS = Object.freeze({
  railway: {
    platform: 'railway', kind: 'backend', role: 'primary', title: 'primary backend on Railway',
    ids: ['RAILWAY_PROJECT_ID', 'RAILWAY_ENVIRONMENT_ID', 'RAILWAY_SERVICE_ID'],
    tokens: ['RAILWAY_TOKEN', 'RAILWAY_API_TOKEN'],
    // railway.toml cannot hold variables, so the tool sets these too
    defaults: { AIART_INSTANCE: 'primary', ...CLIENT_ADDRESS.railway },
    urlVar: 'AIART_PRIMARY_URL', peerVar: 'AIART_FALLBACK_URL',
  },
  'render-backend': {
    platform: 'render', kind: 'backend', role: 'fallback', title: 'fallback backend on Render',
    ids: ['RENDER_BACKEND_SERVICE_ID'], tokens: ['RENDER_API_KEY'], defaults: {},
    urlVar: 'AIART_FALLBACK_URL', peerVar: 'AIART_PRIMARY_URL',
  },
  'render-site': {
    platform: 'render', kind: 'site', role: 'site', title: 'static site on Render',
    ids: ['RENDER_SITE_SERVICE_ID'], tokens: ['RENDER_API_KEY'], defaults: {},
  },
  fly: {
    platform: 'fly', kind: 'backend', role: 'fallback', title: 'fallback backend on Fly.io',
    ids: ['FLY_APP'], tokens: ['FLY_API_TOKEN'], defaults: {},
    urlVar: 'AIART_FALLBACK_URL', peerVar: 'AIART_PRIMARY_URL',
  },
});

export const PLATFORM_TARGETS = Object.freeze({
  railway: ['railway'], render: ['render-backend', 'render-site'], fly: ['fly'],
});

/**
 * The targets to act on: those named (platforms or targets), else those whose ids are set,
 * else all of them (so `check` can say what is missing everywhere).
 */
export function selectTargets(env, names) {
  if (names && names.length) {
    const out = new Set();
    for (const n of names) {
      if (PLATFORM_TARGETS[n]) PLATFORM_TARGETS[n].forEach((t) => out.add(t));
      else if (TARGETS[n]) out.add(n);
      else throw new Error(`unknown platform "${n}" (railway, render, fly, or render-backend, render-site)`);
    }
    return [...out];
  }
  const configured = Object.keys(TARGETS).filter((t) => TARGETS[t].ids.some((id) => env[id]));
  return configured.length ? configured : Object.keys(TARGETS);
}

/** The token a target's platform API is called with: { name, value, header }. */
export function tokenFor(target, env) {
  const t = TARGETS[target];
  for (const name of t.tokens) {
    if (!env[name]) continue;
    if (name === 'RAILWAY_TOKEN') return { name, value: env[name], header: ['Project-Access-Token', env[name]] };
    return { name, value: env[name], header: ['Authorization', `Bearer ${env[name]}`] };
  }
  return null;
}

/**
 * What a target should have in its environment, computed from the settings:
 *   backend: every backend setting present (AIART_* / QUARKUS_* the backend reads), the
 *            target's defaults, AIART_PEERS_URLS = the other backend's URL (unless given);
 *   site:    the frontend's runtime config (AIART_PRIMARY_URL, AIART_FALLBACK_URL, the
 *            Firebase web settings, …), never the local Auth emulator's address.
 * Minus what the target's platform file fixes.
 * @param {Map<string,string>} backendNames env names the backend reads (config-keys.mjs)
 * @param {Record<string,string>} frontendKeys frontend/scripts/config.mjs ENV_KEYS
 */
export function desiredEnv(target, env, { backendNames, frontendKeys }) {
  const t = TARGETS[target];
  const out = {};
  if (t.kind === 'site') {
    for (const name of Object.keys(frontendKeys)) if (env[name] !== undefined && !LOCAL_ONLY_SITE_KEYS.has(name)) out[name] = env[name];
  } else {
    for (const [name, value] of Object.entries(env)) {
      if (backendNames.has(name) && !SET_BY_IMAGE.has(name)) out[name] = value;
    }
    for (const [name, value] of Object.entries(t.defaults)) if (out[name] === undefined) out[name] = value;
    if (out.AIART_PEERS_URLS === undefined && env[t.peerVar]) out.AIART_PEERS_URLS = env[t.peerVar].replace(/\/+$/, '');
  }
  for (const name of Object.keys(FILE_FIXED[target])) delete out[name];
  return out;
}

/** Set inside the image (entrypoint.sh from $PORT); a platform must not set them. */
export const SET_BY_IMAGE = new Set(['QUARKUS_HTTP_PORT']);

/** The public URL of a Fly app (FLY_URL overrides). */
export function flyUrl(env) {
  return (env.FLY_URL || (env.FLY_APP ? `https://${env.FLY_APP}.fly.dev` : '')).replace(/\/+$/, '');
}
