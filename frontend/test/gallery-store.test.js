// gallery-store.js: the job ids an anonymous visitor's browser remembers for the gallery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGalleryStore, ERASED_KEY, HIDDEN_KEY, HIDDEN_MAX, STORAGE_KEY } from '../src/gallery-store.js';

/** A Storage look-alike (getItem/setItem), optionally failing on write like a full quota. */
function memoryStorage({ failWrites = false } = {}) {
  const map = new Map();
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => { if (failWrites) throw new Error('QuotaExceededError'); map.set(k, String(v)); },
    removeItem: (k) => map.delete(k),
  };
}

const job = (id, createdAt, kind = 'text-to-image') => ({ id, kind, created_at: createdAt, status: 'queued' });

test('remembers created jobs newest first, with their prompt, under aiart.gallery', () => {
  const storage = memoryStorage();
  const store = createGalleryStore(storage);
  store.add(job('a', '2026-01-01T10:00:00Z'), { prompt: 'a fox' });
  store.add(job('b', '2026-01-01T10:05:00.123456Z', 'text-to-video'), { prompt: 'waves' });
  assert.deepEqual(store.list().map((e) => [e.id, e.kind, e.prompt]), [['b', 'text-to-video', 'waves'], ['a', 'text-to-image', 'a fox']]);
  assert.deepEqual(JSON.parse(storage.getItem(STORAGE_KEY)).map((e) => e.id), ['b', 'a']);
  // a second page (another tab) sees the same list
  assert.deepEqual(createGalleryStore(storage).list().map((e) => e.id), ['b', 'a']);
});

test('the same job twice is one entry; ids without a string are ignored', () => {
  const store = createGalleryStore(memoryStorage());
  store.add(job('a', '2026-01-01T10:00:00Z'), { prompt: 'first' });
  store.add(job('a', '2026-01-01T10:00:00Z'), { prompt: 'again' });
  store.add({ kind: 'text-to-image' });
  store.add(null);
  assert.deepEqual(store.list().map((e) => [e.id, e.prompt]), [['a', 'again']]);
});

test('keeps at most `max` entries, dropping the oldest', () => {
  const store = createGalleryStore(memoryStorage(), { max: 3 });
  for (let i = 0; i < 5; i++) store.add(job(`j${i}`, `2026-01-01T10:0${i}:00Z`));
  assert.deepEqual(store.list().map((e) => e.id), ['j4', 'j3', 'j2']);
});

test('remove returns the entry for an undo, restore puts it back in order', () => {
  const store = createGalleryStore(memoryStorage());
  store.add(job('old', '2026-01-01T09:00:00Z'));
  store.add(job('mid', '2026-01-01T10:00:00Z'));
  store.add(job('new', '2026-01-01T11:00:00Z'));
  const removed = store.remove('mid');
  assert.equal(removed.id, 'mid');
  assert.equal(store.has('mid'), false);
  assert.equal(store.remove('nope'), null);
  store.restore(removed);
  assert.deepEqual(store.list().map((e) => e.id), ['new', 'mid', 'old']);
});

test('unreadable or foreign data does not break the page', () => {
  const storage = memoryStorage();
  storage.setItem(STORAGE_KEY, '{not json');
  assert.deepEqual(createGalleryStore(storage).list(), []);
  storage.setItem(STORAGE_KEY, JSON.stringify([{ id: 'ok', createdAt: '2026-01-01T00:00:00Z' }, { id: 7 }, 'x', null]));
  assert.deepEqual(createGalleryStore(storage).list().map((e) => e.id), ['ok']);
});

test('a full or unavailable storage keeps working in memory for this page', () => {
  const store = createGalleryStore(memoryStorage({ failWrites: true }));
  assert.doesNotThrow(() => store.add(job('a', '2026-01-01T10:00:00Z')));
  const none = createGalleryStore(null);
  none.add(job('b', '2026-01-01T10:00:00Z'));
  assert.deepEqual(none.list().map((e) => e.id), ['b']);
});

test('an entry remembers the account it was made with (null signed out); older entries have none', () => {
  const store = createGalleryStore(memoryStorage());
  store.add(job('mine', '2026-01-01T10:00:00Z'), { prompt: 'a fox', owner: 'uid-1' });
  store.add(job('anon', '2026-01-01T10:01:00Z'), { prompt: 'waves', owner: null });
  store.add(job('old', '2026-01-01T10:02:00Z'), { prompt: 'hills' });
  const byId = Object.fromEntries(store.list().map((e) => [e.id, e]));
  assert.equal(byId.mine.owner, 'uid-1');
  assert.equal(byId.anon.owner, null);
  assert.ok(!('owner' in byId.old));
});

test('erasing an account forgets exactly its creations and notes the erasure once for the gallery', () => {
  const storage = memoryStorage();
  const store = createGalleryStore(storage);
  store.add(job('mine', '2026-01-01T10:00:00Z'), { owner: 'uid-1' });
  store.add(job('other', '2026-01-01T10:01:00Z'), { owner: 'uid-2' });
  store.add(job('anon', '2026-01-01T10:02:00Z'), { owner: null });
  assert.equal(store.erasure(), null);
  assert.equal(store.forgetOwner('uid-1', { erasedJobs: 4, now: 1_000 }), 1);
  assert.deepEqual(store.list().map((e) => e.id), ['anon', 'other']);
  // another tab's store reads the same note: erased, not expired
  const other = createGalleryStore(storage);
  assert.deepEqual(other.erasure(), { at: 1_000, forgotten: 1, jobs: 4, told: false });
  other.markErasureTold();
  assert.equal(store.erasure().told, true);
  // the note is written before the list, so a gallery reloading on the list's change finds it
  const order = [];
  const watched = { ...memoryStorage(), setItem(k) { order.push(k); } };
  createGalleryStore({ ...watched, getItem: () => JSON.stringify([{ id: 'x', owner: 'u', createdAt: '2026-01-01T00:00:00Z' }]) }).forgetOwner('u');
  assert.deepEqual(order, [ERASED_KEY, STORAGE_KEY]);
});

test('an account creation removed from this browser stays hidden (until it would have expired), undo brings it back', () => {
  const storage = memoryStorage();
  const store = createGalleryStore(storage);
  const now = Date.parse('2026-03-10T12:00:00Z');
  store.hide('acct-1', now);
  store.hide('acct-2', now);
  assert.deepEqual([...createGalleryStore(storage).hiddenIds(now)].sort(), ['acct-1', 'acct-2']);
  store.unhide('acct-1', now);
  assert.deepEqual([...store.hiddenIds(now)], ['acct-2']);
  assert.ok(JSON.parse(storage.getItem(HIDDEN_KEY)).every((h) => h.id && h.at === now));
  // long after any retention the list lets go of it
  assert.deepEqual([...store.hiddenIds(now + 40 * 86_400_000)], []);
  // bounded, like the history it hides from
  for (let i = 0; i < HIDDEN_MAX + 20; i++) store.hide(`j${i}`, now);
  assert.equal(store.hiddenIds(now).size, HIDDEN_MAX);
  assert.ok(store.hiddenIds(now).has(`j${HIDDEN_MAX + 19}`), 'the newest are kept');
});
