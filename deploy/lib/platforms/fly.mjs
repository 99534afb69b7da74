// Fly.io Machines API (https://fly.io/docs/machines/api/, spec https://docs.machines.dev):
//   POST /apps/{app}/secrets  { values: { NAME: value } }  → { secrets: [{ name, digest }], version }
//   GET  /apps/{app}/machines                              → [{ id, state, config, image_ref, … }]
//   POST /apps/{app}/machines/{id}  { config, min_secrets_version }
//                                                          → updates (and restarts) one machine, with
//                                                            at least that version of the app secrets
//                                                            (412 while that version has not reached it)
//   GET  /apps/{app}/machines/{id}/versions                → [{ version, user_config }]
// Auth: `Authorization: Bearer <FLY_API_TOKEN>` (fly tokens create deploy).
// Secrets reach a machine when it (re)starts, so `sync` is followed by `deploy`, which updates
// every machine with its current config (and --image, if given) and the app's latest secrets
// version as min_secrets_version, as flyctl does (superfly/fly-go LaunchMachineInput; flyctl
// internal/appsecrets): without it a machine may start with the secrets it had. The version is
// learnt as `fly secrets sync` learns it: unsetting a secret that does not exist answers the
// current version and changes nothing. New code on Fly is built by `fly deploy` (its remote
// builder); this tool does not build images.
import { randomBytes } from 'node:crypto';
import { shown } from '../env.mjs';
import { ApiError } from '../http.mjs';

export const DEFAULT_FLY_API = 'https://api.machines.dev/v1';

function context(ctx) {
  const base = (ctx.env.FLY_API_URL || DEFAULT_FLY_API).replace(/\/+$/, '');
  const app = `${base}/apps/${encodeURIComponent(ctx.env.FLY_APP)}`;
  return { app, opts: { headers: { Authorization: `Bearer ${ctx.env.FLY_API_TOKEN}` }, authName: 'FLY_API_TOKEN' } };
}

export async function syncEnv(ctx, _target, desired) {
  const c = context(ctx);
  if (!Object.keys(desired).length) return { rows: [] };
  const shownValues = Object.fromEntries(Object.entries(desired).map(([k, v]) => [k, shown(k, v)]));
  const { json, skipped } = await ctx.http.request('POST', `${c.app}/secrets`, { ...c.opts, body: { values: desired }, shownBody: { values: shownValues } });
  // Fly shows only digests, never values, so every value is sent; setting the same value again changes nothing
  const rows = Object.keys(desired).map((name) => ({ name, action: skipped ? 'would set' : 'set' }));
  return { rows, note: skipped ? null : `Fly stored secrets version ${json?.version ?? '?'}; machines use them after \`deploy\`.` };
}

async function machines(ctx, c) {
  const { json, skipped } = await ctx.http.request('GET', `${c.app}/machines`, c.opts);
  if (skipped) return null;
  return (Array.isArray(json) ? json : []).filter((m) => !['destroyed', 'destroying'].includes(m.state)
    && !/^fly_app_(release_command|console)$/.test(m.config?.metadata?.fly_process_group ?? ''));
}

/** Fly's answer while a secrets version has not reached the machines' hosts yet. */
const NOT_YET = 412;
/** Updates tried while Fly answers 412, the pause growing by FLY_SECRETS_WAIT_MS (default 1 s) each time. */
const SECRETS_ATTEMPTS = 5;

/** The app's current secrets version: unsetting a secret that does not exist changes nothing and answers it. */
async function secretsVersion(ctx, c) {
  const probe = `AIART_DEPLOY_VERSION_PROBE_${randomBytes(6).toString('hex').toUpperCase()}`;
  const { json, skipped } = await ctx.http.request('POST', `${c.app}/secrets`, { ...c.opts, body: { values: { [probe]: null } } });
  if (skipped) return '<secrets version>';
  if (!Number.isInteger(json?.version)) throw new ApiError(`fly: POST …/secrets answered no secrets version (${JSON.stringify(json)?.slice(0, 200)})`);
  return json.version;
}

async function update(ctx, c, machine, image, minSecretsVersion) {
  const config = { ...machine.config, ...(image ? { image } : {}) };
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.http.request('POST', `${c.app}/machines/${encodeURIComponent(machine.id)}`, {
        ...c.opts,
        body: { config, min_secrets_version: minSecretsVersion },
        shownBody: { config: `<config of machine ${machine.id}>${image ? ` with image ${image}` : ''}`, min_secrets_version: minSecretsVersion },
      });
      return;
    } catch (e) {
      // the secrets just stored are not on the machine's host yet: ask again shortly
      if (e.status !== NOT_YET || attempt >= SECRETS_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, Number(ctx.env.FLY_SECRETS_WAIT_MS || 1000) * attempt));
    }
  }
}

export async function deploy(ctx, _target, { image } = {}) {
  const c = context(ctx);
  const list = await machines(ctx, c);
  if (!list) {
    ctx.print('  would learn the secrets version, list the machines (GET …/machines), then update each with its config:');
    await update(ctx, c, { id: '<machine>', config: {} }, image, await secretsVersion(ctx, c));
    return 'would update every machine';
  }
  if (!list.length) throw new ApiError('fly: the app has no machines yet: run `fly deploy --ha=false` once first');
  const version = await secretsVersion(ctx, c);
  for (const m of list) await update(ctx, c, m, image, version);
  return `updated ${list.length} machine${list.length > 1 ? 's' : ''} (${list.map((m) => m.id).join(', ')})${image ? ` to ${image}` : ''}, with secrets version ${version} or newer`;
}

export async function rollback(ctx, _target, { to } = {}) {
  const c = context(ctx);
  const list = await machines(ctx, c);
  if (!list) {
    ctx.print('  would learn the secrets version, list the machines and their config versions, then put each back on its previous image:');
    await update(ctx, c, { id: '<machine>', config: {} }, to ?? '<previous image>', await secretsVersion(ctx, c));
    return 'would roll back every machine';
  }
  if (!list.length) throw new ApiError('fly: the app has no machines');
  const version = await secretsVersion(ctx, c);
  const done = [];
  for (const m of list) {
    let image = to;
    if (!image) {
      const { json } = await ctx.http.request('GET', `${c.app}/machines/${encodeURIComponent(m.id)}/versions`, c.opts);
      const versions = (Array.isArray(json) ? json : []).slice().sort((a, b) => String(b.version).localeCompare(String(a.version)));
      image = versions.map((v) => v.user_config?.image).find((img) => img && img !== m.config?.image);
      if (!image) throw new ApiError(`fly: machine ${m.id} has no earlier image to roll back to`);
    }
    await update(ctx, c, m, image, version);
    done.push(`${m.id} → ${image}`);
  }
  return `rolled back ${done.join(', ')}`;
}
