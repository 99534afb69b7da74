// `check`: which settings each target needs, and which are missing or malformed — before
// anything is sent anywhere. Findings name variables, never show secret values.
import { TARGETS, FILE_FIXED, tokenFor, SET_BY_IMAGE } from './targets.mjs';
import { isSecretName } from './env.mjs';
import { FIREBASE_SITE_KEYS, LOCAL_ONLY_SITE_KEYS } from './site-keys.mjs';

const DEV_IP_HASH_KEY = 'aiart-development-key-change-me';
const MIN_IP_HASH_KEY = 32;
// the key of the dev and test profiles' data key ring (application.properties), which anybody can read
const DEV_DATA_KEY = 'YWlhcnQtZGV2ZWxvcG1lbnQtZGF0YS1rZXktMzJieXQ=';
const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0)$/i;
const PLATFORM_NAMES = { railway: 'Railway', render: 'Render', fly: 'Fly.io' };
const PROVIDER_KEYS = ['AIART_PROVIDERS_STABILITY_API_KEY', 'AIART_PROVIDERS_DASHSCOPE_API_KEY', 'AIART_PROVIDERS_GEMINI_API_KEY'];

/** @typedef {{ level: 'ok'|'warn'|'error', name: string, message: string }} Finding */

export function checkMongo(value) {
  const m = value.match(/^(mongodb(?:\+srv)?):\/\/(?:([^@/?]*)@)?([^/?]+)(\/[^?]*)?(\?.*)?$/);
  if (!m) {
    if (!/^mongodb(\+srv)?:\/\//.test(value)) return ['error', 'must start with mongodb+srv:// (Atlas) or mongodb://'];
    return ['error', 'is not a MongoDB connection string (mongodb+srv://user:password@host/?options)'];
  }
  const [, scheme, userinfo, hosts] = m;
  if (/<[^>]*>/.test(value)) return ['error', 'still contains a placeholder such as <db_password>: put the real password in'];
  if (value.slice(value.indexOf('://') + 3).split('/')[0].split('@').length > 2) {
    return ['error', 'has an unescaped @ in the user name or password: write it as %40'];
  }
  const hostList = hosts.split(',').map((h) => h.replace(/:\d+$/, ''));
  if (hostList.some((h) => LOCAL_HOSTS.test(h))) return ['error', `points at ${hostList[0]}, which a hosted backend cannot reach: use the Atlas connection string`];
  if (scheme === 'mongodb+srv' && /:\d+$/.test(hosts)) return ['error', 'mongodb+srv:// takes a host name without a port'];
  if (scheme === 'mongodb+srv' && hostList.length > 1) return ['error', 'mongodb+srv:// takes one host name'];
  if (!userinfo) return ['warn', `has no user name and password (Atlas needs them)`];
  return ['ok', `${scheme}:// to ${hostList.join(',')}, with credentials`];
}

export function checkHttpUrl(value, { what = 'URL' } = {}) {
  let url;
  try { url = new URL(value); } catch { return ['error', `is not an absolute URL (https://…)`]; }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return ['error', `must be an https:// ${what}`];
  if (url.username || url.password) return ['error', 'must not contain a user name or password'];
  if (url.protocol === 'http:' && !LOCAL_HOSTS.test(url.hostname)) return ['error', `must use https:// (browsers block an http:// ${what} from an https:// site)`];
  if (url.protocol === 'http:') return ['warn', `is http://${url.host}: only for trying things on this machine`];
  return ['ok', value];
}

export function checkBackendUrl(value) {
  const [level, message] = checkHttpUrl(value, { what: 'backend URL' });
  if (level === 'error') return [level, message];
  const url = new URL(value);
  if (/\/api\/v1\/?$/.test(url.pathname)) return ['error', 'must be the base URL, without /api/v1'];
  if (url.pathname !== '/' || url.search || url.hash) return ['error', 'must be the base URL only (scheme and host), without a path'];
  if (value.endsWith('/')) return ['warn', 'ends with /: it will be used without it'];
  return [level, message];
}

export function checkOrigins(value) {
  const origins = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (origins.length === 0) return ['error', 'is empty'];
  let level = 'ok';
  const notes = [];
  for (const origin of origins) {
    if (origin === '*') return ['error', '"*" would let any site use the API with visitors\' credentials: list the site\'s origin'];
    let url;
    try { url = new URL(origin); } catch { return ['error', `"${origin}" is not an origin such as https://aiart-site.onrender.com`]; }
    if (origin.endsWith('/')) return ['error', `"${origin}" ends with /: an origin has no path (browsers send it without)`];
    if (url.pathname !== '/' || url.search || url.hash) return ['error', `"${origin}" has a path: an origin is scheme://host[:port] only`];
    if (url.protocol === 'http:' && !LOCAL_HOSTS.test(url.hostname)) return ['error', `"${origin}" must be https://`];
    if (url.protocol === 'http:') { level = 'warn'; notes.push(`${origin} is local only`); }
  }
  return [level, `${origins.length} origin${origins.length > 1 ? 's' : ''}: ${origins.join(', ')}${notes.length ? ` (${notes.join('; ')})` : ''}`];
}

function checkIpHashKey(value) {
  if (value === DEV_IP_HASH_KEY) return ['error', 'is the development key from application.properties: make a new one (openssl rand -hex 32)'];
  if (value.length < MIN_IP_HASH_KEY) return ['error', `is ${value.length} characters: use at least ${MIN_IP_HASH_KEY} (openssl rand -hex 32)`];
  if (new Set(value).size < 8) return ['error', 'has almost no variety: make a random one (openssl rand -hex 32)'];
  return ['ok', `set (${value.length} characters); the same on every backend, as it must be`];
}

/** The data key ring as privacy/DataCipher reads it: id:base64key, comma separated, 32-byte keys, the first encrypting. */
function checkDataKey(value) {
  const entries = value.split(',').map((e) => e.trim());
  const ids = new Set();
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    if (colon < 0) return ['error', 'each key is written id:base64key, e.g. k1:$(openssl rand -base64 32)'];
    const id = entry.slice(0, colon);
    const key = entry.slice(colon + 1).trim();
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) return ['error', `key id "${id}" must be 1 to 16 letters, digits, - or _`];
    if (ids.has(id)) return ['error', `key id ${id} is given twice`];
    ids.add(id);
    if (key === DEV_DATA_KEY) return ['error', `key ${id} is the development key from application.properties: make a new one (openssl rand -base64 32)`];
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(key) || Buffer.from(key.replace(/-/g, '+').replace(/_/g, '/'), 'base64').length !== 32) {
      return ['error', `key ${id} is not 32 bytes in Base64 (openssl rand -base64 32)`];
    }
  }
  const first = [...ids][0];
  return ['ok', `set (${ids.size} key${ids.size > 1 ? 's' : ''}, ${first} encrypts); the same on every backend, as it must be`];
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

