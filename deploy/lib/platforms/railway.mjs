// Railway public GraphQL API (https://docs.railway.com/integrations/api), one endpoint:
//   POST https://backboard.railway.com/graphql/v2  { query, variables }
// Auth: a project token as `Project-Access-Token: <RAILWAY_TOKEN>` (what the Railway CLI calls
// RAILWAY_TOKEN), or an account/workspace token as `Authorization: Bearer <RAILWAY_API_TOKEN>`.
import { shown } from '../env.mjs';
import { ApiError } from '../http.mjs';
import { tokenFor } from '../targets.mjs';

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
  rollback: `mutation deploymentRollback($id: String!) {
  deploymentRollback(id: $id) { id status }
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
  return data ? `rolling back to ${id}: deployment ${data.deploymentRollback?.id ?? '?'} (${data.deploymentRollback?.status ?? 'queued'})` : `would roll back to ${id}`;
}
