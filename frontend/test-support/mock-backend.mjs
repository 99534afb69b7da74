#!/usr/bin/env node
// A tiny stand-in for the AiArt backend, for trying the page without Quarkus:
//   node test-support/mock-backend.mjs [--port 8081] [--mode ok|ratelimit|busy|fail]
// Implements just enough of docs/GENERATION.md (generate, job status + SSE, cancel, result,
// health, limits) with CORS. Jobs live in memory and take ~6 s; results are a PNG
// it paints itself. Not used by the test suite; not shipped in dist/.
import http from 'node:http';
import { deflateSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';

const args = Object.fromEntries(process.argv.slice(2).join(' ').split(/\s*--/).filter(Boolean).map((a) => a.split(/[\s=]+/)));
const port = Number(args.port ?? process.env.PORT ?? 8081);
const mode = args.mode ?? 'ok';
const jobs = new Map();
const keys = new Map();
const QUEUED_MS = 1500;
const RUNNING_MS = 4500;

function problem(res, status, error_type, message, extra = {}) {
  const body = { success: false, error_type, message, status, title: error_type.replace('_', ' '), type: `/problems/${error_type}`, ...extra };
  const headers = { 'Content-Type': 'application/problem+json' };
  if (extra.retry_after) headers['Retry-After'] = String(extra.retry_after);
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function snapshot(job) {
  const age = Date.now() - job.created;
  const links = { self: `/api/v1/jobs/${job.id}`, events: `/api/v1/jobs/${job.id}/events`, cancel: `/api/v1/jobs/${job.id}`, result: null };
  const base = { id: job.id, kind: job.kind, tier: 'anonymous', created_at: new Date(job.created).toISOString(), error: null, result: null, links };
  if (job.canceled) return { ...base, status: 'canceled', position: null, eta_seconds: null, progress: null, provider: null, completed_at: new Date(job.canceled).toISOString() };
  if (age < QUEUED_MS) return { ...base, status: 'queued', position: age < QUEUED_MS / 2 ? 2 : 1, eta_seconds: Math.ceil((QUEUED_MS + RUNNING_MS - age) / 1000), progress: null, provider: null, started_at: null, completed_at: null };
  if (age < QUEUED_MS + RUNNING_MS) return { ...base, status: 'running', position: null, eta_seconds: Math.ceil((QUEUED_MS + RUNNING_MS - age) / 1000), progress: Math.round(((age - QUEUED_MS) / RUNNING_MS) * 100) / 100, provider: 'local', started_at: new Date(job.created + QUEUED_MS).toISOString(), completed_at: null };
  if (mode === 'fail') return { ...base, status: 'failed', position: null, eta_seconds: null, progress: null, provider: 'local', error: { message: 'The renderer could not finish this picture. Please try different words.' } };
  return {
    ...base, status: 'succeeded', position: null, eta_seconds: 0, progress: 1, provider: 'local',
    started_at: new Date(job.created + QUEUED_MS).toISOString(), completed_at: new Date(job.created + QUEUED_MS + RUNNING_MS).toISOString(),
    result: { content_type: 'image/png', width: 768, height: 768, provider: 'local', url: `/api/v1/jobs/${job.id}/result` },
    links: { ...links, result: `/api/v1/jobs/${job.id}/result` },
  };
}

const server = http.createServer((req, res) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, Idempotency-Key, X-Requested-With');
  res.setHeader('Access-Control-Expose-Headers', 'RateLimit, RateLimit-Policy, Retry-After');
  if (req.method === 'OPTIONS') { res.writeHead(204); return res.end(); }
  const url = new URL(req.url, 'http://mock');
  const p = url.pathname;
  req.resume();

  if (p === '/api/v1/health') return json(res, 200, { status: 'healthy', timestamp: new Date().toISOString(), load: 0.1, queue_length: jobs.size, hibernating: false, instance: `mock-${port}`, version: 'mock', providers: { local: 'up' } });
  if (p === '/api/v1/limits') return json(res, 200, { tier: 'anonymous', limit_per_minute: 3, tokens_left: 3 });

  let m = p.match(/^\/api\/v1\/generate\/(text-to-image|image-to-image|text-to-video|image-to-video)$/);
  if (m && req.method === 'POST') {
    res.setHeader('RateLimit-Policy', '"anonymous";q=3;w=60');
    if (mode === 'ratelimit') {
      return problem(res, 429, 'rate_limited', "You've made 3 requests this minute. Try again in 37 seconds, sign in for 5 a minute, or donate for 10.", { retry_after: 37, donation_link: '/donate' });
    }
    if (mode === 'busy') return problem(res, 503, 'resource_limit', 'AiArt is very busy right now. Your place will open up in about a minute.', { retry_after: 60, donation_link: '/donate' });
    const key = req.headers['idempotency-key'];
    if (key && keys.has(key)) return json(res, 202, snapshot(jobs.get(keys.get(key))));
    const job = { id: randomUUID(), kind: m[1], created: Date.now(), canceled: 0 };
    jobs.set(job.id, job);
    if (key) keys.set(key, job.id);
    res.setHeader('RateLimit', '"anonymous";r=2;t=60');
    return json(res, 202, snapshot(job));
  }

  m = p.match(/^\/api\/v1\/jobs\/([\w-]+)(\/events|\/result)?$/);
  const job = m && jobs.get(m[1]);
  if (m && !job) return problem(res, 404, 'not_found', "We couldn't find that creation.");
  if (job && !m[2] && req.method === 'GET') return json(res, 200, snapshot(job));
  if (job && !m[2] && req.method === 'DELETE') {
    const s = snapshot(job);
    if (['succeeded', 'failed', 'canceled'].includes(s.status)) return problem(res, 409, 'conflict', 'That creation has already finished.');
    job.canceled = Date.now();
    return json(res, 200, snapshot(job));
  }
  if (job && m[2] === '/events') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    let last = '';
    const tick = () => {
      const s = snapshot(job);
      const text = JSON.stringify(s);
      if (text !== last) { res.write(`event: job\ndata: ${text}\n\n`); last = text; }
      if (['succeeded', 'failed', 'canceled'].includes(s.status)) { clearInterval(timer); res.end(); }
    };
    const timer = setInterval(tick, 400);
    res.on('close', () => clearInterval(timer));
    return tick();
  }
  if (job && m[2] === '/result') {
    res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=31536000, immutable' });
    return res.end(paint(768, 768, job.id));
  }
  problem(res, 404, 'not_found', 'Nothing here.');
});