function checkAdminEmails(value) {
  const emails = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (emails.length === 0) return ['warn', 'is empty: only accounts with the admin custom claim can open the dashboard'];
  const bad = emails.filter((e) => !EMAIL.test(e));
  if (bad.length) return ['error', `"${bad[0]}" is not an e-mail address (comma separated list)`];
  return ['ok', `${emails.length} admin${emails.length > 1 ? 's' : ''}: ${emails.join(', ')} (each must sign in with a verified e-mail)`];
}

function checkSecretWord(value, { min, what }) {
  if (/\s/.test(value)) return ['error', 'contains white space (a stray space or line break from copying?)'];
  if (value.length < min) return ['error', `is ${value.length} characters: ${what}`];
  return ['ok', `set (${value.length} characters)`];
}

/** The Firebase project the backends accept tokens of: a real one, the same as the site's. */
function checkAuthProject(env) {
  return (value) => {
    if (/^demo-/.test(value)) return ['error', `is ${value}, a project that exists only in the Auth emulator: use your Firebase project id`];
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(value)) return ['error', 'is not a Firebase project id (Firebase console → Project settings → Project ID)'];
    if (env.AIART_FIREBASE_PROJECT_ID && env.AIART_FIREBASE_PROJECT_ID !== value) {
      return ['error', `is ${value} but the site signs in with AIART_FIREBASE_PROJECT_ID=${env.AIART_FIREBASE_PROJECT_ID}: every sign-in would be refused`];
    }
    return ['ok', value];
  };
}

