// End to end: `make run` against a MongoDB of one's own (QUARKUS_MONGODB_CONNECTION_STRING), the way a
// user tries AiArt against an Atlas cluster before deploying (docs/DEPLOY.md, step 2).
//   own     — the store is started here, on its own, as "your MongoDB"; scripts/run.sh starts no store
//             of its own (no store pid or log, its store port — set to the one in use — not checked),
//             says which store it uses, and the site works on it: a picture made through the primary
//             is read through the fallback; stopping that store takes both backends' readiness down
//   masked  — a connection string with a user and password: run.sh shows it without them, and
//             neither its output nor the backends' logs contain the password
//   refused — a string that is not a MongoDB one is refused before anything starts
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, ensureBuilt, freePorts, isAlive, sleep, startSite, waitFor } from './harness.js';

const started = new Set(); // processes started here, stopped in after() whatever happens
process.on('exit', () => { for (const p of started) { try { process.kill(-p.pid, 'SIGKILL'); } catch { /* gone */ } } });

after(async () => {
  for (const p of started) await stop(p);
});

function storeJar() {
  const name = readdirSync(path.join(ROOT, 'store/target')).find((n) => /^aiart-store-.*-standalone\.jar$/.test(n));
  return path.join(ROOT, 'store/target', name);
}

/** The embedded store's stand-alone jar on a free port, in memory: "your MongoDB" for this test. */
async function startOwnStore() {
  const [port] = await freePorts(1);
  const child = spawn('java', ['-Xmx128m', '-jar', storeJar()], {
    cwd: ROOT, detached: true, stdio: 'ignore',
    env: { ...process.env, AIART_STORE_PORT: String(port), AIART_STORE_DATA: 'memory' },
  });
  started.add(child);
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the store exited with ${child.exitCode}`);
    return canConnect(port);
  }, { timeoutMs: 60_000, intervalMs: 200, what: `the store on port ${port}` });
  return { child, port, url: `mongodb://127.0.0.1:${port}` };
}

async function canConnect(port) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

async function stop(child) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    await Promise.race([exited, sleep(20_000)]);
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  started.delete(child);
}

const ready = async (url) => (await fetch(`${url}/q/health/ready`, { signal: AbortSignal.timeout(15_000) }).catch(() => ({ status: 0 }))).status;

test('own: run.sh uses the MongoDB it is given, starts no store, and the site works on it', { timeout: 360_000 }, async () => {
  ensureBuilt();
  const own = await startOwnStore();
  // AIART_STORE_PORT is the port "your MongoDB" already listens on: run.sh would refuse it if it checked it
  const site = await startSite({ name: 'own-store', mongo: own.url, env: { AIART_STORE_PORT: String(own.port) } });
  try {
    const out = site.output();
    assert.match(out, new RegExp(`Starting AiArt… \\(store: your MongoDB, mongodb://127\\.0\\.0\\.1:${own.port} \\(database aiart\\)\\)`));
    assert.match(out, new RegExp(`your MongoDB\\s+mongodb://127\\.0\\.0\\.1:${own.port} \\(database aiart\\)\\s+\\(QUARKUS_MONGODB_CONNECTION_STRING; no embedded store started\\)`));
    assert.doesNotMatch(out, /^\s*embedded store\s/m);
    assert.equal(site.pids.store, undefined);
    assert.ok(!existsSync(path.join(site.runDir, 'store.pid')), 'no store pid');
    assert.ok(!existsSync(path.join(site.logsDir, 'store.log')), 'no store log');

    assert.equal((await fetch(site.siteUrl + '/')).status, 200);
    const created = await fetch(`${site.primaryUrl}/api/v1/generate/text-to-image`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ prompt: 'a lighthouse in your own database' }),
    });
    assert.equal(created.status, 202, await created.clone().text());
    const { id } = await created.json();
    const job = await waitFor(async () => {
      const j = await (await fetch(`${site.fallbackUrl}/api/v1/jobs/${id}`)).json();
      return ['succeeded', 'failed', 'canceled'].includes(j.status) ? j : null;
    }, { timeoutMs: 60_000, intervalMs: 250, what: `job ${id}` });
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.match(job.result?.content_type ?? '', /^image\//, JSON.stringify(job));

    // both backends depend on that store and on no other
    assert.equal(await ready(site.primaryUrl), 200);
    await stop(own.child);
    await waitFor(async () => (await ready(site.primaryUrl)) === 503 && (await ready(site.fallbackUrl)) === 503,
      { timeoutMs: 60_000, intervalMs: 500, what: 'both backends to report their store down' });
  } finally {
    await site.stop();
  }
});

