// The sign-in page: a shell around the page's sign-in session (site.js → auth.js, the only
// module that knows about Firebase). Signed out: the sign-in and sign-up forms. Signed in:
// the e-mail, the tier from GET /api/v1/auth/me, email verification (donations are matched to
// verified addresses), sign-out, and deleting the account (DELETE /api/v1/user/me first).
// Either way "where you stand" comes from GET /api/v1/limits.
import { api, auth, wakeBackend } from './site.js';
import { accountHeading, describeLimits, tierLine, accountTier } from './messages.js';
import { createGalleryStore } from './gallery-store.js';

const $ = (id) => document.getElementById(id);
// Signed out the page pitches signing in; signed in it is about the account (accountHeading).
const SIGNED_OUT_TITLE = $('page-title').innerHTML;
const SIGNED_OUT_LEDE = $('page-lede').textContent;
let deletedNotice = null;
let settled = false;

function showStanding() {
  $('standing-text').textContent = 'Checking…';
  $('standing-detail').textContent = '';
  const limits = api.limits({ budgetMs: 15000 }).then(({ data }) => {
    const { headline, detail } = describeLimits(data);
    $('standing-text').textContent = headline;
    $('standing-detail').textContent = detail;
  }, () => {
    $('standing-text').textContent = "We can't reach AiArt right now, so we can't show your limits.";
    $('standing-detail').textContent = '';
    wakeBackend();
  });
  return Promise.all([limits, showAccount()]);
}

/** The signed-in account as the backend sees it: GET /api/v1/auth/me. */
let accountCheck = 0;
async function showAccount() {
  if (!auth.current()) return;
  const check = ++accountCheck; // only the latest answer is shown
  const tier = $('account-tier');
  tier.textContent = 'checking…';
  tier.dataset.tier = '';
  showHeading(null);
  try {
    const { data: me } = await api.request('GET', '/auth/me', { budgetMs: 15000 });
    if (!auth.current() || check !== accountCheck) return;
    tier.dataset.tier = me.tier ?? '';
    tier.textContent = tierLine(accountTier(me));
    showHeading(accountTier(me));
    $('admin-link').hidden = !me.admin;
    $('verify').hidden = !!me.email_verified;
  } catch {
    if (check === accountCheck) {
      tier.textContent = "we can't check it right now";
      $('page-lede').textContent = "You're signed in."; // not "checking…" for ever
    }
  }
}

/** The page's heading: the pitch when signed out, the account (its tier once known) when signed in. */
function showHeading(tier) {
  const title = $('page-title');
  const lede = $('page-lede');
  if (!auth.current()) {
    if (title.innerHTML !== SIGNED_OUT_TITLE) title.innerHTML = SIGNED_OUT_TITLE;
    lede.textContent = SIGNED_OUT_LEDE;
    return;
  }
  const heading = accountHeading(tier);
  title.textContent = heading.title;
  lede.textContent = heading.lede;
}

function render() {
  const user = auth.current();
  $('signed-in').hidden = !user;
  $('delete-account').hidden = !user;
  $('auth-forms').hidden = !!user;
  if (user) {
    $('signed-in-as').textContent = user.email ? `Signed in as ${user.email}.` : 'You are signed in.';
    if (!$('account-tier').dataset.tier) showHeading(null);
  } else {
    showHeading(null);
    $('account-tier').dataset.tier = '';
    $('admin-link').hidden = true;
    $('verify').hidden = true;
    closeDelete();
  }
  const notice = $('auth-notice');
  const text = !user && (auth.message || deletedNotice);
  if (text) {
    $('auth-notice-text').textContent = text;
    notice.dataset.kind = 'info';
    notice.hidden = false;
  } else {
    notice.hidden = true;
  }
  // Without a working sign-in the forms stay visible (so the page explains itself) but disabled.
  const usable = settled && auth.configured && !auth.message;
  $('signin-fields').disabled = !usable;
  $('signup-fields').disabled = !usable;
}

function fail(error, field, message) {
  error.textContent = message;
  error.hidden = false;
  if (field) { field.setAttribute('aria-invalid', 'true'); field.focus(); }
}

function wireForm(formId, errorId, action) {
  const form = $(formId);
  const error = $(errorId);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    if (!email || !form.elements.email.checkValidity()) return fail(error, form.elements.email, 'Please enter your email address.');
    if (!password || !form.elements.password.checkValidity()) return fail(error, form.elements.password, formId === 'signup-form' ? 'Please choose a password of at least 8 characters.' : 'Please enter your password.');
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      deletedNotice = null;
      await action(email, password);
      form.reset();
    } catch (err) {
      fail(error, null, err?.message || 'That did not work. Please try again.');
    } finally {
      button.disabled = false;
    }
  });
  form.addEventListener('input', (e) => e.target.removeAttribute?.('aria-invalid'));
}

function openDelete() {
  $('delete-form').hidden = false;
  $('delete-start').hidden = true;
  $('delete-password').focus();
}

function closeDelete() {
  $('delete-form').hidden = true;
  $('delete-form').reset();
  $('delete-error').hidden = true;
  $('delete-start').hidden = false;
}

wireForm('signin-form', 'signin-error', (email, password) => auth.signIn(email, password));
wireForm('signup-form', 'signup-error', (email, password) => auth.signUp(email, password));

$('signout').addEventListener('click', async () => {
  await auth.signOut();
  $('signin-email').focus();
});

$('verify-send').addEventListener('click', async () => {
  const status = $('verify-status');
  try {
    await auth.sendVerification();
    status.textContent = `We've sent a link to ${auth.current()?.email ?? 'your address'}. Open it, then press "I've verified it".`;
  } catch (err) {
    status.textContent = err.message;
  }
});
$('verify-check').addEventListener('click', async () => {
  const status = $('verify-status');
  try {
    const user = await auth.refresh();
    status.textContent = user?.emailVerified ? 'Thank you: your address is verified.' : "It isn't verified yet. Please open the link in the email first.";
  } catch (err) {
    status.textContent = err.message;
  }
});

$('delete-start').addEventListener('click', openDelete);
$('delete-cancel').addEventListener('click', () => { closeDelete(); $('delete-start').focus(); });
$('delete-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const error = $('delete-error');
  error.hidden = true;
  const field = $('delete-password');
  if (!field.value) return fail(error, field, 'Please type your password to confirm.');
  const button = $('delete-confirm');
  button.disabled = true;
  try {
    const uid = auth.current()?.uid ?? null;
    // The data first, while the token still works; then the Firebase account (which signs out).
    const { data } = await auth.deleteAccount(field.value, () => api.request('DELETE', '/user/me', { budgetMs: 30000 }));
    const n = data?.erased?.jobs ?? 0;
    // This browser's gallery forgets what it made with the account, and says they were erased
    // with it (never "expired") — the gallery may be open in another tab (a storage event).
    createGalleryStore().forgetOwner(uid, { erasedJobs: n });
    deletedNotice = `Your account and your data are deleted (${n} creation${n === 1 ? '' : 's'}). Thank you for trying AiArt.`;
    render();
    $('signup-email').focus();
  } catch (err) {
    fail(error, null, err?.name === 'AuthError' ? err.message : "We couldn't delete your data right now. Your account is still here; please try again in a moment.");
  } finally {
    button.disabled = false;
  }
});

// Until Firebase has restored a kept sign-in the page does not know which half to show: the
// forms stay disabled and "where you stand" says "Checking…".
render();
auth.ready.then(() => {
  settled = true;
  render();
  showStanding();
  auth.onChange(() => { render(); showStanding(); });
});
