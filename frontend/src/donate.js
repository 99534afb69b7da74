// The donate page: where the donate button leads (AIART_DONATE_URL → config.donateUrl), the
// visitor's current tier from GET /api/v1/limits, and — signed in — which e-mail address the
// donation will be matched to (a verified one: see docs/IDENTITY.md, "Donations").
import { api, auth, config, wakeBackend } from './site.js';
import { describeLimits } from './messages.js';

const $ = (id) => document.getElementById(id);

const link = $('donate-link');
const note = $('donate-note');
if (config.donateUrl) {
  link.href = config.donateUrl;
  link.target = '_blank';
  link.rel = 'noopener';
  link.innerHTML = 'Donate <span class="visually-hidden">(opens in a new tab)</span>';
} else {
  // Placeholder until the operator sets AIART_DONATE_URL (see frontend/README.md).
  link.href = '#';
  link.setAttribute('aria-disabled', 'true');
  link.setAttribute('aria-describedby', 'donate-note');
  link.classList.add('is-disabled');
  link.addEventListener('click', (e) => e.preventDefault());
  note.textContent = "Donations aren't open on this server yet — the button will work as soon as the site's operator connects a donation page.";
  note.hidden = false;
}

function showTier() {
  api.limits({ budgetMs: 15000 }).then(({ data }) => {
    const { headline, detail } = describeLimits(data);
    $('tier-now').textContent = [headline, detail].filter(Boolean).join(' ');
  }, () => wakeBackend());
}

/** Signed in: donate with this address (verified), and it is matched to the account. */
const match = $('donate-match');
const signedOutText = match.innerHTML;
function showMatch(user = auth.current()) {
  if (!user?.email) { match.innerHTML = signedOutText; return; }
  match.replaceChildren();
  const email = document.createElement('strong');
  email.textContent = user.email;
  if (user.emailVerified) {
    match.append('Donate with ', email, ' — the address you are signed in with — and your account becomes a supporter automatically.');
  } else {
    const link = document.createElement('a');
    link.href = '/signin.html';
    link.textContent = 'verify it on the sign-in page';
    match.append('Donate with ', email, ' — the address you are signed in with. Donations are matched to verified addresses only, so please ', link, ' first.');
  }
}

showTier();
auth.ready.then(() => {
  showMatch();
  auth.onChange((user) => { showMatch(user); showTier(); });
});