test('masked: the printed store has no user or password, and no log holds the password', { timeout: 120_000 }, async () => {
  ensureBuilt();
  const tmp = mkdtempSync(path.join(tmpdir(), 'aiart-e2e-masked-'));
  const [sitePort, primary, fallback, closed] = await freePorts(4);
  const secret = 'hunter2-not-to-be-shown';
  const env = { ...process.env };
  for (const key of ['AIART_PRIMARY_URL', 'AIART_FALLBACK_URL', 'AIART_CORS_ORIGINS', 'QUARKUS_PROFILE']) delete env[key];
  Object.assign(env, {
    // a port nothing listens on: the backends start (the driver connects lazily) but never become ready
    QUARKUS_MONGODB_CONNECTION_STRING: `mongodb://aiart:${secret}@127.0.0.1:${closed}/?authSource=admin&appName=aiart`,
    QUARKUS_MONGODB_DATABASE: 'aiart_trial',
    AIART_SITE_PORT: String(sitePort), AIART_PRIMARY_PORT: String(primary), AIART_FALLBACK_PORT: String(fallback),
    AIART_STORE_PORT: String(closed), AIART_RUN_DIR: path.join(tmp, 'run'), AIART_STORE_DATA: path.join(tmp, 'data'),
    AIART_HOST: '127.0.0.1', QUARKUS_HTTP_HOST: '127.0.0.1', AIART_AUTH_EMULATOR: 'off',
  });
  let output = '';
  const child = spawn('bash', [path.join(ROOT, 'scripts/run.sh')], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  try {
    await waitFor(() => output.includes('Starting AiArt'), { timeoutMs: 30_000, what: 'run.sh to start' });
    assert.ok(output.includes(`Starting AiArt… (store: your MongoDB, mongodb://***:***@127.0.0.1:${closed}/ (database aiart_trial))`), output);
    // the backends start and try that store (nothing answers); give them time to log
    const logs = path.join(tmp, 'run', 'logs');
    await waitFor(() => ['primary', 'fallback'].every((b) => /started in/.test(readLog(logs, b))),
      { timeoutMs: 90_000, intervalMs: 500, what: 'both backends to start' });
    // once each has tried that store and reported it down, whatever it logs about the failure is written
    await waitFor(async () => (await ready(`http://127.0.0.1:${primary}`)) === 503 && (await ready(`http://127.0.0.1:${fallback}`)) === 503,
      { timeoutMs: 60_000, intervalMs: 500, what: 'both backends to report their store down' });
    for (const text of [output, readLog(logs, 'primary'), readLog(logs, 'fallback')]) {
      assert.ok(!text.includes(secret), 'the password is shown somewhere');
      assert.ok(!text.includes('aiart:hunter2'));
    }
    assert.ok(!existsSync(path.join(logs, 'store.log')), 'no store started');
  } finally {
    await stop(child);
    assert.ok(!isAlive(child.pid));
    rmSync(tmp, { recursive: true, force: true });
  }
});

function readLog(dir, name) {
  try { return readFileSync(path.join(dir, `${name}.log`), 'utf8'); } catch { return ''; }
}

test('refused: a connection string that is not a MongoDB one stops run.sh before anything starts', { timeout: 30_000 }, async () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'aiart-e2e-refused-'));
  try {
    const child = spawn('bash', [path.join(ROOT, 'scripts/run.sh')], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, QUARKUS_MONGODB_CONNECTION_STRING: 'postgres://user:pw@db.example/x', AIART_RUN_DIR: path.join(tmp, 'run'), AIART_AUTH_EMULATOR: 'off' },
    });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(output, /QUARKUS_MONGODB_CONNECTION_STRING must start with mongodb:\/\/ or mongodb\+srv:\/\//);
    assert.ok(!output.includes('pw@'), 'not even a wrong string is echoed');
    assert.doesNotMatch(output, /Starting AiArt/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
