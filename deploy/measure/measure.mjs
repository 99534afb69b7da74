#!/usr/bin/env node
// Measures the packaged backend with the production JVM (deploy/docker/jvm.sh: the java of
// scripts/backend-java.sh, JDK 25 when the machine has one, its options and the jar's start-up cache):
// start-up time to the first 200 on /q/health/ready (median of N runs), resident memory idle
// and under load (generation requests + status polling on loopback), and CPU time.
//
//   make backend-cache
//   node deploy/measure/measure.mjs [--runs 5] [--jobs 200] [--videos 10] [--mem 512m]
//        [--no-cache] [--extra "-XX:TieredStopAtLevel=1"] [--skip-load]
//        [--store embedded|separate]
//   node deploy/measure/measure.mjs --flood 8 [--side 4096] [--mem 512m]
//
// `--flood N` measures only the upload flood of docs/RELIABILITY.md ("Uploads"): N image-to-video
// requests at once, from one address with the production rate limits, each carrying a 44-byte
// lossless WebP that declares --side × --side pixels (a decompression bomb); it waits for the jobs
// they made, and reports every answer's status, the backend's resident memory before and at its
// peak, and whether it is still alive. Exits 1 on a 5xx, a failed job or a dead backend.
//
// There is no container here, so `--mem` passes -XX:MaxRAM to make the JVM size itself as it
// would under that memory limit (MaxRAMPercentage applies to it). `--store embedded` (default)
// runs the embedded store in memory inside the backend (AIART_STORE_EMBEDDED_DATA_DIR=memory)
// on a free port — then every stored result also sits in the backend's heap. `--store separate`
// runs the store jar as its own process and points the backend at it with
// QUARKUS_MONGODB_CONNECTION_STRING, as production points it at Atlas. Rate limits
// are raised for the load run (one client address sends everything). Prints a report; exits 1
// if the backend does not start or jobs fail.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, existsSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const JAR = path.join(ROOT, 'backend', 'target', 'quarkus-app', 'quarkus-run.jar');
const JVM_SH = path.join(ROOT, 'deploy', 'docker', 'jvm.sh');

const args = parseArgs(process.argv.slice(2));
const runs = Number(args.runs ?? 5);
const jobs = Number(args.jobs ?? 200);
const videos = Number(args.videos ?? 10);
const mem = args.mem ?? '512m';
const storeMode = args.store ?? 'embedded';
const STORE_JAR = path.join(ROOT, 'store', 'target', 'aiart-store-1.0.0-SNAPSHOT-standalone.jar');

if (!existsSync(JAR)) {
  console.error(`No ${path.relative(ROOT, JAR)}: build it first with ./mvnw -B -ntp -q -DskipTests package`);
  process.exit(1);
}

// Never leave a backend behind, whatever happens to this script.
const children = new Set();
process.on('exit', () => { for (const c of children) c.kill('SIGKILL'); });
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const JAVA = execFileSync(path.join(ROOT, 'scripts', 'backend-java.sh'), { encoding: 'utf8' }).trim();
const jvmArgs = execFileSync('sh', [JVM_SH, 'options', JAVA, path.dirname(JVM_SH), ...(args['no-cache'] ? [] : [path.dirname(JAR)])],
  { encoding: 'utf8' }).split('\n').filter(Boolean);
jvmArgs.push(`-XX:MaxRAM=${mem}`);
if (args.extra) jvmArgs.push(...args.extra.split(/\s+/).filter(Boolean));

console.log(`JVM: ${JAVA} ${jvmArgs.join(' ')} -jar ${path.relative(ROOT, JAR)}  (store: ${storeMode})`);

if (args.flood) {
  process.exit(await floodRun(Number(args.flood), Number(args.side ?? 4096)));
}

