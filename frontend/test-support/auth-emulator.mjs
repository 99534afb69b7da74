// The real Firebase Auth emulator (firebase-tools in the repository's tools/, installed by
// `make tools` or `npm ci --prefix tools`) for node tests: free loopback ports, a temporary
// directory for everything it writes, its own process group so that stop() leaves nothing behind.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PROJECT = 'demo-aiart';
const START_TIMEOUT_MS = 90_000;

async function freePort() {
  const s = net.createServer();
  await new Promise((resolve, reject) => { s.once('error', reject); s.listen(0, '127.0.0.1', resolve); });
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** Starts the emulator; resolves to { url, stop() } once it answers "ready". */
export async function startAuthEmulator() {
  const cli = process.env.AIART_FIREBASE_CLI || path.join(ROOT, 'tools/node_modules/.bin/firebase');
  if (!existsSync(cli)) {
    throw new Error(`The Firebase Auth emulator is not installed (${cli}); the sign-in tests need it. `
      + 'Run `make tools` (or `npm ci --prefix tools`) at the repository root.');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'aiart-auth-test-'));
  const [auth, hub, logging] = [await freePort(), await freePort(), await freePort()];
  writeFileSync(path.join(dir, 'firebase.json'), JSON.stringify({
    emulators: {
      auth: { host: '127.0.0.1', port: auth }, hub: { host: '127.0.0.1', port: hub },
      logging: { host: '127.0.0.1', port: logging }, ui: { enabled: false }, singleProjectMode: true,
    },
  }));
  const logFile = path.join(dir, 'emulator.log');
  const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir, TMPDIR: dir, NO_UPDATE_NOTIFIER: '1' };
  delete env.FIREBASE_AUTH_EMULATOR_HOST;
  const out = openSync(logFile, 'w');
  const child = spawn(cli, ['emulators:start', '--only', 'auth', '--project', PROJECT, '--config', path.join(dir, 'firebase.json')],
    { cwd: dir, env, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  let exited = false;
  const gone = new Promise((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const url = `http://127.0.0.1:${auth}`;

  async function stop() {
    if (!exited) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
      await gone;
      clearTimeout(timer);
    }
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* the group is empty */ }
    rmSync(dir, { recursive: true, force: true });
  }

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      const log = readFileSync(logFile, 'utf8');
      await stop();
      throw new Error(`The Firebase Auth emulator exited before it was ready:\n${log}`);
    }
    try {
      const res = await fetch(url + '/', { signal: AbortSignal.timeout(2000) });
      if (res.ok && (await res.json())?.authEmulator?.ready) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The Firebase Auth emulator was not ready after ${START_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, stop };
}
