// What the backend really reads, derived from its source so that nothing here can drift:
//   * every `aiart.*` key of the @ConfigMapping trees (config/AiartConfig.java, the shared keys,
//     and each package's own mappings such as generation/QueueConfig.java or
//     provider/ProvidersConfig.java with the interfaces they return), with its environment form (AIART_…);
//   * the keys of application.properties (quarkus.* and aiart.*);
//   * the HTTP paths the backend serves: JAX-RS @Path values of its resources, plus the
//     Quarkus health endpoints when the SmallRye Health extension is a dependency.
// Used by `aiart-deploy check` (unknown AIART_* names are typos) and by the test that holds
// the deployment files against the code.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** SmallRye's environment form of a property name: each character that is not a letter or digit → `_`, upper case. */
export function toEnvName(key) {
  return key.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
}

/** SmallRye's default naming of a mapping method: `ipHashKey` → `ip-hash-key`. */
export function kebab(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

/**
 * Quarkus settings that deployments set and the code does not spell out in
 * application.properties: the connection string (ARCHITECTURE.md, "Where the embedded store
 * runs") and the HTTP port (mapped from $PORT by the image's entrypoint).
 */
export const QUARKUS_KEYS_USED = Object.freeze(['quarkus.mongodb.connection-string', 'quarkus.http.port']);

function javaFiles(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...javaFiles(p));
    else if (entry.name.endsWith('.java')) out.push(p);
  }
  return out;
}

function stripComments(src) {
  // `//` after a colon is a URL in a string (@WithDefault("https://…")), not a comment
  return src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:])\/\/[^\n]*/g, '$1 ');
}

/** The index of the brace closing the one at `open`. */
function matchBrace(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return i;
  }
  throw new Error('unbalanced braces');
}

/** Every `interface Name { … }` in a source, by simple name: its body with nested bodies blanked out. */
function interfacesIn(src) {
  const found = new Map();
  const re = /\binterface\s+([A-Z]\w*)[^{;]*\{/g;
  let m;
  while ((m = re.exec(src))) {
    const open = m.index + m[0].length - 1;
    const close = matchBrace(src, open);
    let body = src.slice(open + 1, close);
    // blank nested type bodies and default-method bodies so only this level's members remain
    for (;;) {
      const inner = body.indexOf('{');
      if (inner < 0) break;
      const end = matchBrace(body, inner);
      body = body.slice(0, inner) + ';' + body.slice(end + 1);
    }
    found.set(m[1], body);
  }
  return found;
}

/** Members `(annotations) Type name();` of an interface body (default methods excluded). */
function membersOf(body) {
  const members = [];
  for (const decl of body.split(';')) {
    const text = decl.trim();
    if (!text || /\bdefault\b|\binterface\b|\bstatic\b/.test(text)) continue;
    const m = text.match(/^((?:@\w+(?:\([^)]*\))?\s*)*)([\w.<>,?\s\[\]]+?)\s+(\w+)\s*\(\s*\)$/s);
    if (!m) continue;
    const withName = m[1].match(/@WithName\(\s*"([^"]+)"\s*\)/);
    members.push({ type: m[2].replace(/\s+/g, ''), method: m[3], name: withName ? withName[1] : kebab(m[3]) });
  }
  return members;
}

/**
 * The `aiart.*` keys of the configuration tree.
 * @returns {{ keys: string[], env: Map<string,string> }} keys, and env name → key
 */
export function backendConfigKeys(root = REPO_ROOT) {
  const javaRoot = path.join(root, 'backend', 'src', 'main', 'java');
  const interfaces = new Map(); // simple name → body
  const roots = []; // [prefix, interface name] of every @ConfigMapping under aiart
  for (const file of javaFiles(javaRoot)) {
    const src = stripComments(readFileSync(file, 'utf8'));
    if (!/\binterface\b/.test(src)) continue;
    for (const [name, body] of interfacesIn(src)) if (!interfaces.has(name)) interfaces.set(name, body);
    const mapping = src.match(/@ConfigMapping\s*\(\s*prefix\s*=\s*"([^"]+)"\s*\)\s*public\s+interface\s+(\w+)/);
    if (mapping && (mapping[1] === 'aiart' || mapping[1].startsWith('aiart.'))) roots.push([mapping[1], mapping[2]]);
  }
  if (!roots.some(([prefix]) => prefix === 'aiart')) throw new Error(`no @ConfigMapping(prefix = "aiart") interface under ${javaRoot}`);

  const keys = [];
  const walk = (typeName, base, seen) => {
    if (seen.has(typeName)) return;
    for (const member of membersOf(interfaces.get(typeName) ?? '')) {
      const simple = member.type.replace(/<.*$/, '').split('.').pop();
      const key = `${base}.${member.name}`;
      if (interfaces.has(simple) && !/^(Optional|List|Set|Map)$/.test(simple)) walk(simple, key, new Set([...seen, typeName]));
      else keys.push(key);
    }
  };
  for (const [prefix, rootName] of roots) walk(rootName, prefix, new Set());
  keys.sort();
  return { keys, env: new Map(keys.map((k) => [toEnvName(k), k])) };
}

/** Keys of application.properties without profile prefixes (quoted segments left as they are). */
export function propertiesKeys(root = REPO_ROOT) {
  const file = path.join(root, 'backend', 'src', 'main', 'resources', 'application.properties');
  const keys = new Set();
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const m = line.match(/^([^=:\s]+)\s*[=:]/);
    if (!m) continue;
    keys.add(m[1].replace(/^%[\w,-]+\./, ''));
  }
  return keys;
}