// ---- start-up: N runs, time to the first 200 on /q/health/ready ----
const startups = [];
for (let i = 0; i < runs; i++) {
  const app = await startBackend();
  startups.push({ ms: app.readyMs, cpuMs: app.cpuAtReadyMs, rssKb: rssKb(app.pid) });
  console.log(`start ${i + 1}/${runs}: ready in ${app.readyMs} ms (CPU ${app.cpuAtReadyMs} ms), RSS ${mb(rssKb(app.pid))}`);
  await app.stop();
}
const report = {
  jvm: jvmArgs.join(' '),
  startupMedianMs: median(startups.map((s) => s.ms)),
  startupCpuMedianMs: median(startups.map((s) => s.cpuMs)),
  startupMs: startups.map((s) => s.ms),
};

// ---- memory: idle, then under load ----
if (!args['skip-load']) {
  const app = await startBackend({
    AIART_RATE_LIMIT_ANONYMOUS: '100000',
    AIART_RATE_LIMIT_POLLING_PER_MINUTE: '100000',
  });
  await sleep(15_000); // let start-up work (first schedules, JIT) settle
  report.idleRssMb = kbToMb(rssKb(app.pid));
  const base = `http://127.0.0.1:${app.port}/api/v1`;
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, rssKb(app.pid)); }, 200);
  const t0 = Date.now();
  let results;
  try {
    results = await load(base, jobs, videos);
  } catch (err) {
    clearInterval(sampler);
    console.error(`load failed: ${err.message}${err.cause ? ` (${err.cause.message})` : ''}; backend exit code ${app.exitCode}; peak RSS ${mb(peak)}; log ${app.logFile}:\n${app.log.slice(-4000)}`);
    await app.stop();
    process.exit(1);
  }
  const loadMs = Date.now() - t0;
  clearInterval(sampler);
  report.loadRssPeakMb = kbToMb(peak);
  report.loadRssAfterMb = kbToMb(rssKb(app.pid));
  report.load = { ...results, seconds: Math.round(loadMs / 100) / 10 };
  report.nmt = await heapInfo(app.pid);
  await app.stop();
}

console.log('\n' + JSON.stringify(report, null, 2));
if (report.load && report.load.failed > 0) process.exit(1);

// ---------------------------------------------------------------------------------------

async function startStore() {
  const port = await freePort();
  const child = spawn('java', ['-Xmx2g', '-jar', STORE_JAR], {
    cwd: ROOT, env: { ...process.env, AIART_STORE_PORT: String(port), AIART_STORE_DATA: 'memory' }, stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.add(child);
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { if (String(d).includes('listening')) resolve(); });
    child.on('exit', (code) => reject(new Error(`store exited (${code})`)));
  });
  return { url: `mongodb://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function startBackend(extraEnv = {}) {
  const port = await freePort();
  const storePort = await freePort();
  const store = storeMode === 'separate' ? await startStore() : null;
  const started = process.hrtime.bigint();
  const child = spawn(JAVA, [...jvmArgs, '-jar', JAR], {
    cwd: ROOT,
    env: {
      ...process.env,
      QUARKUS_HTTP_PORT: String(port),
      QUARKUS_HTTP_HOST: '127.0.0.1',
      AIART_STORE_EMBEDDED_PORT: String(storePort),
      AIART_STORE_EMBEDDED_DATA_DIR: 'memory',
      AIART_INSTANCE: 'measure',
      AIART_IP_HASH_KEY: 'measure-key-not-for-production',
      AIART_DATA_KEY: `measure:${randomBytes(32).toString('base64')}`, // the store is in memory: a key for this run
      ...(store ? { QUARKUS_MONGODB_CONNECTION_STRING: store.url } : {}),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let log = '';
  const logFile = path.join(os.tmpdir(), `aiart-measure-${child.pid}.log`);
  const logStream = createWriteStream(logFile);
  child.stdout.on('data', (d) => { log = (log + d).slice(-20000); logStream.write(d); });
  child.stderr.on('data', (d) => { log = (log + d).slice(-20000); logStream.write(d); });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`backend exited during start-up:\n${log.slice(-3000)}`);
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`backend not ready in 120 s:\n${log.slice(-3000)}`); }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/q/health/ready`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch { /* not listening yet */ }
    await sleep(20);
  }
  const readyMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
  return {
    pid: child.pid, port, readyMs, cpuAtReadyMs: cpuMs(child.pid), logFile,
    get exitCode() { return child.exitCode; },
    get log() { return log; },
    async stop() { child.kill('SIGTERM'); await exited; logStream.end(); store?.stop(); },
  };
}

