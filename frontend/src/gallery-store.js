// The creations this browser made, remembered in localStorage so an anonymous visitor has a
// gallery: only job ids and what is needed to label them (the results stay on the server,
// reachable by their unguessable job id). Newest first, at most MAX entries.

export const STORAGE_KEY = 'aiart.gallery';
export const MAX_ENTRIES = 60;
/** Account creations removed from this browser's gallery (they stay on the server until they expire). */
export const HIDDEN_KEY = 'aiart.gallery.hidden';
/** What an account erasure in this browser left to tell the gallery (signin.js → gallery.js). */
export const ERASED_KEY = 'aiart.gallery.erased';
/** Hidden ids are kept past the longest retention a job could have; the history's 300 at most. */
export const HIDDEN_MAX = 300;
const HIDDEN_DAYS = 31;

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

  let hiddenMemory = [];
  function readHidden(now) {
    let list = hiddenMemory;
    if (storage) {
      try { list = JSON.parse(storage.getItem(HIDDEN_KEY) || '[]'); } catch { list = []; }
    }
    const oldest = now - HIDDEN_DAYS * 86_400_000;
    return Array.isArray(list) ? list.filter((h) => h && valid(h) && Number.isFinite(h.at) && h.at > oldest) : [];
  }
  function writeHidden(list) {
    hiddenMemory = list.slice(0, HIDDEN_MAX);
    if (!storage) return;
    try { storage.setItem(HIDDEN_KEY, JSON.stringify(hiddenMemory)); } catch { /* memory only */ }
  }

  return {
    /** Entries, newest first: { id, kind, prompt, createdAt, owner? }. */
    list: () => sortNewestFirst(read()),

    /**
     * Remembers a job (from generate()); a known id is updated in place. `owner`: the uid of the
     * account it was made with, or null when made signed out — so erasing that account can take
     * exactly its creations out of this browser's list (forgetOwner).
     */
    add(job, { prompt, owner } = {}) {
      if (!job || typeof job.id !== 'string' || !job.id) return;
      const entries = read().filter((e) => e.id !== job.id);
      const entry = {
        id: job.id,
        kind: typeof job.kind === 'string' ? job.kind : null,
        prompt: typeof prompt === 'string' ? prompt.slice(0, 500) : (typeof job.prompt === 'string' ? job.prompt.slice(0, 500) : ''),
        createdAt: typeof job.created_at === 'string' ? job.created_at : (typeof job.createdAt === 'string' ? job.createdAt : new Date().toISOString()),
      };
      if (owner !== undefined) entry.owner = typeof owner === 'string' && owner ? owner : null;
      entries.push(entry);
      write(sortNewestFirst(entries));
    },

    /**
     * The account `uid` was erased (DELETE /user/me): forgets the entries made with it, and notes
     * the erasure (time, how many this browser forgot) for the gallery, which then says the
     * creations were erased with the account — never that they expired. Entries saved by an older
     * page carry no owner: the gallery counts those that are gone as erased when they predate it.
     * @returns {number} entries forgotten
     */
    forgetOwner(uid, { erasedJobs = null, now = Date.now() } = {}) {
      const entries = read();
      const kept = entries.filter((e) => !(uid && e.owner === uid));
      const forgotten = entries.length - kept.length;
      // the note first: a gallery open in another tab reloads on the list's change and reads it
      if (storage) {
        try {
          storage.setItem(ERASED_KEY, JSON.stringify({ at: now, forgotten, jobs: Number.isFinite(erasedJobs) ? erasedJobs : null, told: false }));
        } catch { /* the gallery then words a missing creation as usual */ }
      }
      if (forgotten) write(kept);
      return forgotten;
    },

    /** The last erasure noted by forgetOwner, or null: { at, forgotten, jobs, told }. */
    erasure() {
      if (!storage) return null;
      try {
        const e = JSON.parse(storage.getItem(ERASED_KEY) || 'null');
        return e && Number.isFinite(e.at) ? e : null;
      } catch { return null; }
    },

    /** The gallery has said it once: later visits don't repeat the news. */
    markErasureTold() {
      const e = this.erasure();
      if (!e || e.told || !storage) return;
      try { storage.setItem(ERASED_KEY, JSON.stringify({ ...e, told: true })); } catch { /* ignore */ }
    },

    /** Ids of account creations removed from this browser's gallery. */
    hiddenIds(now = Date.now()) {
      return new Set(readHidden(now).map((h) => h.id));
    },

    /** Removes an account creation from this browser's gallery (the server keeps it until it expires). */
    hide(id, now = Date.now()) {
      if (typeof id !== 'string' || !id) return;
      writeHidden([{ id, at: now }, ...readHidden(now).filter((h) => h.id !== id)]);
    },

    /** Undoes hide(). */
    unhide(id, now = Date.now()) {
      writeHidden(readHidden(now).filter((h) => h.id !== id));
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
