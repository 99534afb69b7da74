// What every page shares: the runtime config, the sign-in session (auth.js), one ApiClient
// (sending the sign-in headers, failing over primary → fallback), the header's sign-in link
// and the footer indicator of which backend is serving.
import { createApiClient } from './api-client.js';
import { readRuntimeConfig } from './runtime-config.js';
import { authHeaders, createAuth } from './auth.js';

export const config = readRuntimeConfig();

/** The page's sign-in session (see auth.js). */
export const auth = createAuth(config);

export const api = createApiClient({
  ...config,
  headers: authHeaders,
  hooks: {
    onResponse: ({ backend }) => showBackend(backend),
    onFailover: ({ to }) => showBackend(to),
    onFailback: () => showBackend('primary'),
  },
});

/** Footer indicator: which backend answered last ('primary' | 'fallback'). */
export function showBackend(name) {
  const el = document.getElementById('backend');
  const text = document.getElementById('backend-text');
  if (!el || !text) return;
  const b = api.backends().find((x) => x.name === name);
  el.dataset.state = name;
  el.title = b ? b.url : '';
  text.textContent = name === 'fallback' ? 'Served by the fallback server' : 'Served by the primary server';
}

/** Footer indicator when no backend has answered. */
export function showNotConnected() {
  const el = document.getElementById('backend');
  const text = document.getElementById('backend-text');
  if (!el || !text) return;
  el.dataset.state = 'unknown';
  el.title = '';
  text.textContent = 'Not connected yet';
}

/**
 * Pings /api/v1/health, silently: wakes a sleeping free-tier backend while the visitor
 * reads, and fills the footer indicator. Never shows an error.
 */
export function wakeBackend() {
  return api.health({ budgetMs: 15000 }).then((r) => r, () => { showNotConnected(); return null; });
}

/** Reads text to screen-reader users through a polite live region. */
export function announce(region, text) {
  if (!region) return;
  region.textContent = '';
  requestAnimationFrame(() => { region.textContent = text; });
}

/** The header's "Sign in" link shows the signed-in e-mail (and still leads to the sign-in page). */
export function showSignedIn(user = auth.current()) {
  const link = document.querySelector('.site-nav a[href="/signin.html"]');
  if (!link) return;
  if (user) {
    link.textContent = user.email || 'Your account';
    link.title = user.email ? `Signed in as ${user.email}` : 'Signed in';
    link.dataset.signedIn = 'true';
    // A long address must not push the nav off a phone's screen.
    Object.assign(link.style, { maxWidth: 'min(12em, 26vw)', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' });
  } else {
    link.textContent = 'Sign in';
    link.removeAttribute('title');
    delete link.dataset.signedIn;
    link.removeAttribute('style');
  }
}
auth.onChange(showSignedIn);
auth.ready.then(() => showSignedIn());