server.listen(port, '127.0.0.1', () => console.log(`mock backend (${mode}) on http://127.0.0.1:${server.address().port}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { server.closeAllConnections(); server.close(() => process.exit(0)); });

// ——— a small PNG painter: dusk sky, sun, sea ———
function paint(w, h, seedText) {
  let seed = [...seedText].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const sunX = w * (0.3 + rand() * 0.4), sunY = h * 0.52, sunR = w * 0.09, horizon = h * 0.62;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const t = y / horizon;
      let r, g, b;
      if (y < horizon) {
        r = 30 + 220 * t ** 1.6; g = 24 + 120 * t ** 2.2; b = 70 + 40 * (1 - t);
        const d = Math.hypot(x - sunX, y - sunY);
        if (d < sunR) { r = 255; g = 214; b = 150; } else if (d < sunR * 3) { const k = 1 - d / (sunR * 3); r += 60 * k; g += 40 * k; }
      } else {
        const k = (y - horizon) / (h - horizon);
        r = 40 - 20 * k; g = 34 - 10 * k; b = 60 + 20 * k;
        const shimmer = Math.abs(x - sunX) < sunR * (1.2 - k) && Math.sin(y * 0.9 + x * 0.05) > 0.2;
        if (shimmer) { r = 230; g = 160; b = 110; }
      }
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = Math.min(255, r); raw[o + 1] = Math.min(255, g); raw[o + 2] = Math.min(255, b);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
