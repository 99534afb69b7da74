// End-to-end harness: builds what is missing or stale, starts the REAL topology with
// scripts/run.sh (embedded store, primary, fallback, static site, and with `auth: true` the
// Firebase Auth emulator with its seeded admin) on free ports with its own
// temporary data and run directories, drives Debian's Chromium through playwright-core, and
// always tears everything down — on success, on failure, on Ctrl-C — verifying that no
// process it started is left behind.
import { before, after } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FRONTEND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(FRONTEND, '..');
export const OUTPUT = path.join(FRONTEND, 'test-output', 'e2e');
export const CHROMIUM = process.env.AIART_CHROMIUM || '/usr/bin/chromium';

const BACKEND_JAR = path.join(ROOT, 'backend/target/quarkus-app/quarkus-run.jar');
const STARTUP_TIMEOUT_MS = 150_000;
const STOP_TIMEOUT_MS = 25_000;

const log = (...args) => console.error('[e2e]', ...args); // stderr: stdout belongs to the test reporter

// ——— build ———

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try { st = statSync(p); } catch { return; }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && name !== 'dist') visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

const mtime = (p) => { try { return statSync(p).mtimeMs; } catch { return 0; } };

function storeJar() {
  const dir = path.join(ROOT, 'store/target');
  try {
    const name = readdirSync(dir).find((n) => /^aiart-store-.*-standalone\.jar$/.test(n));
    return name ? path.join(dir, name) : null;
  } catch { return null; }
}

