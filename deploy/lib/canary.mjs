// `check --canary`: the backend's model canary (docs/PROVIDERS.md, "Model canary") run from here
// against the real services with the keys of deploy/aiart.env, before a deploy. It asks the same
// question the backend asks — Gemini's models.get, free, generating nothing — about the model ids
// the backend would use: the settings' AIART_PROVIDERS_GEMINI_*_MODEL, else the defaults read
// from provider/ProvidersConfig.java, so nothing here can drift from the code. DashScope and
// Stability offer no honest check (see the doc) and are reported as not checkable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, kebab, toEnvName } from './config-keys.mjs';

const CONFIG = path.join('backend', 'src', 'main', 'java', 'ai', 'aiart', 'provider', 'ProvidersConfig.java');

/** `@WithDefault("…") String name();` members of one nested interface of ProvidersConfig.java: method → default. */
export function configDefaults(interfaceName, root = REPO_ROOT) {
  const src = readFileSync(path.join(root, CONFIG), 'utf8').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/^\s*\/\/[^\n]*/gm, ' '); // whole-line comments only: URLs hold //
  const start = src.search(new RegExp(`\\binterface\\s+${interfaceName}\\s*\\{`));
  if (start < 0) throw new Error(`no interface ${interfaceName} in ${CONFIG}`);
  let depth = 0;
  let end = start;
  for (let i = src.indexOf('{', start); i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) { end = i; break; }
  }
  const defaults = new Map();
  const re = /@WithDefault\(\s*"([^"]*)"\s*\)\s*String\s+(\w+)\s*\(\s*\)/g;
  let m;
  const body = src.slice(start, end);
  while ((m = re.exec(body))) defaults.set(m[2], m[1]);
  return defaults;
}

/** The Gemini model ids the backend would use with these settings, each with the kinds' setting names. */
export function geminiModels(env, root = REPO_ROOT) {
  const models = new Map(); // id → [env names]
  for (const [method, fallback] of configDefaults('Gemini', root)) {
    if (!method.endsWith('Model')) continue;
    const name = toEnvName(`aiart.providers.gemini.${kebab(method)}`);
    const id = env[name]?.trim() || fallback;
    models.set(id, [...(models.get(id) ?? []), name]);
  }
  return models;
}

/**
 * Runs the canary. Each finding: { provider, model, level: ok | warn | error, message }.
 * Only Google's own 404 NOT_FOUND body counts as missing (error); no answer, a refused key or a
 * 5xx is a warning, as in the backend, where they never mark a provider misconfigured.
 */
export async function runCanary(env, { fetch: fetchImpl = globalThis.fetch, timeoutMs = 15_000, root = REPO_ROOT } = {}) {
  const findings = [];
  const key = env.AIART_PROVIDERS_GEMINI_API_KEY?.trim();
  if (key) {
    const base = (env.AIART_PROVIDERS_GEMINI_BASE_URL?.trim() || configDefaults('Gemini', root).get('baseUrl')).replace(/\/+$/, '');
    for (const [model, names] of geminiModels(env, root)) {
      findings.push({ provider: 'gemini', model, names, ...(await askGemini(fetchImpl, base, key, model, timeoutMs)) });
    }
  } else {
    findings.push({ provider: 'gemini', model: '-', level: 'ok', message: 'no key (AIART_PROVIDERS_GEMINI_API_KEY): not used, not checked' });
  }
  if (env.AIART_PROVIDERS_DASHSCOPE_API_KEY?.trim()) {
    findings.push({ provider: 'dashscope', model: '-', level: 'warn', message: 'not checkable: DashScope offers no listing of its image and video models' });
  }
  if (env.AIART_PROVIDERS_STABILITY_API_KEY?.trim()) {
    findings.push({ provider: 'stability', model: '-', level: 'warn', message: 'not checkable: Stability lists no Stable Image models' });
  }
  return findings;
}

async function askGemini(fetchImpl, base, key, model, timeoutMs) {
  let res;
  try {
    res = await fetchImpl(`${base}/v1beta/models/${encodeURIComponent(model)}`, {
      headers: { 'x-goog-api-key': key, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return { level: 'warn', message: `could not be checked (${err.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : err.message})` };
  }
  const text = await res.text();
  let status = null;
  try { status = JSON.parse(text)?.error?.status ?? null; } catch { /* not Google's error body */ }
  if (res.ok) return { level: 'ok', message: 'exists upstream' };
  if (res.status === 404 && status === 'NOT_FOUND') return { level: 'error', message: 'does not exist upstream (404 NOT_FOUND)' };
  return { level: 'warn', message: `could not be checked (HTTP ${res.status}${status ? ` ${status}` : ''})` };
}
