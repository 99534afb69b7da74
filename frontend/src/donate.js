// The donate page: where the donate button leads (AIART_DONATE_URL → config.donateUrl) and
// the visitor's current tier from GET /api/v1/limits.
import { api, config, wakeBackend } from './site.js';
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

api.limits({ budgetMs: 15000 }).then(({ data }) => {
  const { headline, detail } = describeLimits(data);
  $('tier-now').textContent = [headline, detail].filter(Boolean).join(' ');
}, () => wakeBackend());
