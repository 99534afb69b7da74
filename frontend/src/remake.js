// Making a creation again from its prompt. A result removed to make room (status `expired`)
// keeps its prompt: the gallery shows it kindly, with a link to the generator that has the
// prompt and kind filled in (/?kind=text-to-image&prompt=…). Pure functions, unit-tested in
// test/remake.test.js. A prompt is held to the backend's longest (input-rules.js): the generator
// passes the rules it follows; elsewhere the rules' fallback bounds the link.

import { FALLBACK } from './input-rules.js';

const KINDS = ['text-to-image', 'image-to-image', 'text-to-video', 'image-to-video'];

/** "/?kind=…&prompt=…" for the generator, or "/" when there is nothing to fill in. */
export function remakeHref({ kind, prompt } = {}, maxPrompt = FALLBACK.prompt_max_length) {
  const params = new URLSearchParams();
  if (KINDS.includes(kind)) params.set('kind', kind);
  const text = typeof prompt === 'string' ? prompt.trim().slice(0, maxPrompt) : '';
  if (text) params.set('prompt', text);
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/**
 * What remakeHref() put in the address: { kind, prompt } (either may be null), or null if neither;
 * the prompt at most `maxPrompt` characters (the longest the form takes).
 */
export function readRemake(search, maxPrompt = FALLBACK.prompt_max_length) {
  const params = new URLSearchParams(typeof search === 'string' ? search : '');
  const kind = KINDS.includes(params.get('kind')) ? params.get('kind') : null;
  const prompt = (params.get('prompt') ?? '').trim().slice(0, maxPrompt) || null;
  return kind || prompt ? { kind, prompt } : null;
}

/**
 * The gallery card of an expired creation: what happened, in kind words, and the way to make it
 * again. Pictures made from an upload need the picture chosen again (uploads are not kept).
 * @param {{ kind?: string, prompt?: string }} entry  the gallery entry (its prompt, its kind)
 * @returns {{ headline: string, detail: string, action: { href: string, label: string, ariaLabel: string } }}
 */
export function expiredCard(entry = {}) {
  const kind = entry.kind ?? null;
  const video = String(kind ?? '').endsWith('video');
  const fromUpload = String(kind ?? '').startsWith('image-to');
  const noun = video ? 'video' : 'picture';
  const detail = [
    `This ${noun} was cleared to make room for new creations — the oldest go first.`,
    entry.prompt ? (fromUpload ? 'Your prompt is kept: choose your picture again to remake it.' : 'Your prompt is kept, so you can make it again.') : null,
  ].filter(Boolean).join(' ');
  const label = entry.prompt ? `“${entry.prompt.length > 60 ? `${entry.prompt.slice(0, 59)}…` : entry.prompt}”` : 'this creation';
  return {
    headline: 'Cleared to make room',
    detail,
    action: { href: remakeHref({ kind, prompt: entry.prompt }), label: 'Make it again', ariaLabel: `Make ${label} again` },
  };
}