function run(cmd, args, { cwd, logFile }) {
  const fd = openSync(logFile, 'w');
  try {
    const res = spawnSync(cmd, args, { cwd, stdio: ['ignore', fd, fd], env: process.env });
    if (res.status !== 0) {
      throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status}); see ${logFile}\n${tail(logFile, 30)}`);
    }
  } finally { closeSync(fd); }
}

/** Builds the backend, the store and the site when they are missing or older than their sources. */
export function ensureBuilt() {
  mkdirSync(OUTPUT, { recursive: true });
  const javaSources = newestMtime(['backend/src/main', 'store/src/main', 'renderer/src/main', 'pom.xml', 'backend/pom.xml', 'store/pom.xml',
    'renderer/pom.xml'].map((p) => path.join(ROOT, p)));
  const store = storeJar();
  if (!existsSync(BACKEND_JAR) || !store || Math.min(mtime(BACKEND_JAR), mtime(store)) < javaSources) {
    log('building the backend and the store (./mvnw package)…');
    run(path.join(ROOT, 'mvnw'), ['-B', '-ntp', '-q', '-DskipTests', 'package'], { cwd: ROOT, logFile: path.join(OUTPUT, 'build-backend.log') });
    const now = new Date();
    utimesSync(BACKEND_JAR, now, now); // like the Makefile: the jar stands for the whole build
  }
  const siteSources = newestMtime(['src', 'public', 'scripts', 'vite.config.js', 'package.json',
    ...readdirSync(FRONTEND).filter((n) => n.endsWith('.html'))].map((p) => path.join(FRONTEND, p)));
  const distIndex = path.join(FRONTEND, 'dist/index.html');
  if (mtime(distIndex) < siteSources) {
    log('building the site (vite build)…');
    run(process.execPath, [path.join(FRONTEND, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: FRONTEND, logFile: path.join(OUTPUT, 'build-site.log') });
  }
}

// ——— ports, waiting ———

/** `n` distinct free TCP ports on 127.0.0.1. */
export async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      const s = net.createServer();
      await new Promise((resolve, reject) => { s.once('error', reject); s.listen(0, '127.0.0.1', resolve); });
      servers.push(s);
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check, { timeoutMs = 10_000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

function tail(file, lines) {
  try { return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

export function isAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (err) { return err.code === 'EPERM'; }
}

// ——— temporary directories ———

/** A fresh directory under the system temp dir, marked with this process's pid. */
function ownedTempDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  return dir;
}

/** Removes directories left by e2e runs that were killed outright (their owner is gone). */
function sweepStale() {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('aiart-e2e-')) continue;
    const dir = path.join(tmpdir(), name);
    let owner;
    try { owner = Number(readFileSync(path.join(dir, 'owner.pid'), 'utf8')); } catch { continue; }
    if (owner && owner !== process.pid && !isAlive(owner)) rmSync(dir, { recursive: true, force: true });
  }
}

// ——— the topology ———

/** What is running now: sites and browsers, each { stop(): Promise, killNow(): void }. */
const live = new Set();
let exitHooked = false;
function hookExit() {
  if (exitHooked) return;
  exitHooked = true;
  // Last resort when the process ends without stop(): synchronous kill and clean-up.
  process.on('exit', () => { for (const r of live) r.killNow(); });
  // Ctrl-C, or the test runner's SIGTERM: the normal stop, then exit. A second signal while
  // stopping waits for the same stop (stop() is memoised). On Ctrl-C `node --test` itself
  // exits at once and closes our stdout/stderr: a write would then fail with EPIPE, and an
  // unhandled EPIPE kills the process before the clean-up — so such errors are ignored.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  let stopping = null;
  const onSignal = () => {
    stopping ??= Promise.allSettled([...live].map((r) => r.stop())).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Starts store, primary, fallback and site with scripts/run.sh.
 * @param {object} [options]
 * @param {string} [options.name]  label for logs (copied to test-output/e2e/logs/<name>/ on stop)
 * @param {object} [options.env]   extra environment for run.sh and the backends (AIART_LOCAL_DELAY, …)
 * @param {boolean} [options.auth] start the Firebase Auth emulator too (sign-in configured); without
 *                                 it run.sh gets AIART_AUTH_EMULATOR=off and sign-in is "not configured"
 * @param {string} [options.mongo] a MongoDB of one's own (QUARKUS_MONGODB_CONNECTION_STRING): run.sh then
 *                                 starts no embedded store, and `store` has no pid
 */
export async function startSite({ name = 'site', env = {}, auth = false, mongo = null } = {}) {
  hookExit();
  sweepStale();
  const tmp = ownedTempDir(`aiart-e2e-${name}-`);
  const runDir = path.join(tmp, 'run');
  const [site, primary, fallback, store, authPort] = await freePorts(5);
  const outFile = path.join(tmp, 'run.sh.log');
  const out = openSync(outFile, 'w');
  const childEnv = { ...process.env };
  // A developer's own overrides must not leak into the test topology.
  for (const key of ['AIART_PRIMARY_URL', 'AIART_FALLBACK_URL', 'AIART_CORS_ORIGINS', 'QUARKUS_MONGODB_CONNECTION_STRING',
    'AIART_AUTH_ADMIN_EMAILS', 'QUARKUS_PROFILE', 'FIREBASE_AUTH_EMULATOR_HOST']) delete childEnv[key];
  Object.assign(childEnv, {
    AIART_SITE_PORT: String(site), AIART_PRIMARY_PORT: String(primary), AIART_FALLBACK_PORT: String(fallback),
    AIART_STORE_PORT: String(store), AIART_STORE_DATA: path.join(tmp, 'data'), AIART_RUN_DIR: runDir,
    AIART_HOST: '127.0.0.1', QUARKUS_HTTP_HOST: '127.0.0.1',
    AIART_AUTH_EMULATOR: auth ? 'on' : 'off', AIART_AUTH_PORT: String(authPort),
    ...(mongo ? { QUARKUS_MONGODB_CONNECTION_STRING: mongo } : {}),
    ...env,
  });
  // run.sh gets SIGTERM (and stops everything) if this process dies in any way, even SIGKILL.
  const command = existsSync('/usr/bin/setpriv')
    ? ['/usr/bin/setpriv', ['--pdeathsig', 'TERM', 'bash', path.join(ROOT, 'scripts/run.sh')]]
    : ['bash', [path.join(ROOT, 'scripts/run.sh')]];
  const child = spawn(command[0], command[1], { cwd: ROOT, env: childEnv, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.once('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));

  const pidFile = (svc) => path.join(runDir, `${svc}.pid`);
  const pids = {};
  const readPid = (svc) => {
    try { return Number(readFileSync(pidFile(svc), 'utf8').trim()) || null; } catch { return null; }
  };

  let stopping = null;
  const handle = {
    name, tmp, runDir, logsDir: path.join(runDir, 'logs'),
    siteUrl: `http://127.0.0.1:${site}`,
    primaryUrl: `http://127.0.0.1:${primary}`,
    fallbackUrl: `http://127.0.0.1:${fallback}`,
    authUrl: auth ? `http://127.0.0.1:${authPort}` : null,
    ports: { site, primary, fallback, store: mongo ? null : store, auth: auth ? authPort : null },
    /** Everything run.sh printed so far. */
    output() {
      try { return readFileSync(outFile, 'utf8'); } catch { return ''; }
    },
    pids,
    /** Send a signal to one service ('primary', 'fallback', 'store', 'site', 'auth'). */
    signal(svc, sig) {
      const pid = pids[svc];
      if (!pid) throw new Error(`no pid for ${svc}`);
      process.kill(pid, sig);
      return pid;
    },
    /** The text of a service's log. */
    log(svc) {
      try { return readFileSync(path.join(runDir, 'logs', `${svc}.log`), 'utf8'); } catch { return ''; }
    },
    killNow() {
      try { process.kill(-child.pid, 'SIGCONT'); } catch { /* gone */ }
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      // the emulator runs in a process group of its own (run.sh starts it with setsid)
      if (pids.auth) { try { process.kill(-pids.auth, 'SIGKILL'); } catch { /* gone */ } }
      rmSync(tmp, { recursive: true, force: true });
    },
    /** Stops everything (SIGCONT first, then run.sh's own SIGTERM shutdown, SIGKILL as a last resort). */
    stop() {
      stopping ??= doStop();
      return stopping;
    },
  };

  async function doStop() {
    const stopStarted = Date.now();
    const known = Object.values(pids).filter(Boolean);
    for (const pid of known) { try { process.kill(pid, 'SIGCONT'); } catch { /* gone */ } }
    if (!exited) {
      try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ }
      let timer;
      const timeout = new Promise((resolve) => { timer = setTimeout(resolve, STOP_TIMEOUT_MS, 'timeout'); });
      const outcome = await Promise.race([exitPromise, timeout]);
      clearTimeout(timer); // a pending timer would keep the test process alive
      if (outcome === 'timeout') {
        log(`${name}: run.sh did not stop within ${STOP_TIMEOUT_MS} ms; killing its process group`);
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
        await exitPromise;
      }
    }
    // run.sh waits for its children, but make sure: nothing we started may survive.
    const deadline = Date.now() + 5000;
    let leftovers = known.filter(isAlive);
    while (leftovers.length && Date.now() < deadline) { await sleep(100); leftovers = leftovers.filter(isAlive); }
    for (const pid of leftovers) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    live.delete(handle);
    try {
      const keep = path.join(OUTPUT, 'logs', name);
      rmSync(keep, { recursive: true, force: true });
      mkdirSync(keep, { recursive: true });
      cpSync(path.join(runDir, 'logs'), keep, { recursive: true });
      cpSync(outFile, path.join(keep, 'run.sh.log'));
    } catch { /* logs are a convenience */ }
    rmSync(tmp, { recursive: true, force: true });
    log(`${name}: stopped in ${Date.now() - stopStarted} ms`);
    if (leftovers.length) throw new Error(`${name}: processes ${leftovers.join(', ')} outlived run.sh and were killed`);
  }
  live.add(handle);

  const services = [...(mongo ? [] : ['store']), 'primary', 'fallback', 'site', ...(auth ? ['auth'] : [])];
  const started = Date.now();
  try {
    await waitFor(() => {
      if (exited) throw new Error(`run.sh exited (${JSON.stringify(exited)}) before the site was up:\n${tail(outFile, 40)}`);
      for (const svc of services) pids[svc] ??= readPid(svc);
      return Object.values(pids).every(Boolean) && readFileSync(outFile, 'utf8').includes('AiArt is running');
    }, { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 200, what: `${name} to start (see ${outFile})` });
  } catch (err) {
    await handle.stop().catch(() => {});
    throw err;
  }
  log(`${name}: up in ${Date.now() - started} ms (site ${handle.siteUrl}, primary :${primary}, fallback :${fallback}, store :${store})`);
  return handle;
}

