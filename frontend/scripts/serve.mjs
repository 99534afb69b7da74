#!/usr/bin/env node
// Small dependency-free static server for dist/ (the built site).
//   node scripts/serve.mjs [--port 8080] [--host 127.0.0.1] [--root dist]
//   env: PORT (8080), HOST (127.0.0.1), AIART_* (see scripts/config.mjs)
// /config.js is generated from the environment on every request; HTML and config are
// `no-cache`, hashed files under /assets/ are immutable for a year. Clean URLs:
// /gallery → gallery.html when it exists. Unknown paths → 404 (dist/404.html if built).
// Every answer carries the security headers of scripts/security-headers.mjs (a CSP naming the
// configured backends and Firebase, no framing), the same list render.yaml sends.
import http from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configFromEnv, renderConfigJs } from './config.mjs';
import { securityHeadersForConfig } from './security-headers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ROOT = path.resolve(HERE, '..', 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
const CACHE_NONE = 'no-cache';
const CACHE_SHORT = 'public, max-age=3600';

const FALLBACK_404 = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Not found · AiArt</title><body style="background:#0d0e12;color:#ecebf2;font:16px/1.5 system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0">
<main style="text-align:center"><h1>This page isn't here</h1><p><a href="/" style="color:#f2b866">Back to AiArt</a></p></main></body></html>`;

/**
 * Create (not start) the site server.
 * @param {{ root?: string, env?: object }} [options]
 */
export function createSiteServer({ root = DEFAULT_ROOT, env = process.env } = {}) {
  const rootDir = path.resolve(root);
  // fails fast on a malformed AIART_* variable; the backends named at start are the ones the CSP allows
  const headers = securityHeadersForConfig(configFromEnv(env));
  let realRoot = null;

  return http.createServer(async (req, res) => {
    res.securityHeaders = headers;
    try {
      realRoot ??= await fs.realpath(rootDir);
      await handle(req, res);
    } catch (err) {
      console.error('serve:', err);
      if (!res.headersSent) send(res, req, 500, 'text/plain; charset=utf-8', CACHE_NONE, 'Internal error');
      else res.destroy();
    }
  });

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, req, 405, 'text/plain; charset=utf-8', CACHE_NONE, 'Method not allowed');
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://site.invalid').pathname);
    } catch {
      return send(res, req, 400, 'text/plain; charset=utf-8', CACHE_NONE, 'Bad request');
    }
    if (pathname.includes('\0') || pathname.includes('\\')) {
      return send(res, req, 400, 'text/plain; charset=utf-8', CACHE_NONE, 'Bad request');
    }

    if (pathname === '/config.js') {
      return send(res, req, 200, TYPES['.js'], CACHE_NONE, renderConfigJs(configFromEnv(env)));
    }

    const target = path.resolve(rootDir, '.' + pathname);
    if (target !== rootDir && !target.startsWith(rootDir + path.sep)) {
      return send(res, req, 403, 'text/plain; charset=utf-8', CACHE_NONE, 'Forbidden');
    }
    const hidden = pathname.split('/').some((seg) => seg.startsWith('.') && seg !== '.well-known');
    const file = hidden ? null : await findFile(target, pathname);
    if (!file) return notFound(req, res);
    return serveFile(req, res, file, pathname);
  }

  /** The file for a URL path: exact file, dir/index.html, or clean URL name.html. */
  async function findFile(target, pathname) {
    const candidates = [];
    if (pathname.endsWith('/')) candidates.push(path.join(target, 'index.html'));
    else {
      candidates.push(target);
      if (!path.extname(target)) candidates.push(target + '.html');
      candidates.push(path.join(target, 'index.html'));
    }
    for (const candidate of candidates) {
      const stat = await statFile(candidate);
      if (stat) return { path: candidate, stat };
    }
    return null;
  }

  async function statFile(file) {
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return null;
      const real = await fs.realpath(file); // no escaping through symlinks either
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
      return stat;
    } catch {
      return null;
    }
  }

  async function notFound(req, res) {
    let body = FALLBACK_404;
    try { body = await fs.readFile(path.join(rootDir, '404.html'), 'utf8'); } catch { /* built-in page */ }
    return send(res, req, 404, TYPES['.html'], CACHE_NONE, body);
  }

  function serveFile(req, res, file, pathname) {
    const ext = path.extname(file.path).toLowerCase();
    const type = TYPES[ext] ?? 'application/octet-stream';
    const cache = ext === '.html' ? CACHE_NONE : pathname.startsWith('/assets/') ? CACHE_IMMUTABLE : CACHE_SHORT;
    const etag = `W/"${file.stat.size.toString(16)}-${Math.floor(file.stat.mtimeMs).toString(16)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', file.stat.mtime.toUTCString());
    if (req.headers['if-none-match'] === etag) {
      setCommon(res, type, cache);
      res.writeHead(304);
      return res.end();
    }
    setCommon(res, type, cache);
    res.setHeader('Content-Length', file.stat.size);
    res.writeHead(200);
    if (req.method === 'HEAD') return res.end();
    const stream = createReadStream(file.path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}

function setCommon(res, type, cache) {
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', cache);
  for (const [name, value] of res.securityHeaders ?? []) res.setHeader(name, value);
}

function send(res, req, status, type, cache, body) {
  setCommon(res, type, cache);
  const buf = Buffer.from(body, 'utf8');
  res.setHeader('Content-Length', buf.length);
  res.writeHead(status);
  res.end(req.method === 'HEAD' ? undefined : buf);
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--port') out.port = value();
    else if (flag === '--host') out.host = value();
    else if (flag === '--root') out.root = value();
    else if (flag === '--help' || flag === '-h') out.help = true;
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  return out;
}

async function main() {
  let args;
  try { args = parseArgs(process.argv.slice(2)); } catch (err) { console.error(err.message); process.exit(2); }
  if (args.help) {
    console.log('usage: node scripts/serve.mjs [--port N] [--host H] [--root DIR]   (env: PORT, HOST, AIART_*)');
    return;
  }
  const port = Number(args.port ?? process.env.PORT ?? 8080);
  const host = args.host ?? process.env.HOST ?? '127.0.0.1';
  const root = path.resolve(args.root ?? DEFAULT_ROOT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error(`invalid port: ${args.port ?? process.env.PORT}`); process.exit(2); }
  try {
    await fs.access(path.join(root, 'index.html'));
  } catch {
    console.error(`serve: ${root}/index.html not found; run \`npm run build\` first`);
    process.exit(1);
  }
  let server;
  try { server = createSiteServer({ root }); } catch (err) { console.error(`serve: ${err.message}`); process.exit(1); }
  server.on('error', (err) => { console.error(`serve: ${err.message}`); process.exit(1); });
  server.listen(port, host, () => {
    const actual = server.address().port;
    const shown = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(host) ? 'localhost' : host;
    console.log(`AiArt site: http://${shown}:${actual}`);
  });
  const stop = (signal) => {
    console.log(`AiArt site: ${signal}, stopping`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main();
}
