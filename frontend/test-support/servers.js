// Shared test helpers (kept outside test/ so `node --test test/` does not run this file as a test):
// real node:http servers on 127.0.0.1, port 0, counting requests.
import http from 'node:http';

/**
 * Start a server whose `handler(req, res, body)` runs after the request body is read.
 * Every request is recorded in `requests` ({ method, url, headers, body }).
 */
export async function startServer(handler) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get count() { return requests.length; },
    /** Requests to one path only (e.g. '/api/v1/health'). */
    countOf(path) { return requests.filter((r) => r.url === path).length; },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A URL on which nothing listens (connection refused): listen on port 0, then close. */
export async function refusedUrl() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

export function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const TITLES = { 400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
  413: 'Payload too large', 415: 'Unsupported media type', 429: 'Too many requests', 500: 'Internal error',
  502: 'Bad gateway', 503: 'Service unavailable', 504: 'Gateway timeout' };

/** An application/problem+json answer shaped like the backend's (docs/ARCHITECTURE.md, "Errors"). */
export function sendProblem(res, status, fields = {}) {
  const body = {
    success: false,
    error_type: fields.error_type ?? 'internal',
    message: fields.message ?? 'Something went wrong.',
    status,
    title: TITLES[status] ?? 'Error',
    type: `/problems/${fields.error_type ?? 'internal'}`,
    ...fields,
  };
  const headers = { 'Content-Type': 'application/problem+json' };
  if (body.retry_after != null) headers['Retry-After'] = String(body.retry_after);
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}

/** A minimal Job document as the backend returns it. */
export function job(id = 'job-1', extra = {}) {
  return {
    id, kind: 'text-to-image', status: 'queued', position: 1, eta_seconds: 5, progress: null,
    tier: 'anonymous', provider: null, created_at: new Date().toISOString(), started_at: null,
    completed_at: null, error: null, result: null,
    links: { self: `/api/v1/jobs/${id}`, events: `/api/v1/jobs/${id}/events`, cancel: `/api/v1/jobs/${id}`, result: null },
    ...extra,
  };
}

/** A handler answering every request with a queued job (202 for POST). */
export function okHandler(id = 'job-1') {
  return (req, res) => {
    if (req.url === '/api/v1/health') return sendJson(res, 200, { status: 'healthy' });
    sendJson(res, req.method === 'POST' ? 202 : 200, job(id));
  };
}

/** A handler that never answers (a hung backend). */
export function hangHandler() {
  return () => {};
}

/** Fast settings for tests: small timeouts and backoff, deterministic jitter. */
export const FAST = Object.freeze({ attemptTimeoutMs: 200, totalBudgetMs: 3000, backoffBaseMs: 20, backoffMaxMs: 100, random: () => 0.5 });

/**
 * Answers `res` as a live-status stream does (GET /jobs/{id}/events): 200 `text/event-stream`,
 * headers sent at once; `send(job)` writes one `data:` event, `end()` ends the answer as the
 * backend does after a terminal snapshot or the stream's maximum duration.
 */
export function eventStream(res) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  return {
    send(data) { if (!res.writableEnded && !res.destroyed) res.write(`data: ${JSON.stringify(data)}\n\n`); },
    end() { if (!res.writableEnded) res.end(); },
  };
}