// ——— the browser ———

export const CHROMIUM_ARGS = Object.freeze(['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run']);

/**
 * Headless Debian Chromium with a fresh profile. Returns { context, close() }.
 * `context` is a playwright BrowserContext (one profile: localStorage is shared by its pages).
 */
export async function launchBrowser({ viewport = { width: 1280, height: 900 } } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set AIART_CHROMIUM)`);
  const { chromium } = await import('playwright-core');
  sweepStale();
  const home = ownedTempDir('aiart-e2e-chromium-');
  const userDataDir = path.join(home, 'profile');
  hookExit();
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS], viewport,
      // Our own handlers stop the browser and the topology in order (playwright's would exit first).
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    });
  } catch (err) {
    rmSync(home, { recursive: true, force: true });
    throw err;
  }
  let closing = null;
  const handle = {
    context,
    close() {
      closing ??= (async () => {
        try { await context.close(); } finally {
          live.delete(handle);
          rmSync(home, { recursive: true, force: true });
        }
      })();
      return closing;
    },
    stop() { return handle.close(); },
    killNow() { rmSync(home, { recursive: true, force: true }); }, // playwright kills the browser on exit
  };
  live.add(handle);
  return handle;
}

/** The admin account run.sh seeds in the Auth emulator (printed in its table). */
export const LOCAL_ADMIN = Object.freeze({ email: 'admin@aiart.test', password: 'local-admin-only' });

/** Saves a full-page screenshot to test-output/e2e/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true });
}

/**
 * With AIART_SHOTS_DIR=<dir> set (for a change's closing note, outside the repository): the page
 * as it is now at desktop (1280×900) and phone (390×844) sizes, `<dir>/<name>-desktop.png` and
 * `-phone.png` (`sizes` picks; a page of a touch context is shot at its own size). Does nothing
 * otherwise. The viewport is put back afterwards.
 */
export async function closingShots(page, name, { sizes = ['desktop', 'phone'] } = {}) {
  const dir = process.env.AIART_SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  const viewports = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
  for (const [size, viewport] of sizes.map((s) => [s, viewports[s]])) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150); // a layout pass after the resize
    await page.screenshot({ path: path.join(dir, `${name}-${size}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

