// The sign-in page: a shell around src/auth.js (the only module that knows about Firebase)
// and the visitor's current tier from GET /api/v1/limits.
import { api, config, wakeBackend } from './site.js';
import { createAuth } from './auth.js';
import { describeLimits } from './messages.js';

const $ = (id) => document.getElementById(id);
const auth = createAuth(config);

function showStanding() {
  $('standing-text').textContent = 'Checking…';
  return api.limits({ budgetMs: 15000 }).then(({ data }) => {
    const { headline, detail } = describeLimits(data);
    $('standing-text').textContent = headline;
    $('standing-detail').textContent = detail;
  }, () => {
    $('standing-text').textContent = "We can't reach AiArt right now, so we can't show your limits.";
    $('standing-detail').textContent = '';
    wakeBackend();
  });
}

function render() {
  const user = auth.current();
  $('signed-in').hidden = !user;
  $('auth-forms').hidden = !!user;
  if (user) $('signed-in-as').textContent = user.email ? `Signed in as ${user.email}.` : 'You are signed in.';
  const notice = $('auth-notice');
  if (!user && auth.message) {
    $('auth-notice-text').textContent = auth.message;
    notice.dataset.kind = 'info';
    notice.hidden = false;
  } else {
    notice.hidden = true;
  }
  // Without a working sign-in the forms stay visible (so the page explains itself) but disabled.
  const usable = auth.configured && !auth.message;
  $('signin-fields').disabled = !usable;
  $('signup-fields').disabled = !usable;
}

function wireForm(formId, errorId, action) {
  const form = $(formId);
  const error = $(errorId);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    if (!email || !form.elements.email.checkValidity()) return fail(form.elements.email, 'Please enter your email address.');
    if (!password || !form.elements.password.checkValidity()) return fail(form.elements.password, formId === 'signup-form' ? 'Please choose a password of at least 8 characters.' : 'Please enter your password.');
    try {
      await action(email, password);
      render();
      showStanding();
    } catch (err) {
      fail(null, err?.message || 'That did not work. Please try again.');
    }
  });
  function fail(field, message) {
    error.textContent = message;
    error.hidden = false;
    if (field) { field.setAttribute('aria-invalid', 'true'); field.focus(); }
  }
  form.addEventListener('input', (e) => e.target.removeAttribute?.('aria-invalid'));
}

wireForm('signin-form', 'signin-error', (email, password) => auth.signIn(email, password));
wireForm('signup-form', 'signup-error', (email, password) => auth.signUp(email, password));
$('signout').addEventListener('click', async () => {
  await auth.signOut();
  render();
  showStanding();
  $('signin-email').focus();
});
auth.onChange(() => { render(); showStanding(); });

render();
showStanding();
