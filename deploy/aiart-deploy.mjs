#!/usr/bin/env node
// aiart-deploy: checks and pushes AiArt's settings to Railway, Render and Fly.io, starts and
// rolls back deploys, and waits for the backends to be healthy. Plain Node (20+), no packages.
// docs/DEPLOY.md explains every step; `node deploy/aiart-deploy.mjs help` lists the commands.
import { parseArgs } from 'node:util';
import { SITE_KEYS as FRONTEND_KEYS } from './lib/site-keys.mjs';
import { backendEnvNames } from './lib/config-keys.mjs';
import { loadSettings, makeRedactor, DEFAULT_ENV_FILE } from './lib/env.mjs';
import { TARGETS, selectTargets, desiredEnv, tokenFor } from './lib/targets.mjs';
import { check } from './lib/check.mjs';
import { runCanary } from './lib/canary.mjs';
import { createHttp } from './lib/http.mjs';
import { healthTargets, pollHealth, checkClientAddresses } from './lib/health.mjs';
import { isIP } from 'node:net';
import * as render from './lib/platforms/render.mjs';
import * as railway from './lib/platforms/railway.mjs';
import * as fly from './lib/platforms/fly.mjs';

const PLATFORMS = { render, railway, fly };

const USAGE = `Usage: node deploy/aiart-deploy.mjs <command> [options]

Commands
  check      say, per platform, which settings are missing or malformed (nothing is sent)
  sync       push the settings to Railway, Render and Fly through their APIs (only changes);
             on Railway also the service settings of railway.toml (health check, watch
             patterns, restart policy, overlap, draining, region)
  deploy     start a deploy on each platform (--wait: then wait for health)
  health     poll each backend's /q/health/ready and /api/v1/health until healthy, print a table;
             then ask each backend which address it takes for yours (/api/v1/client-address)
  rollback   put each platform back on its previous successful deploy

Options
  --env-file <file>    settings file (default deploy/aiart.env; see deploy/aiart.env.example)
  --platform <names>   railway, render, fly (or render-backend, render-site); comma separated.
                       Default: every platform whose ids are set.
  --dry-run            print the requests that would be sent, secret values masked; send none
  --strict             check: warnings fail too
  --canary             check: also ask the real services whether the configured models exist
                       (Gemini's models.get with the key of the settings; calls the network)
  --timeout <seconds>  health: give up after this long (default 300)
  --interval <seconds> health: pause between polls (default 5)
  --client-ip <addr>   health: your public address; each backend must take exactly this one
  --image <ref>        deploy/rollback on Fly: the image to run (e.g. registry.fly.io/app:tag)
  --to <id>            rollback: this deploy id instead of the previous successful one
  --wait               deploy: wait for health afterwards

Platform APIs (overridable for tests): RENDER_API_URL, RAILWAY_API_URL, FLY_API_URL.
Tokens: RENDER_API_KEY, RAILWAY_TOKEN (project token) or RAILWAY_API_TOKEN, FLY_API_TOKEN.`;