/** Records uncaught page errors and console errors, to assert a page ran cleanly. */
export function collectPageErrors(page) {
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  return errors;
}

// ——— small fixtures ———

/** A valid RGB PNG (a colour gradient), made here so image-to-image needs no fixture file. */
export async function makePng(width = 160, height = 120) {
  const { deflateSync } = await import('node:zlib');
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const o = row + 1 + x * 3;
      raw[o] = Math.round((x / width) * 255);
      raw[o + 1] = Math.round((y / height) * 200);
      raw[o + 2] = 160;
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

let crcTable;
function crc32(buf) {
  crcTable ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Registers a test file's before/after hooks for the usual set-up: the build, the topology
 * (startSite's options) and headless Chromium with one page whose script errors are collected.
 * `ready(held)` is called at the end of that hook with { site, browser, page, pageErrors }
 * (the file's own set-up goes there: hooks of one file do not wait for each other's order).
 */
export function useSiteAndBrowser(siteOptions, { viewport, ready } = {}) {
  const held = {};
  before(async () => {
    ensureBuilt();
    held.site = await startSite(siteOptions);
    held.browser = await launchBrowser(viewport ? { viewport } : undefined);
    held.page = held.browser.context.pages()[0] ?? await held.browser.context.newPage();
    held.pageErrors = collectPageErrors(held.page);
    held.cspViolations = await collectCspViolations(held.browser.context);
    await ready?.(held);
  }, { timeout: 300_000 });
  after(async () => {
    const csp = held.cspViolations ?? [];
    await held.browser?.close().catch(() => {});
    await held.site?.stop().catch((err) => console.error(err)); // resumes a paused backend first
    // the site's Content-Security-Policy must allow everything the pages do (scripts/security-headers.mjs)
    if (csp.length) throw new Error(`Content-Security-Policy violations:\n  ${[...new Set(csp)].join('\n  ')}`);
  }, { timeout: 60_000 });
  return held;
}

/**
 * Records every Content-Security-Policy violation in the context's pages: the DOM's
 * securitypolicyviolation events and Chromium's console reports of refused loads.
 */
export async function collectCspViolations(context) {
  const violations = [];
  await context.exposeBinding('__aiartCspViolation', (source, text) => { violations.push(`${source.page?.url() ?? ''}: ${text}`); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__aiartCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}${e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : ''}`);
    });
  });
  const watch = (page) => page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
  });
  context.pages().forEach(watch);
  context.on('page', watch);
  return violations;
}

