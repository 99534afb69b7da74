// Runs the real CLI in a child process, with a settings file and only the environment given.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../aiart-deploy.mjs', import.meta.url));

/** Settings that pass `check` for every platform (test values only). */
export const VALID = Object.freeze({
  AIART_PRIMARY_URL: 'https://aiart-primary.up.railway.app',
  AIART_FALLBACK_URL: 'https://aiart-fallback.onrender.com',
  AIART_CORS_ORIGINS: 'https://aiart-site.onrender.com',
  QUARKUS_MONGODB_CONNECTION_STRING: 'mongodb+srv://aiart:Xq7-never-printed-pw@cluster0.abcde.mongodb.net/?retryWrites=true&w=majority&appName=aiart',
  AIART_IP_HASH_KEY: '5f0c1e8a9b2d47c6a1e3f5d7b9c0a2e4f6b8d0c2e4a6c8e0f2b4d6f8a0c2e4f6',
  AIART_DATA_KEY: 'k1:bmV2ZXItcHJpbnRlZC1kYXRhLWtleS0wMTIzNDU2Nzg=',
  AIART_PROVIDERS_STABILITY_API_KEY: 'sk-stability-never-printed-123456',
  AIART_ALERTS_WEBHOOK_URL: 'https://discord.com/api/webhooks/123/never-printed-webhook-token',
  AIART_FIREBASE_API_KEY: 'AIzaSyNeverPrinted-0123456789abcdefghij',
  AIART_FIREBASE_AUTH_DOMAIN: 'aiart-prod.firebaseapp.com',
  AIART_FIREBASE_PROJECT_ID: 'aiart-prod',
  AIART_AUTH_PROJECT_ID: 'aiart-prod',
  AIART_AUTH_ADMIN_EMAILS: 'owner@example.org',
  AIART_DONATIONS_VERIFICATION_TOKEN: 'kofi-token-never-printed-0123',
  RAILWAY_TOKEN: 'railway-project-token-never-printed',
  RAILWAY_PROJECT_ID: '8df3b1d6-2317-4400-b267-56c4a42eed06',
  RAILWAY_ENVIRONMENT_ID: '9fb4baf0-809a-40ec-af32-751f50890802',
  RAILWAY_SERVICE_ID: '4bd252dc-c4ac-4c2e-a52f-051804292035',
  RENDER_API_KEY: 'rnd_render-key-never-printed',
  RENDER_BACKEND_SERVICE_ID: 'srv-backend1',
  RENDER_SITE_SERVICE_ID: 'srv-site1',
  FLY_API_TOKEN: 'fo1_fly-token-never-printed',
  FLY_APP: 'aiart-fallback',
});

/** The secret values of VALID: none may ever appear in output. */
export const SECRETS = Object.entries(VALID)
  .filter(([k]) => /KEY|TOKEN|CONNECTION_STRING|WEBHOOK/.test(k))
  .flatMap(([k, v]) => (k === 'QUARKUS_MONGODB_CONNECTION_STRING' ? [v, 'Xq7-never-printed-pw'] : [v]));

export function envFileText(vars) {
  return Object.entries(vars).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}

/**
 * @param {string[]} args
 * @param {{ settings?: Record<string,string>, env?: Record<string,string> }} [opts]
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export async function runCli(args, { settings, env = {} } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'aiart-deploy-test-'));
  const file = path.join(dir, 'aiart.env');
  const extra = [];
  if (settings) {
    writeFileSync(file, envFileText(settings));
    extra.push('--env-file', file);
  }
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args, ...extra], {
        env: { PATH: process.env.PATH, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => { stdout += d; });
      child.stderr.on('data', (d) => { stderr += d; });
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Asserts that no secret value appears in a text. */
export function assertNoSecrets(assert, text) {
  for (const s of SECRETS) assert.ok(!text.includes(s), `output leaks a secret value (${s.slice(0, 6)}…)`);
}