export async function main(argv = process.argv.slice(2), { stdout = process.stdout, stderr = process.stderr, env: processEnv = process.env, fetch: fetchImpl } = {}) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'env-file': { type: 'string' }, platform: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' }, strict: { type: 'boolean' }, canary: { type: 'boolean' }, wait: { type: 'boolean' },
        timeout: { type: 'string' }, interval: { type: 'string' }, image: { type: 'string' },
        to: { type: 'string' }, 'client-ip': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values: opts, positionals } = parsed;
  if (opts['client-ip'] !== undefined && !isIP(opts['client-ip'].trim())) {
    stderr.write(`--client-ip: "${opts['client-ip']}" is not an IP address (e.g. 203.0.113.7 or 2001:db8::7)\n`);
    return 2;
  }
  const command = positionals[0] ?? (opts.help ? 'help' : undefined);
  if (!command || command === 'help' || opts.help) { stdout.write(`${USAGE}\n`); return command ? 0 : 2; }
  if (!['check', 'sync', 'deploy', 'health', 'rollback'].includes(command)) {
    stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }

  const backendNames = backendEnvNames();
  const knownNames = new Set([...backendNames.keys(), ...Object.keys(FRONTEND_KEYS)]);
  const settings = loadSettings({ envFile: opts['env-file'], processEnv, knownNames });
  const redact = makeRedactor(settings.env);
  const out = (line = '') => stdout.write(`${redact(line)}\n`);
  const err = (line = '') => stderr.write(`${redact(line)}\n`);
  if (settings.errors.length) { settings.errors.forEach((e) => err(e)); return 2; }

  let targets;
  try {
    targets = selectTargets(settings.env, (opts.platform ?? []).flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean));
  } catch (e) { err(e.message); return 2; }
  const env = settings.env;
  const source = settings.file ? settings.file.replace(`${process.cwd()}/`, '') : `the environment (no ${DEFAULT_ENV_FILE.replace(`${process.cwd()}/`, '')})`;

  try {
    switch (command) {
      case 'check': return opts.canary ? Math.max(runCheck(), await runModelCanary()) : runCheck();
      case 'health': return await runHealth(targets);
      default: return await runPlatformCommand(command);
    }
  } catch (e) {
    err(`${command} failed: ${e.message}`);
    return 1;
  }

  function runCheck() {
    const result = check(env, targets, { backendNames, frontendKeys: FRONTEND_KEYS, fromFile: settings.fromFile });
    out(`aiart-deploy check — settings from ${source}`);
    if (!(opts.platform ?? []).length && !Object.values(TARGETS).some((t) => t.ids.some((id) => env[id]))) {
      out('No platform ids set yet, so every platform is shown (Fly.io is the alternative to Render for the fallback backend).');
    }
    let errors = 0;
    let warnings = 0;
    const print = (f) => {
      const mark = f.level === 'ok' ? '✓' : f.level === 'warn' ? '!' : '✗';
      if (f.level === 'error') errors++;
      if (f.level === 'warn') warnings++;
      out(`  ${mark} ${f.name.padEnd(36)} ${f.message}`);
    };
    if (result.general.length) { out('\nsettings file'); result.general.forEach(print); }
    for (const [target, findings] of result.byTarget) {
      out(`\n${target} — ${TARGETS[target].title}`);
      findings.forEach(print);
    }
    out(`\n${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.${errors ? ' Fix the errors (✗) before `sync`.' : ' Ready for `sync`.'}`);
    return errors || (opts.strict && warnings) ? 1 : 0;
  }

  /** `check --canary`: the configured models, asked of the real services (lib/canary.mjs). */
  async function runModelCanary() {
    out('\nmodel canary — the configured models, asked of the services (docs/PROVIDERS.md, "Model canary")');
    const findings = await runCanary(env, { fetch: fetchImpl });
    let errors = 0;
    let warnings = 0;
    for (const f of findings) {
      const mark = f.level === 'ok' ? '✓' : f.level === 'warn' ? '!' : '✗';
      if (f.level === 'error') errors++;
      if (f.level === 'warn') warnings++;
      const what = f.model === '-' ? f.provider : `${f.provider} ${f.model}`;
      out(`  ${mark} ${what.padEnd(36)} ${f.message}${f.level === 'error' ? ` — set ${f.names.join(' / ')} to a model that exists` : ''}`);
    }
    out(`\n${errors} missing model${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`);
    return errors || (opts.strict && warnings) ? 1 : 0;
  }

  async function runHealth(forTargets) {
    const list = healthTargets(env, forTargets);
    if (!list.length) { err('nothing to poll: set AIART_PRIMARY_URL, AIART_FALLBACK_URL (and AIART_CORS_ORIGINS for the site)'); return 2; }
    const timeoutMs = Number(opts.timeout ?? 300) * 1000;
    out(`Polling ${list.map((t) => t.name).join(', ')} for up to ${timeoutMs / 1000} s (a sleeping free-tier backend takes a while to wake)…`);
    const results = await pollHealth(list, {
      env, timeoutMs, intervalMs: Number(opts.interval ?? 5) * 1000, fetch: fetchImpl,
    });
    const rows = results.map((r) => [r.healthy ? '✓' : '✗', r.name, r.url, r.ready, r.api, r.seconds !== null ? `${r.seconds} s` : '-', r.detail]);
    table(['', 'what', 'url', '/q/health/ready', '/api/v1/health', 'healthy after', 'detail'], rows).forEach((l) => out(l));
    const bad = results.filter((r) => !r.healthy);
    if (bad.length) out(`\nNot healthy within ${timeoutMs / 1000} s: ${bad.map((r) => r.name).join(', ')}. See the platform's logs (docs/DEPLOY.md, "When something is wrong").`);
    // the visitor's address, asked of the backends that answer
    const healthy = list.filter((t) => t.kind === 'backend' && results.find((r) => r.name === t.name)?.healthy);
    let wrongAddress = 0;
    if (healthy.length) {
      const { rows: addressRows, problems } = await checkClientAddresses(healthy, { clientIp: opts['client-ip']?.trim(), fetch: fetchImpl });
      out(`\nYour address as each backend takes it${opts['client-ip'] ? ` (yours: ${opts['client-ip'].trim()})` : ''} — docs/DEPLOY.md, "Visitors' addresses":`);
      table(['', 'what', 'address', 'from', 'note'], addressRows.map((r) => [r.mark, r.name, r.address, r.source, r.note])).forEach((l) => out(l));
      problems.forEach((p) => err(`  ✗ ${p}`));
      wrongAddress = problems.length;
    }
    return bad.length || wrongAddress ? 1 : 0;
  }

  async function runPlatformCommand(cmd) {
    const dryRun = Boolean(opts['dry-run']);
    // Settings must pass `check` before they are pushed; deploys and rollbacks need only the ids and a token.
    const result = check(env, targets, { backendNames, frontendKeys: FRONTEND_KEYS, fromFile: settings.fromFile });
    const blocking = [];
    for (const [target, findings] of result.byTarget) {
      const needed = cmd === 'sync' ? findings : findings.filter((f) => [...TARGETS[target].ids, ...TARGETS[target].tokens, TARGETS[target].tokens.join(' or ')].includes(f.name));
      for (const f of needed) if (f.level === 'error' && !(dryRun && TARGETS[target].tokens.join(' or ') === f.name)) blocking.push(`${target}: ${f.name} ${f.message}`);
    }
    if (cmd === 'sync') for (const f of result.general) if (f.level === 'error') blocking.push(`${f.name} ${f.message}`);
    if (blocking.length) {
      err(`${cmd}: not sent — fix these first (\`check\` shows everything):`);
      blocking.forEach((b) => err(`  ✗ ${b}`));
      return 1;
    }

    const http = createHttp({ dryRun, print: out, fetch: fetchImpl });
    let failed = 0;
    for (const target of targets) {
      const t = TARGETS[target];
      const platform = PLATFORMS[t.platform];
      out(`\n${target} — ${t.title}${dryRun ? ' (dry run: nothing is sent)' : ''}`);
      const ctx = { http, env: dryRun && !tokenFor(target, env) ? { ...env, ...placeholderTokens(target) } : env, print: out };
      try {
        if (cmd === 'sync') {
          const desired = desiredEnv(target, env, { backendNames, frontendKeys: FRONTEND_KEYS });
          const printRows = ({ rows, note }, what) => {
            for (const r of rows) out(`  ${r.action.padEnd(10)} ${r.name}`);
            const changed = rows.filter((r) => r.action !== 'unchanged').length;
            out(`  ${rows.length} ${what}${rows.length === 1 ? '' : 's'}, ${changed} ${dryRun ? 'to send' : 'changed'}${note ? `. ${note}` : ''}`);
          };
          printRows(await platform.syncEnv(ctx, target, desired), 'setting');
          // the service's own settings, where the platform file is no longer read (Railway)
          if (platform.syncSettings) printRows(await platform.syncSettings(ctx, target), 'service setting');
        } else if (cmd === 'deploy') {
          out(`  ${await platform.deploy(ctx, target, { image: opts.image })}`);
        } else if (cmd === 'rollback') {
          out(`  ${await platform.rollback(ctx, target, { to: opts.to ?? (t.platform === 'fly' ? opts.image : undefined) })}`);
        }
      } catch (e) {
        failed++;
        err(`  ✗ ${target}: ${e.message}`);
      }
    }
    if (cmd === 'deploy' && opts.wait && !dryRun && !failed) return runHealth(targets);
    return failed ? 1 : 0;
  }
}

function placeholderTokens(target) {
  return Object.fromEntries(TARGETS[target].tokens.map((n) => [n, `<${n}>`]));
}

function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('aiart-deploy.mjs')) {
  main().then((code) => { process.exitCode = code; });
}