/** Sign-in on a backend: the project id, never the emulator, the admins, donations and the internal key. */
function checkBackendIdentity(env, add, need) {
  for (const name of ['AIART_AUTH_EMULATOR_HOST', 'FIREBASE_AUTH_EMULATOR_HOST']) {
    if (env[name] !== undefined) add('error', name, 'is the local Auth emulator: with it anyone can forge a sign-in (the backend refuses to start in production). Remove it');
  }
  if (env.AIART_AUTH_ALLOW_EMULATOR_IN_PROD !== undefined && env.AIART_AUTH_ALLOW_EMULATOR_IN_PROD !== 'false') {
    add('error', 'AIART_AUTH_ALLOW_EMULATOR_IN_PROD', 'lets anyone sign in as anyone (admin included): only for a throw-away demo. Remove it');
  }
  if (env.AIART_AUTH_PROJECT_ID !== undefined || env.AIART_FIREBASE_PROJECT_ID !== undefined) need('AIART_AUTH_PROJECT_ID', checkAuthProject(env));
  else add('warn', 'AIART_AUTH_PROJECT_ID', 'not set: sign-in is off (every visitor is anonymous, nobody can open the dashboard)');
  if (env.AIART_AUTH_ADMIN_EMAILS !== undefined) need('AIART_AUTH_ADMIN_EMAILS', checkAdminEmails);
  else if (env.AIART_AUTH_PROJECT_ID !== undefined) add('warn', 'AIART_AUTH_ADMIN_EMAILS', 'not set: only accounts with the admin custom claim can open the dashboard');
  if (env.AIART_DONATIONS_VERIFICATION_TOKEN !== undefined) need('AIART_DONATIONS_VERIFICATION_TOKEN', (v) => checkSecretWord(v, { min: 8, what: 'copy the whole Ko-fi verification token' }));
  else add('warn', 'AIART_DONATIONS_VERIFICATION_TOKEN', 'not set: the Ko-fi webhook is off, donations do not raise limits');
  if (env.AIART_INTERNAL_API_KEY !== undefined) need('AIART_INTERNAL_API_KEY', (v) => checkSecretWord(v, { min: 32, what: 'use at least 32 (openssl rand -hex 32), the same on both backends' }));
}

/** Sign-in on the site: the three Firebase web settings together, never the emulator. */
function checkSiteIdentity(env, add, need) {
  for (const name of LOCAL_ONLY_SITE_KEYS) {
    if (env[name] !== undefined) add('error', name, 'points the site at the local Auth emulator: remove it for a deployed site (it is never pushed)');
  }
  const set = FIREBASE_SITE_KEYS.filter((k) => env[k] !== undefined);
  if (set.length === 0) { add('warn', 'AIART_FIREBASE_*', 'not set: the sign-in page says sign-in is not configured'); return; }
  need('AIART_FIREBASE_API_KEY', (v) => (/^AIza[\w-]{30,}$/.test(v) ? ['ok', `set (${v.length} characters)`] : ['error', 'is not a Firebase web API key (AIza…, Firebase console → Project settings → Your apps)']));
  need('AIART_FIREBASE_AUTH_DOMAIN', (v) => (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(v) ? ['ok', v] : ['error', 'must be a host name such as <project>.firebaseapp.com (no https://, no path)']));
  need('AIART_FIREBASE_PROJECT_ID', (v) => (/^demo-/.test(v) ? ['error', `is ${v}, an emulator-only project`] : ['ok', v]));
}