async function load(base, total, videoCount) {
  const ids = [];
  let refused = 0;
  const started = new Map();
  const step = videoCount > 0 ? Math.floor(total / videoCount) : Infinity;
  const kinds = Array.from({ length: total }, (_, i) =>
    (i % step === 0 && i / step < videoCount ? 'text-to-video' : 'text-to-image'));
  const words = ['lighthouse', 'forest', 'city at night', 'volcano', 'desert', 'ocean', 'mountain lake', 'aurora', 'market', 'castle'];
  // submit with bounded concurrency
  let next = 0;
  async function submitter() {
    while (next < total) {
      const i = next++;
      const kind = kinds[i];
      const body = kind === 'text-to-video'
        ? { prompt: `${words[i % words.length]} in the rain, ${i}`, duration_seconds: 4, seed: i }
        : { prompt: `a ${words[i % words.length]} painted in watercolor, study ${i}`, seed: 1000 + i };
      const res = await fetch(`${base}/generate/${kind}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      const json = await res.json();
      if (res.status === 202) { ids.push(json.id); started.set(json.id, Date.now()); } else refused++;
    }
  }
  await Promise.all(Array.from({ length: 8 }, submitter));
  // poll until every job is terminal
  const done = new Map();
  const latencies = [];
  while (done.size < ids.length) {
    for (const id of ids) {
      if (done.has(id)) continue;
      const res = await fetch(`${base}/jobs/${id}`);
      const job = await res.json();
      if (['succeeded', 'failed', 'canceled'].includes(job.status)) {
        done.set(id, job.status);
        latencies.push(Date.now() - started.get(id));
      }
    }
    await sleep(500);
  }
  const statuses = [...done.values()];
  latencies.sort((a, b) => a - b);
  // how big results are (what fills the store: GridFS in MongoDB)
  const sizes = { image: [], video: [] };
  for (const [id, status] of done) {
    if (status !== 'succeeded') continue;
    const job = await (await fetch(`${base}/jobs/${id}`)).json();
    const kind = job.kind.endsWith('video') ? 'video' : 'image';
    if (sizes[kind].length >= 10) continue;
    const bytes = (await (await fetch(`${base}/jobs/${id}/result`)).arrayBuffer()).byteLength;
    sizes[kind].push(bytes);
  }
  const meanKb = (xs) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length / 1024) : null);
  return {
    submitted: ids.length, refused, videos: kinds.filter((k) => k === 'text-to-video').length,
    succeeded: statuses.filter((s) => s === 'succeeded').length,
    failed: statuses.filter((s) => s !== 'succeeded').length,
    jobLatencyP50s: Math.round(latencies[Math.floor(latencies.length * 0.5)] / 100) / 10,
    jobLatencyP95s: Math.round(latencies[Math.floor(latencies.length * 0.95)] / 100) / 10,
    meanImageKb: meanKb(sizes.image),
    meanVideoKb: meanKb(sizes.video),
  };
}

/** The upload flood: returns the exit code. */
async function floodRun(n, side) {
  const app = await startBackend();
  await sleep(15_000); // let start-up work settle before the baseline
  const base = `http://127.0.0.1:${app.port}/api/v1`;
  const before = rssKb(app.pid);
  let peak = before;
  const sampler = setInterval(() => { if (app.exitCode === null) peak = Math.max(peak, rssKb(app.pid)); }, 100);
  const bomb = losslessWebp(side, side);
  const answers = await Promise.all(Array.from({ length: n }, async () => {
    const form = new FormData();
    form.append('image', new Blob([bomb], { type: 'image/webp' }), 'bomb.webp');
    form.append('prompt', 'a quiet harbour');
    try {
      const res = await fetch(`${base}/generate/image-to-video`, { method: 'POST', body: form });
      const json = await res.json().catch(() => ({}));
      return { status: res.status, id: json.id, type: json.error_type };
    } catch (err) {
      return { status: 0, type: err.message };
    }
  }));
  const statuses = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const jobs = {};
  for (const a of answers.filter((x) => x.id)) {
    for (let i = 0; i < 600 && app.exitCode === null; i++) {
      const job = await (await fetch(`${base}/jobs/${a.id}`)).json();
      if (['succeeded', 'failed', 'canceled'].includes(job.status)) { jobs[job.status] = (jobs[job.status] ?? 0) + 1; break; }
      await sleep(500);
    }
  }
  clearInterval(sampler);
  const alive = app.exitCode === null;
  const report = {
    jvm: jvmArgs.join(' '), flood: { requests: n, bytesEach: bomb.length, declared: `${side} x ${side}` },
    answers: statuses, refusals: answers.filter((a) => a.type).map((a) => `${a.status} ${a.type}`),
    jobs, alive, rssBeforeMb: kbToMb(before), rssPeakMb: kbToMb(peak), rssGrowthMb: kbToMb(peak - before),
  };
  console.log('\n' + JSON.stringify(report, null, 2));
  if (!alive) console.error(`the backend died: exit code ${app.exitCode}; log ${app.logFile}:\n${app.log.slice(-4000)}`);
  await app.stop();
  const fiveXx = answers.some((a) => a.status >= 500 || a.status === 0);
  return alive && !fiveXx && !jobs.failed ? 0 : 1;
}

/** A lossless WebP of side × side black pixels in under 50 bytes (backend TestImages.losslessWebp). */
function losslessWebp(width, height) {
  const out = [0x2f];
  let pending = 0n;
  let count = 0;
  const put = (value, n) => {
    pending |= (BigInt(value) & ((1n << BigInt(n)) - 1n)) << BigInt(count);
    count += n;
    while (count >= 8) { out.push(Number(pending & 0xffn)); pending >>= 8n; count -= 8; }
  };
  put(width - 1, 14); put(height - 1, 14); put(1, 1); put(0, 3); // size, alpha, version
  put(0, 1); put(0, 1); put(0, 1); // no transform, no colour cache, no meta prefix codes
  for (let code = 0; code < 5; code++) { put(1, 1); put(0, 1); put(0, 1); put(0, 1); } // one-symbol codes
  if (count > 0) out.push(Number(pending));
  for (let i = 0; i < 16; i++) out.push(0); // decoders read ahead by whole words
  const vp8l = Buffer.from(out);
  const pad = vp8l.length % 2;
  const file = Buffer.alloc(20 + vp8l.length + pad);
  file.write('RIFF', 0, 'ascii'); file.writeUInt32LE(12 + vp8l.length + pad, 4);
  file.write('WEBP', 8, 'ascii'); file.write('VP8L', 12, 'ascii'); file.writeUInt32LE(vp8l.length, 16);
  vp8l.copy(file, 20);
  return file;
}

async function heapInfo(pid) {
  // jcmd is part of the JDK; absent from a JRE. Best effort.
  return new Promise((resolve) => {
    const p = spawn('jcmd', [String(pid), 'GC.heap_info'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('error', () => resolve(null));
    p.on('exit', () => resolve(out.split('\n').filter((l) => /total|Metaspace|class space/.test(l)).map((l) => l.trim())));
  });
}

function rssKb(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
}

function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14, 15)
    return Math.round((ticks * 1000) / 100); // USER_HZ is 100 on Linux
  } catch { return 0; }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const key = a.slice(2);
    if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
    else out[key] = true;
  }
  return out;
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
function kbToMb(kb) { return Math.round(kb / 102.4) / 10; }
function mb(kb) { return `${kbToMb(kb)} MB`; }
