// Follows a job until it reaches a terminal status: Server-Sent Events on
// links.events first, polling GET /jobs/{id} (through the ApiClient, so with
// failover and hedging) when the stream errors or stays silent.
//
// A live stream is never silent for long: the backend sends the job again after
// `aiart.queue.events-heartbeat` (2 s) without a change, checked every 500 ms, so a live stream
// is never silent for more than about 2.5 s. A stream silent for `silenceMs` (4 s: the
// heartbeat missed, and a margin) belongs to a hung backend: the watcher tells the ApiClient
// (which puts that backend behind the other for its cooldown), polls at once — so the poll goes
// to the other backend — and, when the job was answered by another backend than the silent
// one, follows it there over a new stream. The last snapshot seen is kept
// throughout, so no progress is lost; a stream that fails on every backend leaves polling.
import { isTerminal } from './messages.js';

/** Silence after which a stream is taken for dead (docs/FAILOVER.md): moved within the 5 s target. */
export const DEFAULT_SILENCE_MS = 4000;
const MAX_STREAMS = 3;

/**
 * @param {object} api          an ApiClient
 * @param {object} job          the job as returned by generate()
 * @param {object} handlers     { onUpdate(job), onTrouble(err|null), onGone(err) }
 * @param {object} [options]    { pollIntervalMs = 1000, silenceMs = 4000, EventSource }
 * @returns {{ stop(): void }}
 */
export function watchJob(api, job, handlers, options = {}) {
  const { pollIntervalMs = 1000, silenceMs = DEFAULT_SILENCE_MS, EventSource: ES = globalThis.EventSource } = options;
  let stopped = false;
  let source = null;
  let timer = null;
  let controller = null;
  let failures = 0;
  let streams = 0;
  const failedStreams = new Set(); // events URLs that errored or went silent

  const stop = () => {
    stopped = true;
    source?.close();
    source = null;
    clearTimeout(timer);
    controller?.abort();
  };

  const update = (next) => {
    if (stopped || !next || next.id !== job.id) return;
    job = next;
    handlers.onUpdate?.(next);
    if (isTerminal(next)) stop();
  };

  function startPolling(delay = pollIntervalMs) {
    source?.close();
    source = null;
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(poll, delay);
  }

  async function poll() {
    if (stopped) return;
    controller = new AbortController();
    try {
      const { data } = await api.getJob(job.id, { signal: controller.signal });
      if (failures) handlers.onTrouble?.(null);
      failures = 0;
      update(data);
      if (stopped) return;
      // After a failed stream: follow the job over a new stream on the backend that answered.
      const url = failedStreams.size && streams < MAX_STREAMS && typeof ES === 'function' ? api.eventsUrl(job) : null;
      if (url && !failedStreams.has(url)) startEvents(url);
      else startPolling();
    } catch (err) {
      if (stopped || err?.name === 'AbortError') return;
      if (err?.name === 'HttpError' && err.status === 404) {
        stop();
        handlers.onGone?.(err);
        return;
      }
      failures += 1;
      handlers.onTrouble?.(err);
      const wait = err?.retryAfter ? err.retryAfter * 1000 : pollIntervalMs * 2 ** Math.min(failures, 4);
      startPolling(Math.min(wait, 15_000));
    }
  }

  function startEvents(url) {
    streams += 1;
    let watchdog = null;
    let current = null;
    const failed = (silent) => {
      clearTimeout(watchdog);
      if (source !== current) return; // an older stream, already replaced
      failedStreams.add(url);
      if (silent) api.reportSlow?.(url);
      if (!stopped) startPolling(0);
    };
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => failed(true), silenceMs);
    };
    try {
      current = source = new ES(url);
    } catch {
      return startPolling(0);
    }
    const onMessage = (event) => {
      if (source !== current) return;
      arm();
      try { update(JSON.parse(event.data)); } catch { /* ignore a malformed event */ }
      if (stopped) clearTimeout(watchdog);
    };
    current.onmessage = onMessage;
    current.addEventListener('job', onMessage);
    current.onerror = () => failed(false);
    arm();
  }

  if (isTerminal(job)) {
    queueMicrotask(() => update(job));
  } else {
    const url = typeof ES === 'function' ? api.eventsUrl(job) : null;
    if (url) startEvents(url);
    else startPolling();
  }
  return { stop };
}