function checkTrustedProxies(value) {
  if (!/^\d+$/.test(value) || Number(value) > 10) return ['error', 'must be a whole number of proxies (1 on Render, Railway and Fly)'];
  if (value === '0') return ['warn', 'is 0: behind the platform\'s proxy every visitor would share one address and one rate limit'];
  return ['ok', value];
}

function checkPositiveMs(value) {
  return Number.isFinite(Number(value)) && Number(value) > 0 ? ['ok', value] : ['error', 'must be a positive number of milliseconds'];
}

const ID_FORMATS = {
  RAILWAY_PROJECT_ID: [/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID (Railway: project Settings → Project ID)'],
  RAILWAY_ENVIRONMENT_ID: [/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID (Railway: Settings → Environments, or the URL after /environment/)'],
  RAILWAY_SERVICE_ID: [/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID (Railway: the URL after /service/)'],
  RENDER_BACKEND_SERVICE_ID: [/^srv-[a-z0-9]+$/, 'srv-… (Render: the service page URL)'],
  RENDER_SITE_SERVICE_ID: [/^srv-[a-z0-9]+$/, 'srv-… (Render: the static site page URL)'],
  FLY_APP: [/^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/, 'a Fly app name (lower case letters, digits, -)'],
};

const WHAT = {
  QUARKUS_MONGODB_CONNECTION_STRING: 'the MongoDB connection string (Atlas: Connect → Drivers)',
  AIART_IP_HASH_KEY: 'the key client IPs are hashed with (openssl rand -hex 32), identical on both backends',
  AIART_DATA_KEY: 'the key e-mails and prompts are encrypted with: k1:$(openssl rand -base64 32), identical on both backends',
  AIART_CORS_ORIGINS: 'the static site\'s origin, e.g. https://aiart-site.onrender.com',
  AIART_PRIMARY_URL: 'the primary backend\'s public URL (Railway)',
  AIART_FALLBACK_URL: 'the fallback backend\'s public URL (Render or Fly)',
};

/**
 * Checks the settings for the given targets.
 * @returns {{ byTarget: Map<string, Finding[]>, general: Finding[] }}
 */
export function check(env, targets, { backendNames, frontendKeys, fromFile = new Set(Object.keys(env)) }) {
  const byTarget = new Map();
  for (const target of targets) {
    const t = TARGETS[target];
    const findings = [];
    const add = (level, name, message) => findings.push({ level, name, message });
    const need = (name, validate) => {
      const value = env[name];
      if (value === undefined) return add('error', name, `missing: ${WHAT[name] ?? 'required'}`);
      const [level, message] = validate(value);
      add(level, name, message);
    };

    for (const id of t.ids) {
      if (!env[id]) add('error', id, `missing: ${ID_FORMATS[id][1]}`);
      else add(ID_FORMATS[id][0].test(env[id]) ? 'ok' : 'error', id, ID_FORMATS[id][0].test(env[id]) ? env[id] : `must be ${ID_FORMATS[id][1]}`);
    }
    const token = tokenFor(target, env);
    if (!token) add('error', t.tokens.join(' or '), `missing: the ${PLATFORM_NAMES[t.platform]} API token (needed by sync, deploy, rollback)`);
    else add('ok', token.name, `set${token.name === 'RAILWAY_TOKEN' ? ' (a project token)' : token.name === 'RAILWAY_API_TOKEN' ? ' (an account or workspace token)' : ''}`);

    if (t.kind === 'site') {
      need('AIART_PRIMARY_URL', checkBackendUrl);
      need('AIART_FALLBACK_URL', checkBackendUrl);
      for (const name of Object.keys(frontendKeys)) {
        if (/_MS$/.test(name) && env[name] !== undefined) need(name, checkPositiveMs);
      }
      checkSiteIdentity(env, add, need);
    } else {
      need('QUARKUS_MONGODB_CONNECTION_STRING', checkMongo);
      need('AIART_IP_HASH_KEY', checkIpHashKey);
      need('AIART_DATA_KEY', checkDataKey);
      need('AIART_CORS_ORIGINS', checkOrigins);
      need(t.urlVar, checkBackendUrl);
      if (env.AIART_PEERS_URLS === undefined) need(t.peerVar, checkBackendUrl);
      else {
        for (const u of env.AIART_PEERS_URLS.split(',')) {
          const [level, message] = checkBackendUrl(u.trim());
          add(level, 'AIART_PEERS_URLS', level === 'ok' ? `set explicitly: ${env.AIART_PEERS_URLS}` : `"${u.trim()}" ${message}`);
        }
      }
      if (env.AIART_TRUSTED_PROXIES !== undefined) need('AIART_TRUSTED_PROXIES', checkTrustedProxies);
      if (env.AIART_ALERTS_WEBHOOK_URL !== undefined) need('AIART_ALERTS_WEBHOOK_URL', (v) => checkHttpUrl(v, { what: 'webhook URL' }));
      const providers = PROVIDER_KEYS.filter((k) => env[k] !== undefined);
      if (providers.length === 0) add('warn', 'AIART_PROVIDERS_*_API_KEY', 'none set: only the offline renderer will make pictures and videos');
      for (const k of providers) {
        if (/\s/.test(env[k])) add('error', k, 'contains white space (a stray space or line break from copying?)');
        else if (k.includes('STABILITY') && !env[k].startsWith('sk-')) add('warn', k, 'Stability keys usually start with sk-');
        else add('ok', k, `set (${env[k].length} characters)`);
      }
      checkBackendIdentity(env, add, need);
      if (env.AIART_TESTING_CLOCK_OFFSET !== undefined) add('error', 'AIART_TESTING_CLOCK_OFFSET', 'skews the backend\'s clock on purpose (for the fault tests only): remove it');
      for (const name of SET_BY_IMAGE) {
        if (env[name] !== undefined) add('warn', name, 'is set by the image from $PORT; it will not be pushed');
      }
    }
    for (const [name, value] of Object.entries(FILE_FIXED[target])) {
      if (env[name] !== undefined && env[name] !== value) {
        add('warn', name, `is ${isSecretName(name) ? 'set' : env[name]} here, but the platform file fixes it to ${value}: change the file instead`);
      }
    }
    if (env.AIART_PRIMARY_URL && env.AIART_FALLBACK_URL
        && env.AIART_PRIMARY_URL.replace(/\/+$/, '') === env.AIART_FALLBACK_URL.replace(/\/+$/, '')) {
      add('error', 'AIART_FALLBACK_URL', 'is the same as AIART_PRIMARY_URL: the site would have nowhere to fail over to');
    }
    byTarget.set(target, findings);
  }

  const general = [];
  if (targets.includes('render-backend') && targets.includes('fly') && env.RENDER_BACKEND_SERVICE_ID && env.FLY_APP) {
    general.push({ level: 'warn', name: 'RENDER_BACKEND_SERVICE_ID + FLY_APP', message: 'two fallback backends: Fly.io is meant instead of Render, not as well (both would be told the same AIART_FALLBACK_URL)' });
  }
  // Names in the env file that nothing reads are typos or leftovers.
  const known = new Set([...backendNames.keys(), ...Object.keys(frontendKeys), 'NODE_VERSION', 'PORT']);
  for (const name of fromFile) {
    if (!/^(AIART|QUARKUS)_/.test(name) || known.has(name)) continue;
    const near = closest(name, [...known]);
    general.push({ level: 'error', name, message: `no such setting: the backend and the site read no ${name}${near ? ` (did you mean ${near}?)` : ''}` });
  }
  return { byTarget, general };
}

function closest(name, candidates) {
  let best = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestD) { bestD = d; best = c; }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 6)) ? best : null;
}

function distance(a, b) {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
