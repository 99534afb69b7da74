// The creations this browser made, remembered in localStorage so an anonymous visitor has a
// gallery: only job ids and what is needed to label them (the results stay on the server,
// reachable by their unguessable job id). Newest first, at most MAX entries.

export const STORAGE_KEY = 'aiart.gallery';
export const MAX_ENTRIES = 60;

/**
 * @param {Storage|null} [storage]  localStorage (injectable for tests); null → memory only
 * @param {{ key?: string, max?: number }} [options]
 */
export function createGalleryStore(storage = globalThis.localStorage ?? null, { key = STORAGE_KEY, max = MAX_ENTRIES } = {}) {
  let memory = [];

  function read() {
    if (!storage) return memory;
    try {
      const parsed = JSON.parse(storage.getItem(key) || '[]');
      return Array.isArray(parsed) ? parsed.filter(valid) : [];
    } catch {
      return []; // unreadable: start afresh rather than break the page
    }
  }

  function write(entries) {
    const list = entries.slice(0, max);
    memory = list;
    if (!storage) return;
    try { storage.setItem(key, JSON.stringify(list)); } catch { /* full or private mode: memory only */ }
  }

  return {
    /** Entries, newest first: { id, kind, prompt, createdAt }. */
    list: () => sortNewestFirst(read()),

    /** Remembers a job (from generate()); a known id is updated in place. */
    add(job, { prompt } = {}) {
      if (!job || typeof job.id !== 'string' || !job.id) return;
      const entries = read().filter((e) => e.id !== job.id);
      entries.push({
        id: job.id,
        kind: typeof job.kind === 'string' ? job.kind : null,
        prompt: typeof prompt === 'string' ? prompt.slice(0, 500) : (typeof job.prompt === 'string' ? job.prompt.slice(0, 500) : ''),
        createdAt: typeof job.created_at === 'string' ? job.created_at : (typeof job.createdAt === 'string' ? job.createdAt : new Date().toISOString()),
      });
      write(sortNewestFirst(entries));
    },

    /** Forgets a job; returns the removed entry (for an undo), or null. */
    remove(id) {
      const entries = read();
      const removed = entries.find((e) => e.id === id) ?? null;
      if (removed) write(entries.filter((e) => e.id !== id));
      return removed;
    },

    /** Puts back an entry returned by remove(). */
    restore(entry) {
      if (!valid(entry)) return;
      write(sortNewestFirst([...read().filter((e) => e.id !== entry.id), entry]));
    },

    has: (id) => read().some((e) => e.id === id),
    clear: () => write([]),
  };
}

function valid(e) {
  return !!e && typeof e === 'object' && typeof e.id === 'string' && e.id.length > 0 && e.id.length < 200;
}

function sortNewestFirst(entries) {
  const time = (e) => { const t = Date.parse(e.createdAt ?? ''); return Number.isNaN(t) ? 0 : t; };
  return [...entries].sort((a, b) => time(b) - time(a)); // stable: equal times keep their order
}
