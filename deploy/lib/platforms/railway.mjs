// Railway public GraphQL API (https://docs.railway.com/integrations/api), one endpoint:
//   POST https://backboard.railway.com/graphql/v2  { query, variables }
// Auth: a project token as `Project-Access-Token: <RAILWAY_TOKEN>` (what the Railway CLI calls
// RAILWAY_TOKEN), or an account/workspace token as `Authorization: Bearer <RAILWAY_API_TOKEN>`.
// Every operation below is validated against Railway's schema (deploy/test-support/
// railway-schema.graphql, from the CLI's introspection result) by deploy/test/railway-schema.test.mjs,
// and the tests' stand-in executes them against that schema: its API docs pages are not reliable
// about shapes (they show a selection on deploymentRollback, whose type is Boolean!).
import { shown } from '../env.mjs';
import { ApiError } from '../http.mjs';
import { tokenFor } from '../targets.mjs';
import { RAILWAY_SERVICE_SETTINGS } from '../railway-settings.mjs';

export const DEFAULT_RAILWAY_API = 'https://backboard.railway.com/graphql/v2';

export const QUERIES = Object.freeze({
  variables: `query variables($projectId: String!, $environmentId: String!, $serviceId: String) {
  variables(projectId: $projectId, environmentId: $environmentId, serviceId: $serviceId)
}`,
  upsert: `mutation variableCollectionUpsert($input: VariableCollectionUpsertInput!) {
  variableCollectionUpsert(input: $input)
}`,
  deploy: `mutation serviceInstanceDeployV2($serviceId: String!, $environmentId: String!) {
  serviceInstanceDeployV2(serviceId: $serviceId, environmentId: $environmentId)
}`,
  deployments: `query deployments($input: DeploymentListInput!, $first: Int) {
  deployments(input: $input, first: $first) { edges { node { id status createdAt canRollback } } }
}`,
  // Boolean!: no selection
  rollback: `mutation deploymentRollback($id: String!) {
  deploymentRollback(id: $id)
}`,
  serviceInstance: `query serviceInstance($serviceId: String!, $environmentId: String!) {
  serviceInstance(serviceId: $serviceId, environmentId: $environmentId) { ${Object.keys(RAILWAY_SERVICE_SETTINGS).join(' ')} }
}`,
  updateServiceInstance: `mutation serviceInstanceUpdate($serviceId: String!, $environmentId: String, $input: ServiceInstanceUpdateInput!) {
  serviceInstanceUpdate(serviceId: $serviceId, environmentId: $environmentId, input: $input)
}`,
});

async function graphql(ctx, query, variables, { read, shownVariables } = {}) {
  const url = ctx.env.RAILWAY_API_URL || DEFAULT_RAILWAY_API;
  const token = tokenFor('railway', ctx.env);
  const { json, skipped } = await ctx.http.request('POST', url, {
    headers: { [token.header[0]]: token.header[1] },
    authName: token.name,
    body: { query, variables },
    shownBody: { query: query.split('\n')[0].replace(/\s*\{$/, ' { … }'), variables: shownVariables ?? variables },
    read,
  });
  if (skipped) return null;
  if (json?.errors?.length) throw new ApiError(`Railway: ${json.errors.map((e) => e.message).join('; ')}`, { body: json });
  return json?.data ?? {};
}

const ids = (env) => ({ projectId: env.RAILWAY_PROJECT_ID, environmentId: env.RAILWAY_ENVIRONMENT_ID, serviceId: env.RAILWAY_SERVICE_ID });

export async function syncEnv(ctx, _target, desired) {
  const data = await graphql(ctx, QUERIES.variables, ids(ctx.env), { read: true });
  const existing = data ? data.variables ?? {} : null;
  const changed = {};
  const rows = [];
  for (const [name, value] of Object.entries(desired)) {
    if (existing && existing[name] === value) rows.push({ name, action: 'unchanged' });
    else {
      changed[name] = value;
      rows.push({ name, action: existing === null ? 'would set' : name in existing ? 'updated' : 'created' });
    }
  }
  if (Object.keys(changed).length) {
    const shownVars = Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, shown(k, v)]));
    // skipDeploys: the tool's `deploy` decides when the service restarts
    await graphql(ctx, QUERIES.upsert, { input: { ...ids(ctx.env), variables: changed, skipDeploys: true } },
      { shownVariables: { input: { ...ids(ctx.env), variables: shownVars, skipDeploys: true } } });
  }
  return { rows, note: ctx.http.dryRun || !Object.keys(changed).length ? null : 'Railway applies changed variables at the next deploy: run `deploy`.' };
}

