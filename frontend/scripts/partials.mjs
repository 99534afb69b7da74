// The markup every page shares — the common part of <head> (colours, icon, styles, the runtime
// config before the page's module), the site header with its nav, and the footer with the backend
// indicator — kept once here. Pages say `<!-- aiart:head -->`, `<!-- aiart:header -->` and `<!-- aiart:footer -->`;
// the Vite build (vite.config.js) and the page tests put the markup in, marking the page's own
// link with aria-current="page".

/** Page → the link that is the page itself. */
const CURRENT = Object.freeze({
  index: '/', gallery: '/gallery.html', signin: '/signin.html', donate: '/donate.html', admin: '/admin.html',
  privacy: '/privacy.html', terms: '/terms.html',
});

const HEAD = `    <meta name="color-scheme" content="dark" />
    <meta name="theme-color" content="#0d0e12" />
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/src/styles.css" />
    <!-- Runtime config (backend URLs), generated at serve/deploy time; deliberately not bundled. -->
    <script src="/config.js" vite-ignore></script>`;

const HEADER = `    <header class="site-header">
      <a class="brand" href="/" aria-label="AiArt home">
        <svg class="brand-mark" viewBox="0 0 64 64" aria-hidden="true"><rect x="6" y="6" width="52" height="52" rx="4" fill="none" stroke="currentColor" stroke-width="5"/><path d="M14 48l12-16 8 10 6-7 10 13z" fill="currentColor"/><circle cx="42" cy="20" r="5" fill="currentColor"/></svg>
        <span>AiArt</span>
      </a>
      <nav class="site-nav" aria-label="Main">
        <ul>
          <li><a href="/">Create</a></li>
          <li><a href="/gallery.html">Gallery</a></li>
          <li><a href="/signin.html">Sign in</a></li>
          <li><a class="nav-donate" href="/donate.html">Donate</a></li>
        </ul>
      </nav>
    </header>`;

const FOOTER = `    <footer class="site-footer">
      <p>AiArt · pictures and short videos from your words. <a class="footer-link" href="/privacy.html">Privacy</a> <a class="footer-link" href="/terms.html">Terms</a> <a class="footer-link" href="/admin.html">Dashboard</a></p>
      <p class="backend" id="backend" data-state="unknown" title="">
        <span class="dot" aria-hidden="true"></span>
        <span id="backend-text">Connecting…</span>
      </p>
    </footer>`;

/** Adds aria-current="page" to the first link `<lead>… href="<href>"` (a nav item, the footer's link). */
const markCurrent = (markup, lead, href) => (href
  ? markup.replace(new RegExp(`(${lead}(?: class="[^"]*")? href="${href.replace(/\./g, '\\.')}")`), '$1 aria-current="page"')
  : markup);

/** The page's HTML with the shared parts put in. `page` is the file name without `.html`. */
export function expandPartials(html, page) {
  return html
    .replace(/^[ \t]*<!-- aiart:head -->[ \t]*$/m, () => HEAD)
    .replace(/^[ \t]*<!-- aiart:header -->[ \t]*$/m, () => markCurrent(HEADER, '<li><a', CURRENT[page]))
    .replace(/^[ \t]*<!-- aiart:footer -->[ \t]*$/m, () => markCurrent(FOOTER, '<a', CURRENT[page]));
}
