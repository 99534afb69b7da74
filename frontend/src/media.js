// Showing and saving a finished job's result (picture or video): shared by the generator
// and the gallery.
import { describeError } from './messages.js';

/** Absolute URL of a succeeded job's result, on the backend that served the job. */
export function resultHref(api, job) {
  const link = api.resultUrl(job);
  if (link) return link;
  if (!job?.result?.url) return null;
  return new URL(job.result.url, (api.servedBy ?? api.currentBackend()).url + '/').href;
}

export function isVideoJob(job) {
  const type = String(job?.result?.content_type ?? '');
  return type.startsWith('video/') || (!type && String(job?.kind ?? '').endsWith('video'));
}

export function extensionFor(type, isVideo) {
  const sub = String(type ?? '').split('/')[1]?.split(/[;+]/)[0];
  if (sub === 'jpeg') return 'jpg';
  return sub || (isVideo ? 'mp4' : 'png');
}

/** A file name for saving a job's result: aiart-<id>.png */
export function downloadName(job) {
  return `aiart-${job.id}.${extensionFor(job?.result?.content_type, isVideoJob(job))}`;
}

/**
 * An <img> or <video> for a job's result.
 * @param {object} job
 * @param {string} href          result URL
 * @param {{ alt?: string, thumbnail?: boolean }} [options]
 *        thumbnail: lazy image; a video that does not autoplay, shows its first frame
 *        (preload=metadata, #t=0.1) and has controls.
 */
export function createMedia(job, href, { alt = '', thumbnail = false } = {}) {
  const video = isVideoJob(job);
  let el;
  if (video) {
    el = document.createElement('video');
    el.crossOrigin = 'anonymous'; // see below
    el.controls = true;
    el.muted = true;
    el.loop = true;
    el.playsInline = true;
    if (thumbnail) {
      el.preload = 'metadata';
      el.src = `${href}#t=0.1`; // the first frame stands in for a poster
    } else {
      el.autoplay = true;
      el.src = href;
    }
    el.setAttribute('aria-label', alt);
  } else {
    el = document.createElement('img');
    // Loaded with CORS, as Download fetches it: the result varies by Origin (docs/GENERATION.md),
    // so a copy loaded without CORS would be fetched a second time to be saved.
    el.crossOrigin = 'anonymous';
    el.alt = alt;
    el.decoding = 'async';
    if (thumbnail) el.loading = 'lazy';
    el.src = href;
  }
  const { width, height } = job?.result ?? {};
  if (width && height) {
    el.width = width;
    el.height = height;
  }
  return el;
}

/**
 * Saves a job's result as a file named `aiart-<id>.<ext>` (the name the server's
 * Content-Disposition gives it too). Results live on the backends' origin, where the `download`
 * attribute of a link is ignored, so the bytes are fetched through the ApiClient — with its
 * failover to the other backend, through the browser's cache (the result was usually just shown)
 * — and saved from a blob. Rejects with the ApiClient's errors.
 */
export async function saveResult(api, job) {
  const { data: blob } = await api.result(job);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = downloadName(job);
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000); // the browser has taken the bytes by then
}

/**
 * Makes a Download link save its job's result on a plain click (Ctrl/⌘/Shift-click still opens
 * the link as the browser does). While the bytes come, the link says so and ignores more clicks;
 * `onError(message)` gets what to tell the visitor when it fails, and '' when a new try starts.
 * @param {HTMLAnchorElement} link
 * @param {object} api                      the page's ApiClient
 * @param {() => object|null} currentJob   the job to save at the time of the click
 * @param {(message: string) => void} onError
 */
export function onDownloadClick(link, api, currentJob, onError) {
  link.addEventListener('click', async (e) => {
    const job = currentJob();
    if (!job || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    if (link.getAttribute('aria-busy') === 'true') return;
    const label = link.textContent;
    link.setAttribute('aria-busy', 'true');
    link.textContent = 'Saving…';
    onError('');
    try {
      await saveResult(api, job);
    } catch (err) {
      const d = describeError(err);
      if (d) onError(d.message);
    } finally {
      link.textContent = label;
      link.removeAttribute('aria-busy');
    }
  });
}
