// Multi-page static build. Add a page: create `<name>.html` at the root and list it in
// scripts/pages.mjs (PAGES).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { configJsFromEnv } from './scripts/config.mjs';
import { PAGES } from './scripts/pages.mjs';
import { expandPartials } from './scripts/partials.mjs';
import path from 'node:path';

const page = (name) => fileURLToPath(new URL(`./${name}.html`, import.meta.url));

/** Serves /config.js from the environment in `vite` (dev) and `vite preview`, like scripts/serve.mjs. */
function runtimeConfig() {
  const middleware = (req, res, next) => {
    if (req.url?.split('?')[0] !== '/config.js') return next();
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.end(configJsFromEnv(process.env));
  };
  return {
    name: 'aiart-runtime-config',
    configureServer(server) { server.middlewares.use(middleware); },
    configurePreviewServer(server) { server.middlewares.use(middleware); },
  };
}

/** Puts the shared header and footer (scripts/partials.mjs) into every page, before Vite reads it. */
function sharedPartials() {
  return {
    name: 'aiart-shared-partials',
    transformIndexHtml: { order: 'pre', handler: (html, ctx) => expandPartials(html, path.basename(ctx.filename, '.html')) },
  };
}

export default defineConfig({
  plugins: [sharedPartials(), runtimeConfig()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: Object.fromEntries(PAGES.map((name) => [name, page(name)])),
    },
  },
});
