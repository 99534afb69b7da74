// The site's pages: `<name>.html` at the frontend root, one entry each in the Vite build.
// Add a page: create the HTML file and list it here (test/pages.test.js checks every page
// has the shared header, nav links and footer backend indicator).
export const PAGES = Object.freeze(['index', 'gallery', 'signin', 'donate', 'admin', 'privacy', 'terms', '404']);
