// Showing and saving a finished job's result (picture or video): shared by the generator
// and the gallery.

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
 * Saves a result under a friendly name. Results live on the backend's origin, where the
 * `download` attribute is ignored, so the bytes are fetched (CORS allows the site) and saved
 * from a blob; if that fails the result opens in a new tab instead.
 */
export async function downloadResult(href, filename) {
  try {
    const res = await fetch(href, { mode: 'cors' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch {
    window.open(href, '_blank', 'noopener');
  }
}
