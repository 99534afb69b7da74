// Render API v1 (https://api-docs.render.com): env vars per key, deploys, rollbacks.
//   GET  /services/{id}/env-vars?limit=100[&cursor=]   → [{ envVar: { key, value }, cursor }]
//   PUT  /services/{id}/env-vars/{key}  { value }      → adds or updates one variable (others untouched)
//   POST /services/{id}/deploys  { clearCache }        → { id, status, … }
//   GET  /services/{id}/deploys?limit=20               → [{ deploy: { id, status, … }, cursor }], newest first
//   POST /services/{id}/rollback { deployId }          → { id, status, trigger: "rollback" }
// Auth: `Authorization: Bearer <RENDER_API_KEY>`.
import { shown } from '../env.mjs';
import { ApiError } from '../http.mjs';

export const DEFAULT_RENDER_API = 'https://api.render.com/v1';
const PAGE = 100;

function context(ctx, target) {
  const base = (ctx.env.RENDER_API_URL || DEFAULT_RENDER_API).replace(/\/+$/, '');
  const id = target === 'render-site' ? ctx.env.RENDER_SITE_SERVICE_ID : ctx.env.RENDER_BACKEND_SERVICE_ID;
  return { base, id, svc: `${base}/services/${encodeURIComponent(id)}`, opts: { headers: { Authorization: `Bearer ${ctx.env.RENDER_API_KEY}` }, authName: 'RENDER_API_KEY' } };
}

async function currentEnv(ctx, c) {
  const vars = {};
  let cursor = null;
  for (;;) {
    const { json, skipped } = await ctx.http.request('GET', `${c.svc}/env-vars?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, c.opts);
    if (skipped) return null;
    const page = Array.isArray(json) ? json : [];
    for (const item of page) if (item?.envVar?.key) vars[item.envVar.key] = item.envVar.value ?? '';
    if (page.length < PAGE) return vars;
    cursor = page[page.length - 1].cursor;
  }
}

export async function syncEnv(ctx, target, desired) {
  const c = context(ctx, target);
  const existing = await currentEnv(ctx, c);
  const rows = [];
  for (const [name, value] of Object.entries(desired)) {
    if (existing && existing[name] === value) { rows.push({ name, action: 'unchanged' }); continue; }
    await ctx.http.request('PUT', `${c.svc}/env-vars/${encodeURIComponent(name)}`, { ...c.opts, body: { value }, shownBody: { value: shown(name, value) } });
    rows.push({ name, action: existing === null ? 'would set' : name in existing ? 'updated' : 'created' });
  }
  return { rows, note: ctx.http.dryRun ? null : 'Render applies changed variables at the next deploy: run `deploy`.' };
}

export async function deploy(ctx, target) {
  const c = context(ctx, target);
  const { json, skipped } = await ctx.http.request('POST', `${c.svc}/deploys`, { ...c.opts, body: { clearCache: 'do_not_clear' } });
  return skipped ? 'would start a deploy' : `deploy ${json?.id ?? '?'} started (${json?.status ?? 'queued'})`;
}

export async function rollback(ctx, target, { to } = {}) {
  const c = context(ctx, target);
  let deployId = to;
  if (!deployId) {
    const { json, skipped } = await ctx.http.request('GET', `${c.svc}/deploys?limit=20`, c.opts);
    if (skipped) {
      ctx.print('  would look up the deploy before the live one (GET …/deploys?limit=20), then:');
      deployId = '<previous deploy>';
    } else {
      const deploys = (Array.isArray(json) ? json : []).map((d) => d.deploy ?? d);
      const live = deploys.findIndex((d) => d.status === 'live');
      // a deploy that went live and was later replaced is "deactivated"; failed ones never went live
      const previous = deploys.slice(live + 1).find((d) => d.status === 'deactivated');
      if (live < 0 || !previous) throw new ApiError(`${target}: no earlier successful deploy to roll back to (of the last ${deploys.length})`);
      deployId = previous.id;
    }
  }
  const { json, skipped } = await ctx.http.request('POST', `${c.svc}/rollback`, { ...c.opts, body: { deployId } });
  return skipped ? `would roll back to ${deployId}` : `rolling back to ${deployId}: deploy ${json?.id ?? '?'} (${json?.status ?? 'queued'})`;
}
