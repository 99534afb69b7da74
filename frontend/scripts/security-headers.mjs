// The static site's security headers: one list for `make run`'s server (scripts/serve.mjs, which
// knows the backends from the environment) and for the hosts that serve the built site
// (render.yaml's `headers`, compared with this list by deploy/test/site-headers.test.mjs).
//
// The Content-Security-Policy allows exactly what the site loads: its own scripts, styles and
// images; the two backends (API calls; results shown in <img> and <video>); Firebase Auth's REST
// endpoints (the sign-in module calls them with fetch, no iframe or popup), and locally the Auth
// emulator; blob: for an upload's preview and the Download button's saved file; data: for the
// stylesheet's inline SVG icons. Nothing may frame the site.

/** Firebase Auth's endpoints: identitytoolkit (sign-up, sign-in) and securetoken (token refresh). */
export const FIREBASE_AUTH_ORIGINS = Object.freeze(['https://identitytoolkit.googleapis.com', 'https://securetoken.googleapis.com']);

/**
 * Where the backends of a deployment from render.yaml live, as CSP sources: a static host's
 * headers are fixed when the blueprint is applied, before the backends' URLs are known
 * (AIART_PRIMARY_URL / AIART_FALLBACK_URL are set later). The primary runs on Railway, the
 * fallback on Render or Fly.io (docs/DEPLOY.md); with your own domains, put them here and in
 * render.yaml (the test keeps the two equal).
 */
export const DEPLOY_BACKEND_SOURCES = Object.freeze(['https://*.up.railway.app', 'https://*.onrender.com', 'https://*.fly.dev']);

/** Powerful features the site never uses, denied to it and to anything it could embed. */
const DENIED_FEATURES = ['accelerometer', 'camera', 'display-capture', 'geolocation', 'gyroscope',
  'magnetometer', 'microphone', 'midi', 'payment', 'publickey-credentials-get', 'screen-wake-lock', 'serial', 'usb',
  'xr-spatial-tracking'];

/** The origin of an http(s) URL (scheme, host, port), or null. */
export function originOf(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The Content-Security-Policy for backends given as URLs or CSP sources, with Firebase when the
 * site has sign-in settings (plus the Auth emulator's origin when one is set).
 * @param {{ backends: string[], firebase?: boolean, emulatorUrl?: string|null }} options
 */
export function contentSecurityPolicy({ backends, firebase = false, emulatorUrl = null }) {
  const backendSources = unique(backends.map((b) => (b.includes('*') ? b : originOf(b))).filter(Boolean));
  const auth = firebase ? [...FIREBASE_AUTH_ORIGINS, ...(emulatorUrl && originOf(emulatorUrl) ? [originOf(emulatorUrl)] : [])] : [];
  const directives = [
    ["default-src", "'self'"],
    ["script-src", "'self'"],
    ["style-src", "'self'"],
    ["img-src", "'self'", 'data:', 'blob:', ...backendSources],
    ["media-src", "'self'", 'blob:', ...backendSources],
    ["connect-src", "'self'", ...unique([...backendSources, ...auth])],
    ["font-src", "'self'"],
    ["object-src", "'none'"],
    ["frame-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/**
 * Every security header, as [name, value] pairs in a fixed order.
 * @param {{ backends: string[], firebase?: boolean, emulatorUrl?: string|null }} options
 */
export function securityHeaders(options) {
  return [
    ['Content-Security-Policy', contentSecurityPolicy(options)],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Permissions-Policy', DENIED_FEATURES.map((f) => `${f}=()`).join(', ')],
  ];
}

/** The headers for a site served with this config (scripts/config.mjs: primaryUrl, fallbackUrl, firebase). */
export function securityHeadersForConfig(config) {
  return securityHeaders({
    backends: [config.primaryUrl, config.fallbackUrl].filter(Boolean),
    firebase: !!config.firebase,
    emulatorUrl: config.firebase?.emulatorUrl ?? null,
  });
}

/** The headers a deployment from render.yaml sends (its backends known only as DEPLOY_BACKEND_SOURCES). */
export function deployedSecurityHeaders() {
  return securityHeaders({ backends: [...DEPLOY_BACKEND_SOURCES], firebase: true });
}

function unique(list) {
  return [...new Set(list)];
}