const sameSetting = (a, b) => (Array.isArray(a) && Array.isArray(b)
  ? a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i])
  : a === b);

/**
 * The service settings (lib/railway-settings.mjs): read back with serviceInstance, then one
 * serviceInstanceUpdate with only what differs. Rows as for the variables.
 */
export async function syncSettings(ctx) {
  const { serviceId, environmentId } = ids(ctx.env);
  const data = await graphql(ctx, QUERIES.serviceInstance, { serviceId, environmentId }, { read: true });
  const existing = data ? data.serviceInstance ?? {} : null;
  const input = {};
  const rows = [];
  for (const [name, value] of Object.entries(RAILWAY_SERVICE_SETTINGS)) {
    if (existing && sameSetting(existing[name], value)) rows.push({ name, action: 'unchanged' });
    else {
      input[name] = Array.isArray(value) ? [...value] : value;
      rows.push({ name, action: existing === null ? 'would set' : 'updated' });
    }
  }
  if (Object.keys(input).length) {
    try {
      await graphql(ctx, QUERIES.updateServiceInstance, { serviceId, environmentId, input });
    } catch (e) {
      throw new ApiError(`${e.message} — the service settings (healthcheckPath, watchPatterns, region, …) were not applied: `
        + 'with a project token Railway may refuse serviceInstanceUpdate; use an account token (RAILWAY_API_TOKEN) or set them '
        + 'in the service\'s Settings tab as docs/DEPLOY.md §4.1 lists', { body: e.body });
    }
  }
  return { rows, note: ctx.http.dryRun || !Object.keys(input).length ? null : 'Railway uses changed service settings from the next deploy: run `deploy`.' };
}

export async function deploy(ctx) {
  const { serviceId, environmentId } = ids(ctx.env);
  const data = await graphql(ctx, QUERIES.deploy, { serviceId, environmentId });
  return data ? `deployment ${data.serviceInstanceDeployV2 ?? '?'} started` : 'would start a deployment';
}

export async function rollback(ctx, _target, { to } = {}) {
  let id = to;
  if (!id) {
    const data = await graphql(ctx, QUERIES.deployments, { input: ids(ctx.env), first: 20 }, { read: true });
    if (!data) {
      ctx.print('  would look up the deployment before the running one (query deployments), then:');
      id = '<previous deployment>';
    } else {
      const list = (data.deployments?.edges ?? []).map((e) => e.node);
      const current = list.findIndex((d) => d.status === 'SUCCESS');
      // the deployment a newer one replaced is REMOVED; failed ones are FAILED or CRASHED
      const previous = list.slice(current + 1).find((d) => d.canRollback && ['REMOVED', 'SUCCESS', 'SLEEPING'].includes(d.status));
      if (current < 0 || !previous) throw new ApiError(`railway: no earlier successful deployment to roll back to (of the last ${list.length})`);
      id = previous.id;
    }
  }
  const data = await graphql(ctx, QUERIES.rollback, { id });
  if (!data) return `would roll back to ${id}`;
  if (data.deploymentRollback !== true) throw new ApiError(`railway: the rollback to ${id} was not accepted (deploymentRollback answered ${JSON.stringify(data.deploymentRollback)})`);
  return `rolling back to ${id}: requested (Railway redeploys it; \`health\` shows when it is up)`;
}
