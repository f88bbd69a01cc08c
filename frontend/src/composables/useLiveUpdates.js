import { onBeforeUnmount, onMounted, ref } from 'vue';
import { getToken } from '@/api/client.js';
import { createSseParser } from '@/utils/sse.js';

export const POLL_MS = 5000;
const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 60000;

/**
 * Follows `GET /api/events` (read with fetch, since EventSource cannot send the Bearer header)
 * and calls `onEvent` with each event's JSON, e.g. `{type: "lot", lot_id: 3}`. While the stream
 * is unavailable (offline, 404, 503 when Redis is down) `paused` is true, `onEvent({type:
 * "poll"})` runs every 5 s instead, and the stream is retried with a growing delay.
 * `onEvent({type: "resync"})` follows every (re)connection, to catch up on what was missed.
 *
 * @param {(event: {type: string, lot_id?: number}) => void} onEvent
 * @returns {{paused: import('vue').Ref<boolean>, start: () => void, stop: () => void}}
 */
export function createLiveUpdates(onEvent, { fetchImpl = (...args) => fetch(...args) } = {}) {
  const paused = ref(false);
  let stopped = true;
  let controller = null;
  let pollTimer = null;
  let retryTimer = null;
  let retryDelay = FIRST_RETRY_MS;

  function pause() {
    paused.value = true;
    if (!pollTimer) pollTimer = setInterval(() => onEvent({ type: 'poll' }), POLL_MS);
  }

  function resume() {
    paused.value = false;
    clearInterval(pollTimer);
    pollTimer = null;
    retryDelay = FIRST_RETRY_MS;
  }

  function retryIn(delay) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, delay);
  }

  async function connect() {
    if (stopped) return;
    controller = new AbortController();
    const headers = { Accept: 'text/event-stream' };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      const response = await fetchImpl('/api/events', {
        headers,
        signal: controller.signal,
        cache: 'no-store',
      });
      if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
      resume();
      onEvent({ type: 'resync' });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = createSseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const event of parser.push(value)) {
          if (event.data && typeof event.data === 'object') onEvent(event.data);
        }
      }
      // The server closes streams after a while (bounded lifetime): just reconnect.
      retryIn(1000);
    } catch {
      if (stopped) return;
      pause();
      retryIn(retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
    }
  }

  function start() {
    if (!stopped) return;
    stopped = false;
    connect();
  }

  function stop() {
    stopped = true;
    controller?.abort();
    clearTimeout(retryTimer);
    clearInterval(pollTimer);
    pollTimer = null;
  }

  return { paused, start, stop };
}

/** `createLiveUpdates` bound to the calling component's lifetime. */
export function useLiveUpdates(onEvent) {
  const live = createLiveUpdates(onEvent);
  onMounted(live.start);
  onBeforeUnmount(live.stop);
  return { paused: live.paused };
}
