// Page views and the create page's key clicks, for the operator's dashboard (docs/OPERATIONS.md,
// "Page beacons"): POST /api/v1/analytics/events on the backend the ApiClient would use next.
//
// • navigator.sendBeacon, so a click that leaves the page is still counted and nothing waits.
// • The body is a string, which the browser sends as text/plain;charset=UTF-8. The site and the
//   backends are different origins, and Chromium does not send a beacon whose type is not
//   CORS-safelisted (a Blob of application/json); the backend reads text/plain as the same JSON.
// • No cookies, no identifiers: a beacon is { type, page, target? }. The backend counts the
//   keyed hash of the address, never the address.
// • Nothing is sent when the visitor asks not to be tracked: Do Not Track ("1") or Global
//   Privacy Control (true).

export const EVENTS_PATH = '/api/v1/analytics/events';

/**
 * Pages that send no page view: the dashboard is the operators' page, not a visitor's, and until an
 * admin is signed in it asks the backends nothing but who is signed in (docs/OPERATIONS.md).
 */
export const UNCOUNTED_PAGES = Object.freeze(['/admin.html']);

/** The click targets the create page reports, as the dashboard names them. */
export const TARGETS = Object.freeze(['create', 'download', 'signin', 'donate']);

/** Whether this browser may send beacons: it can, and the visitor has not asked not to be tracked. */
export function beaconsAllowed(nav = globalThis.navigator, win = globalThis.window) {
  if (!nav || typeof nav.sendBeacon !== 'function') return false;
  // Safari before 12.1 put the setting on window; "yes" is an old Firefox spelling
  const dnt = nav.doNotTrack ?? win?.doNotTrack;
  if (dnt === '1' || dnt === 'yes') return false;
  if (nav.globalPrivacyControl === true) return false;
  return true;
}

/** The page as counted: its path only (no query or fragment, which may hold ids), "/" for the home page. */
export function pageName(pathname = globalThis.location?.pathname ?? '/') {
  const path = String(pathname || '/').split(/[?#]/)[0] || '/';
  return (path === '/index.html' ? '/' : path).slice(0, 200);
}

/**
 * The click target of an element the visitor activated, or null when it is none of {@link TARGETS}:
 * the create button, the download link, a link to the sign-in page or to the donate page (or the
 * configured donation platform).
 */
export function clickTarget(el, { donateUrl } = {}) {
  const hit = el?.closest?.('#submit, #download, a[href]');
  if (!hit) return null;
  if (hit.id === 'submit') return 'create';
  if (hit.id === 'download') return 'download';
  const href = hit.getAttribute('href') || '';
  const path = href.split(/[?#]/)[0];
  if (/(^|\/)signin\.html$/.test(path)) return 'signin';
  if (/(^|\/)donate\.html$/.test(path) || (donateUrl && href === donateUrl)) return 'donate';
  return null;
}

/**
 * Beacons for one page. `api` is the site's ApiClient (its `currentBackend()` names the backend the
 * next request goes to, the primary unless it is marked down); `nav` is injectable for tests.
 */
export function createBeacons({ api, nav = globalThis.navigator, win = globalThis.window, page = pageName() }) {
  const allowed = beaconsAllowed(nav, win);

  function send(event) {
    if (!allowed) return false;
    try {
      return nav.sendBeacon(api.currentBackend().url + EVENTS_PATH, JSON.stringify(event));
    } catch {
      return false; // counting must never break the page
    }
  }

  return {
    allowed,
    /** Counts this page's view (not for {@link UNCOUNTED_PAGES}). */
    pageView: () => !UNCOUNTED_PAGES.includes(page) && send({ type: 'page_view', page }),
    /** Counts a click on one of {@link TARGETS}. */
    click: (target) => send({ type: 'click', page, target }),
    /**
     * Counts clicks on the key targets under `root` (links written later too: one listener).
     * Capture phase, so a handler that stops the event still lets it be counted.
     */
    trackClicks(root, { donateUrl } = {}) {
      root.addEventListener('click', (e) => {
        const target = clickTarget(e.target, { donateUrl });
        if (target && target !== 'create') send({ type: 'click', page, target });
      }, true);
      // the create button submits the form, by click or by Enter in a field: counted once, on submit
      root.addEventListener('submit', (e) => {
        if (e.target?.id === 'generator') send({ type: 'click', page, target: 'create' });
      }, true);
    },
  };
}
