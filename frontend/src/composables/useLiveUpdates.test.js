import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveUpdates, POLL_MS } from './useLiveUpdates.js';

function streamOf(chunks) {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
    },
  });
}

describe('live updates', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers each event of the stream', async () => {
    const events = [];
    const fetchImpl = vi
      .fn()
      .mockResolvedValue(
        new Response(streamOf(['data: {"type":"lot","lot_id":3}\n\n', ': ping\n\n'])),
      );
    const live = createLiveUpdates((event) => events.push(event), { fetchImpl });
    live.start();
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'lot', lot_id: 3 }));
    expect(events[0]).toEqual({ type: 'resync' });
    expect(live.paused.value).toBe(false);
    expect(fetchImpl.mock.calls[0][1].headers.Accept).toBe('text/event-stream');
    live.stop();
  });

  it('pauses and polls every 5 s while the stream is missing, then resumes', async () => {
    const events = [];
    const fetchImpl = vi
      .fn()
      .mockResolvedValueOnce(new Response('{"message":"Not found"}', { status: 404 }))
      .mockResolvedValueOnce(new Response('{"message":"Redis is down"}', { status: 503 }))
      .mockResolvedValue(new Response(new ReadableStream({ start() {} })));
    const live = createLiveUpdates((event) => events.push(event), { fetchImpl });
    live.start();
    await vi.waitFor(() => expect(live.paused.value).toBe(true));
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(events.filter((e) => e.type === 'poll')).toHaveLength(1);
    // Retries after 2 s (503 again), then 4 s later: connected at 6 s.
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(live.paused.value).toBe(false);
    const polls = events.filter((e) => e.type === 'poll').length;
    await vi.advanceTimersByTimeAsync(3 * POLL_MS);
    expect(events.filter((e) => e.type === 'poll')).toHaveLength(polls);
    live.stop();
  });

  it('stops everything on stop()', async () => {
    const onEvent = vi.fn();
    const fetchImpl = vi.fn().mockRejectedValue(new TypeError('offline'));
    const live = createLiveUpdates(onEvent, { fetchImpl });
    live.start();
    await vi.waitFor(() => expect(live.paused.value).toBe(true));
    live.stop();
    const calls = fetchImpl.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10 * POLL_MS);
    expect(onEvent).not.toHaveBeenCalled();
    expect(fetchImpl.mock.calls.length).toBe(calls);
  });
});
