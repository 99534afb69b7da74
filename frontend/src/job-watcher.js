// Follows a job until it reaches a terminal status: Server-Sent Events on
// links.events first, polling GET /jobs/{id} (through the ApiClient, so with
// failover) when the stream errors or stays silent.
import { isTerminal } from './messages.js';

/**
 * @param {object} api          an ApiClient
 * @param {object} job          the job as returned by generate()
 * @param {object} handlers     { onUpdate(job), onTrouble(err|null), onGone(err) }
 * @param {object} [options]    { pollIntervalMs = 1000, silenceMs = 5000, EventSource }
 * @returns {{ stop(): void }}
 */
export function watchJob(api, job, handlers, options = {}) {
  const { pollIntervalMs = 1000, silenceMs = 5000, EventSource: ES = globalThis.EventSource } = options;
  let stopped = false;
  let source = null;
  let timer = null;
  let controller = null;
  let failures = 0;

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
      if (!stopped) startPolling();
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
    let watchdog = null;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => { if (source) startPolling(0); }, silenceMs);
    };
    try {
      source = new ES(url);
    } catch {
      return startPolling(0);
    }
    const onMessage = (event) => {
      arm();
      try { update(JSON.parse(event.data)); } catch { /* ignore a malformed event */ }
      if (stopped) clearTimeout(watchdog);
    };
    source.onmessage = onMessage;
    source.addEventListener('job', onMessage);
    source.onerror = () => {
      clearTimeout(watchdog);
      if (!stopped) startPolling(0);
    };
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
