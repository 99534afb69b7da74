// Local stand-ins for the platform APIs, on 127.0.0.1 and a free port, answering with the
// shapes the real APIs document (sources in docs/DEPLOY.md, "Sources"). Each records every
// request it receives ({ method, path, query, headers, body }) so tests can assert exactly
// what was sent, and checks the credential the way the platform does (401 otherwise).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { buildSchema, graphql as runGraphql } from 'graphql';

async function serve(handler) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url, 'http://stub.invalid');
    let body = null;
    try { body = raw ? JSON.parse(raw) : null; } catch { body = raw; }
    const entry = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body, peer: req.socket.remoteAddress };
    requests.push(entry);
    const send = (status, json, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(json === undefined ? '' : typeof json === 'string' ? json : JSON.stringify(json));
    };
    try {
      await handler(entry, send);
    } catch (err) {
      send(500, { message: String(err) });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/**
 * Render API v1. state: { token, services: { [id]: { env: {key: value}, deploys: [{id, status}] } } }
 * (deploys newest first, as the API lists them).
 */
export async function renderStub(state) {
  const stub = await serve((req, send) => {
    if (req.headers.authorization !== `Bearer ${state.token}`) return send(401, { id: 'unauthorized', message: 'Authorization information is missing or invalid.' });
    const m = req.path.match(/^\/v1\/services\/([^/]+)(\/.*)?$/);
    const svc = m && state.services[m[1]];
    if (!svc) return send(404, { id: 'not_found', message: 'Unable to find the requested resource.' });
    const rest = m[2] ?? '';
    let e;
    if (req.method === 'GET' && rest === '/env-vars') {
      const items = Object.entries(svc.env).map(([key, value], i) => ({ envVar: { key, value }, cursor: `c${i}` }));
      const start = req.query.cursor ? Number(req.query.cursor.slice(1)) + 1 : 0;
      return send(200, items.slice(start, start + Number(req.query.limit ?? 20)));
    }
    if (req.method === 'PUT' && (e = rest.match(/^\/env-vars\/([^/]+)$/))) {
      const key = decodeURIComponent(e[1]);
      if (typeof req.body?.value !== 'string') return send(400, { id: 'bad_request', message: 'value is required' });
      svc.env[key] = req.body.value;
      return send(200, { key, value: req.body.value });
    }
    if (req.method === 'POST' && rest === '/deploys') {
      const deploy = { id: `dep-new${svc.deploys.length}`, status: 'created', trigger: 'api', createdAt: new Date().toISOString() };
      svc.deploys.unshift(deploy);
      return send(201, deploy);
    }
    if (req.method === 'GET' && rest === '/deploys') {
      return send(200, svc.deploys.slice(0, Number(req.query.limit ?? 20)).map((deploy, i) => ({ deploy, cursor: `d${i}` })));
    }
    if (req.method === 'POST' && rest === '/rollback') {
      if (!svc.deploys.some((d) => d.id === req.body?.deployId)) return send(404, { id: 'not_found', message: 'deploy not found' });
      const deploy = { id: `dep-rb${svc.deploys.length}`, status: 'created', trigger: 'rollback' };
      svc.deploys.unshift(deploy);
      return send(201, deploy);
    }
    return send(404, { id: 'not_found', message: `no route ${req.method} ${req.path}` });
  });
  return stub;
}

/** Railway's schema (the part the tool uses; railway-schema.graphql says where it comes from). */
export const RAILWAY_SCHEMA = buildSchema(readFileSync(new URL('./railway-schema.graphql', import.meta.url), 'utf8'));

/** A Railway service instance as a new service has it: no health check, no watch patterns, Railway's defaults. */
export function newRailwayServiceInstance({ serviceId, environmentId } = {}) {
  return {
    id: 'si-0', serviceId, environmentId, serviceName: 'aiart', builder: 'RAILPACK', isUpdatable: true,
    createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
    dockerfilePath: null, watchPatterns: [], healthcheckPath: null, healthcheckTimeout: null,
    // "The default is `On Failure` with a maximum of 10 restarts" (Railway, restart policy)
    restartPolicyType: 'ON_FAILURE', restartPolicyMaxRetries: 10,
    drainingSeconds: null, overlapSeconds: null, region: 'us-west2', railwayConfigFile: null, numReplicas: 1,
    activeDeployments: [], latestDeployment: null,
  };
}

/**
 * Railway GraphQL (POST /graphql/v2), executed against Railway's schema with graphql-js, so an
 * unknown field or argument, a wrong variable type or a selection on a scalar is an error with
 * graphql-js's message, and every answer has the schema's shape (`{ data, errors }`, HTTP 200).
 * state: { projectToken, projectId, environmentId, serviceId, variables: {k: v},
 * deployments: [{ id, status, canRollback }] (newest first), serviceInstance?, rejectUpsert?,
 * refuseSettings? }.
 */
export async function railwayStub(state) {
  const sameIds = (o, keys = ['projectId', 'environmentId', 'serviceId']) => {
    if (keys.some((k) => o?.[k] !== state[k])) throw new Error('Project not found');
  };
  const instance = () => (state.serviceInstance ??= newRailwayServiceInstance(state));
  const rootValue = {
    variables: (a) => { sameIds(a); return { ...state.variables }; },
    variableCollectionUpsert: ({ input }) => {
      sameIds(input);
      // an API that quotes what it was sent in its error (the tool must redact it)
      if (state.rejectUpsert) throw new Error(`Invalid variables: ${JSON.stringify(input.variables)}`);
      Object.assign(state.variables, input.variables);
      return true;
    },
    serviceInstanceDeployV2: (a) => {
      sameIds(a, ['environmentId', 'serviceId']);
      state.deployments.unshift({ id: `new-${state.deployments.length}`, status: 'BUILDING', canRollback: false });
      return state.deployments[0].id;
    },
    deployments: ({ input, first }) => {
      sameIds(input);
      const edges = state.deployments.slice(0, first ?? 10).map((d, i) => ({ cursor: `c${i}`, node: { createdAt: '2026-01-01T00:00:00Z', ...d } }));
      return { edges, pageInfo: { hasNextPage: state.deployments.length > edges.length, hasPreviousPage: false } };
    },
    deploymentRollback: ({ id }) => {
      if (!state.deployments.some((d) => d.id === id)) throw new Error('Deployment not found');
      state.rolledBackTo = id;
      return true;
    },
    serviceInstance: (a) => { sameIds(a, ['environmentId', 'serviceId']); return instance(); },
    serviceInstanceUpdate: ({ serviceId, environmentId, input }) => {
      sameIds({ serviceId, environmentId }, ['environmentId', 'serviceId']);
      if (state.refuseSettings) throw new Error('Not Authorized');
      Object.assign(instance(), input);
      return true;
    },
  };
  return serve(async (req, send) => {
    if (req.method !== 'POST' || req.path !== '/graphql/v2') return send(404, { message: 'Not Found' });
    if (req.headers['project-access-token'] !== state.projectToken) {
      return send(200, { errors: [{ message: 'Not Authorized' }], data: null });
    }
    const { query, variables } = req.body ?? {};
    const result = await runGraphql({ schema: RAILWAY_SCHEMA, source: query ?? '', variableValues: variables, rootValue });
    return send(200, JSON.parse(JSON.stringify(result)));
  });
}

/**
 * Fly Machines API (/v1). state: { token, app, secrets: {name: value}, version (of the secrets),
 * machines: [{ id, state, config }], versions: { [machineId]: [{ version, user_config }] },
 * propagating? (how many machine updates answer 412 before the newest secrets reach the hosts) }.
 * A machine update with a min_secrets_version the app does not have answers 412, as Fly does
 * ("min_secrets_version 3 is not yet available on this app").
 */
export async function flyStub(state) {
  return serve((req, send) => {
    if (req.headers.authorization !== `Bearer ${state.token}`) return send(401, { error: 'unauthorized' });
    const m = req.path.match(/^\/v1\/apps\/([^/]+)(\/.*)$/);
    if (!m || m[1] !== state.app) return send(404, { error: 'app not found' });
    const rest = m[2];
    let e;
    if (req.method === 'POST' && rest === '/secrets') {
      state.version = (state.version ?? 0) + 1;
      for (const [k, v] of Object.entries(req.body.values)) {
        if (v === null) delete state.secrets[k]; else state.secrets[k] = v;
      }
      return send(200, { secrets: Object.keys(state.secrets).map((name) => ({ name, digest: `d-${name}` })), version: state.version });
    }
    if (req.method === 'GET' && rest === '/machines') return send(200, state.machines);
    if (req.method === 'GET' && (e = rest.match(/^\/machines\/([^/]+)\/versions$/))) return send(200, state.versions?.[e[1]] ?? []);
    if (req.method === 'POST' && (e = rest.match(/^\/machines\/([^/]+)$/))) {
      const machine = state.machines.find((x) => x.id === e[1]);
      if (!machine) return send(404, { error: 'machine not found' });
      if (!req.body?.config?.image) return send(400, { error: 'config.image is required' });
      // a secrets version the app does not have (yet), or one still on its way to the machine's host
      const min = req.body.min_secrets_version;
      if (min !== undefined && (!Number.isInteger(min) || min > (state.version ?? 0) || (state.propagating ?? 0) > 0)) {
        if (state.propagating > 0) state.propagating--;
        return send(412, { error: `min_secrets_version ${min} is not yet available on this app` });
      }
      machine.config = req.body.config;
      machine.secretsVersion = min;
      return send(200, { ...machine, state: 'replacing' });
    }
    return send(404, { error: `no route ${req.method} ${req.path}` });
  });
}

/**
 * A backend that answers 503 on readiness for the first `readyAfter` polls, then 200.
 * With `clientAddress`, it also serves GET /api/v1/client-address by the backend's rule
 * (docs/DEPLOY.md, "Visitors' addresses"): the `clientIpHeader` header when it carries a valid
 * IP address; else, with `trustedProxies` > 0, the X-Forwarded-For entry that many from the
 * right (the leftmost when there are fewer); else the peer. Without it, it is an older backend
 * that answers 404 there.
 */
export async function backendStub({ instance = 'primary', readyAfter = 0, never = false, clientAddress = false, clientIpHeader = '', trustedProxies = 0 } = {}) {
  let polls = 0;
  return serve((req, send) => {
    if (req.path === '/q/health/ready') {
      polls++;
      if (never || polls <= readyAfter) return send(503, { status: 'DOWN', checks: [{ name: 'MongoDB connection health check', status: 'DOWN' }] });
      return send(200, { status: 'UP', checks: [] });
    }
    if (req.path === '/api/v1/health') {
      if (never || polls <= readyAfter) return send(503, { success: false, error_type: 'resource_limit', health: { status: 'down', instance } });
      return send(200, { status: 'healthy', instance, version: '1.0.0', hibernating: false, queue_length: 0, load: 0.1 });
    }
    if (req.path === '/api/v1/client-address' && clientAddress) {
      const named = clientIpHeader ? String(req.headers[clientIpHeader.toLowerCase()] ?? '').trim() : '';
      if (named && isIP(named)) return send(200, { address: named, source: `header ${clientIpHeader}` });
      if (trustedProxies > 0) {
        const hops = String(req.headers['x-forwarded-for'] ?? '').split(',').map((h) => h.trim()).filter(Boolean);
        if (hops.length) return send(200, { address: hops[Math.max(0, hops.length - trustedProxies)], source: 'x-forwarded-for' });
      }
      return send(200, { address: req.peer, source: 'peer' });
    }
    return send(404, {});
  });
}

/**
 * A platform's proxy in front of a backend, putting the visitor's address where that platform
 * does (docs/DEPLOY.md, "Visitors' addresses", and its sources). Every request is forwarded to
 * `upstream` as if it came from `client`; `forged` is what that visitor wrote into
 * X-Forwarded-For himself.
 *   fly      Fly-Client-IP: C; X-Forwarded-For: <forged>, C, <the app's shared IP>
 *   railway  X-Real-IP: C (a forged one overwritten); X-Forwarded-For: C, <edge, another per request>
 *            (forged entries stripped)
 *   render   True-Client-IP: C, CF-Connecting-IP: C; X-Forwarded-For: <forged>, C, <Cloudflare edge>, <Render 10.x>
 */
export async function platformProxyStub(platform, { upstream, client = '203.0.113.7', forged } = {}) {
  let n = 0;
  const layouts = {
    fly: () => ({ 'fly-client-ip': client, 'x-forwarded-for': [forged, client, '66.241.125.40'] }),
    railway: () => ({ 'x-real-ip': client, 'x-forwarded-for': [client, `152.233.33.${161 + (n % 3)}`] }),
    render: () => ({ 'true-client-ip': client, 'cf-connecting-ip': client, 'x-forwarded-for': [forged, client, `172.70.247.${28 + (n % 2)}`, `10.19.6.${53 + (n % 3)}`] }),
  };
  if (!layouts[platform]) throw new Error(`no proxy stand-in for ${platform}`);
  return serve(async (req, send) => {
    n++;
    const set = layouts[platform]();
    const headers = { accept: req.headers.accept ?? '*/*', ...set, 'x-forwarded-for': set['x-forwarded-for'].filter(Boolean).join(', ') };
    const query = new URLSearchParams(req.query).toString();
    const res = await fetch(`${upstream}${req.path}${query ? `?${query}` : ''}`, { method: req.method, headers });
    send(res.status, await res.text(), { 'content-type': res.headers.get('content-type') ?? 'application/json' });
  });
}

/** A static host serving a config.js. */
export async function siteStub(configJs) {
  return serve((req, send) => {
    if (req.path === '/config.js') return send(200, configJs, { 'content-type': 'text/javascript; charset=utf-8' });
    return send(404, {});
  });
}
