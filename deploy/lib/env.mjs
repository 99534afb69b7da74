// The operator's settings: one env file (deploy/aiart.env by default, see aiart.env.example)
// overlaid with the process environment, and what each deployment target receives from it.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './config-keys.mjs';

export const DEFAULT_ENV_FILE = path.join(REPO_ROOT, 'deploy', 'aiart.env');

/**
 * Parses a dotenv-style file: `KEY=value`, `export KEY=value`, `#` comments, values in
 * '…' (literal) or "…" (\n, \" and \\ escapes), ` #` comments after unquoted values.
 * @returns {{ vars: Record<string,string>, errors: string[] }}
 */
export function parseEnvFile(text) {
  const vars = {};
  const errors = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = line.match(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/);
    if (!m) { errors.push(`line ${i + 1}: expected NAME=value`); return; }
    let value = m[2];
    if (value.startsWith("'")) {
      const end = value.indexOf("'", 1);
      if (end < 0) { errors.push(`line ${i + 1}: ${m[1]}: missing closing '`); return; }
      value = value.slice(1, end);
    } else if (value.startsWith('"')) {
      let out = '';
      let j = 1;
      for (; j < value.length && value[j] !== '"'; j++) {
        if (value[j] === '\\' && j + 1 < value.length) {
          const c = value[++j];
          out += c === 'n' ? '\n' : c;
        } else out += value[j];
      }
      if (j >= value.length) { errors.push(`line ${i + 1}: ${m[1]}: missing closing "`); return; }
      value = out;
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    vars[m[1]] = value;
  });
  return { vars, errors };
}

/** Names that belong to this tool or to a platform API, not to the app. */
export const TOOL_VARS = Object.freeze([
  'RENDER_API_KEY', 'RENDER_BACKEND_SERVICE_ID', 'RENDER_SITE_SERVICE_ID', 'RENDER_API_URL',
  'RAILWAY_TOKEN', 'RAILWAY_API_TOKEN', 'RAILWAY_PROJECT_ID', 'RAILWAY_ENVIRONMENT_ID', 'RAILWAY_SERVICE_ID', 'RAILWAY_API_URL',
  'FLY_API_TOKEN', 'FLY_APP', 'FLY_API_URL', 'FLY_URL', 'FLY_SECRETS_WAIT_MS',
]);

/**
 * Loads the settings. Values from the process environment win over the file (so a CI secret
 * can override it); only names the tool knows are taken from the process environment.
 * @returns {{ env: Record<string,string>, fromFile: Set<string>, file: string|null, errors: string[] }}
 */
export function loadSettings({ envFile, processEnv = process.env, knownNames = new Set() } = {}) {
  const file = envFile ?? (existsSync(DEFAULT_ENV_FILE) ? DEFAULT_ENV_FILE : null);
  let vars = {};
  let errors = [];
  if (file) {
    if (!existsSync(file)) return { env: {}, fromFile: new Set(), file, errors: [`${file}: no such file`] };
    ({ vars, errors } = parseEnvFile(readFileSync(file, 'utf8')));
    errors = errors.map((e) => `${path.basename(file)} ${e}`);
  }
  const env = { ...vars };
  for (const [name, value] of Object.entries(processEnv)) {
    if (value === undefined) continue;
    if (TOOL_VARS.includes(name) || knownNames.has(name)) env[name] = value;
  }
  for (const [name, value] of Object.entries(env)) if (value === '') delete env[name];
  return { env, fromFile: new Set(Object.keys(vars)), file, errors };
}

/** Names whose values are secrets: never printed, masked in --dry-run. */
export function isSecretName(name) {
  return /KEY|TOKEN|SECRET|PASSWORD|CONNECTION_STRING|WEBHOOK/.test(name);
}

/** How a value is shown: secrets as a length only. */
export function shown(name, value) {
  if (value === undefined) return '(not set)';
  return isSecretName(name) ? `<secret, ${value.length} characters>` : value;
}

/** Replaces every secret value in a text by ****, so nothing a platform echoes can leak them. */
export function makeRedactor(env) {
  const secrets = Object.entries(env)
    .filter(([name, value]) => isSecretName(name) && value && value.length >= 4)
    .map(([, value]) => value)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = String(text);
    for (const s of secrets) out = out.split(s).join('****');
    return out;
  };
}
