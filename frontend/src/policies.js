// The privacy and terms pages: plain text, plus the figures only the backend knows — how long it
// keeps each kind of data and whom to write to — from GET /api/v1/privacy (its applied settings,
// so the page never states a copy that could drift). One read per page view, cacheable.
import { api, wakeBackend } from './site.js';
import { privacyFigures } from './messages.js';

function show({ figures, contactEmail }) {
  for (const el of document.querySelectorAll('[data-figure]')) {
    const text = figures[el.dataset.figure];
    if (text) { el.textContent = text; el.dataset.state = 'read'; }
  }
  if (!contactEmail) return;
  for (const el of document.querySelectorAll('[data-contact]')) {
    const link = document.createElement('a');
    link.href = `mailto:${contactEmail}`;
    link.textContent = contactEmail;
    el.replaceChildren(link);
    el.dataset.state = 'read';
  }
}

api.request('GET', '/privacy', { budgetMs: 15000 }).then(({ data }) => show(privacyFigures(data)), () => {
  // the page's neutral wording stays ("the time set on this server"); say why the figures are missing
  for (const el of document.querySelectorAll('[data-figures-status]')) el.hidden = false;
  wakeBackend();
});
