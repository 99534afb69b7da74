#!/usr/bin/env node
// Writes dist/config.js from the environment, for static hosts that cannot run
// scripts/serve.mjs (run it after `npm run build`, in the host's build step).
//   AIART_PRIMARY_URL=https://api.example.org AIART_FALLBACK_URL=https://api2.example.org \
//     node scripts/write-config.mjs [outFile]
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv, renderConfigJs } from './config.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? resolve(here, '..', 'dist', 'config.js'));

try {
  const config = configFromEnv(process.env);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderConfigJs(config));
  console.log(`wrote ${out}: primary ${config.primaryUrl}, fallback ${config.fallbackUrl}`);
} catch (err) {
  console.error(`write-config: ${err.message}`);
  process.exit(1);
}
