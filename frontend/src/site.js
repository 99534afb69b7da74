// What every page shares: the runtime config, the sign-in session (auth.js), one ApiClient
// (sending the sign-in headers, failing over primary → fallback), the header's sign-in link
// the footer indicator of which backend is serving, and the page-view beacon (beacons.js).
import { createApiClient } from './api-client.js';
import { createBeacons } from './beacons.js';
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

/** This page's beacons; its page view is sent as every page loads this module (none under Do Not Track or GPC). */
export const beacons = createBeacons({ api });
beacons.pageView();

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

// ——— the footer's Dashboard link: for admins only ———

const ADMIN_KEY = 'aiart.admin';
let adminAsked = null; // the sign-in (uid and verification) /auth/me was asked about

/**
 * Whether the signed-in account is an admin (GET /auth/me says `admin: true`), asked at most
 * once per sign-in: the answer is kept for the tab's session under the account's uid. A visitor
 * who is not signed in causes no request. `ask` is the request (a test passes its own).
 */
export async function isAdmin(user, { ask = () => api.request('GET', '/auth/me').then((r) => r.data), storage = sessionStorageOrNull() } = {}) {
  if (!user?.uid) return false;
  const key = `${user.uid}|${user.emailVerified ? 1 : 0}`; // verifying an e-mail may make an admin
  const kept = storage?.getItem(ADMIN_KEY);
  if (kept) {
    const [who, answer] = kept.split('=');
    if (who === key) return answer === 'true';
  }
  const me = await ask();
  const admin = me?.admin === true;
  try { storage?.setItem(ADMIN_KEY, `${key}=${admin}`); } catch { /* private mode: ask again next page */ }
  return admin;
}

function sessionStorageOrNull() {
  try { return globalThis.sessionStorage ?? null; } catch { return null; }
}

/** Shows the footer's Dashboard link (hidden by styles.css until then) when the account is an admin's. */
export async function showAdminLink(user = auth.current()) {
  const link = document.querySelector('a.footer-link[href="/admin.html"]');
  const key = user ? `${user.uid}|${user.emailVerified}` : null;
  if (!link) return;
  if (key === adminAsked) {
    if (!key) link.dataset.checked = 'true'; // signed out: nothing to ask, the link stays hidden
    return;
  }
  adminAsked = key;
  let admin = false;
  try { admin = await isAdmin(user); } catch { admin = false; } // unknown: stays hidden
  if (adminAsked !== key) return; // signed in or out meanwhile
  if (admin) link.dataset.admin = 'true'; else delete link.dataset.admin;
  link.dataset.checked = 'true'; // decided for this account (what the e2e tests wait for before looking)
}
auth.onChange((user) => showAdminLink(user));
auth.ready.then(() => showAdminLink());