/** The value of a property in application.properties (the default profile's). */
export function propertyValue(key, root = REPO_ROOT) {
  const file = path.join(root, 'backend', 'src', 'main', 'resources', 'application.properties');
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const m = raw.trim().match(/^([^=:\s]+)\s*[=:]\s*(.*)$/);
    if (m && m[1] === key) return m[2];
  }
  return undefined;
}

/**
 * Every environment variable name the backend reads that a deployment may set:
 * AIART_* of the mapping tree, and QUARKUS_* of application.properties plus QUARKUS_KEYS_USED.
 * @returns {Map<string,string>} env name → property key
 */
export function backendEnvNames(root = REPO_ROOT) {
  const names = new Map(backendConfigKeys(root).env);
  for (const key of [...propertiesKeys(root), ...QUARKUS_KEYS_USED]) {
    if (key.includes('"')) continue; // quoted segments (fault-tolerance per method) are set by key, not by a plain env name
    if (key.startsWith('quarkus.') || key.startsWith('aiart.')) names.set(toEnvName(key), key);
  }
  return names;
}

/**
 * The paths the backend serves from its JAX-RS resources (REST *client* interfaces, marked
 * @RegisterRestClient, are left out): class @Path joined with method @Path.
 */
export function resourcePaths(root = REPO_ROOT) {
  const paths = new Set();
  for (const file of javaFiles(path.join(root, 'backend', 'src', 'main', 'java'))) {
    const src = stripComments(readFileSync(file, 'utf8'));
    if (/@RegisterRestClient/.test(src)) continue;
    const cls = src.match(/@Path\(\s*"([^"]*)"\s*\)[\s\S]*?\b(?:class|interface|record)\s+\w+/);
    if (!cls) continue;
    const base = cls[1];
    const body = src.slice(cls.index + cls[0].length);
    // each resource method: its annotations and signature, from the previous member's end to its body
    for (const m of body.matchAll(/@(GET|POST|PUT|DELETE|PATCH|HEAD)\b/g)) {
      const before = body.slice(0, m.index);
      const from = Math.max(before.lastIndexOf(';'), before.lastIndexOf('}'), before.lastIndexOf('{')) + 1;
      const to = body.indexOf('{', m.index);
      const sub = body.slice(from, to < 0 ? undefined : to).match(/@Path\(\s*"([^"]*)"\s*\)/);
      paths.add(normalizePath(sub ? `${base}/${sub[1]}` : base));
    }
  }
  return paths;
}

function normalizePath(p) {
  return ('/' + p).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

/** Quarkus's health endpoints when quarkus-smallrye-health is a backend dependency (root /q unless moved). */
export function healthPaths(root = REPO_ROOT) {
  const pom = readFileSync(path.join(root, 'backend', 'pom.xml'), 'utf8');
  if (!/<artifactId>quarkus-smallrye-health<\/artifactId>/.test(pom)) return new Set();
  const props = propertiesKeys(root);
  if (props.has('quarkus.http.non-application-root-path') || props.has('quarkus.smallrye-health.root-path')) {
    throw new Error('the health root path is configured in application.properties: teach config-keys.mjs to read it');
  }
  return new Set(['/q/health', '/q/health/live', '/q/health/ready', '/q/health/started']);
}

/** Every path a deployment may probe: resources plus health endpoints. */
export function servedPaths(root = REPO_ROOT) {
  return new Set([...resourcePaths(root), ...healthPaths(root)]);
}
