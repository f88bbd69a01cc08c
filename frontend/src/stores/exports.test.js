import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useExportsStore } from './exports.js';

const json = (body, status = 200) => new Response(JSON.stringify(body), { status });

describe('exports store', () => {
  let fetchMock;
  beforeEach(() => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('follows a queued export until it is done, then stops asking', async () => {
    fetchMock
      .mockResolvedValueOnce(json({ id: 5, status: 'queued' }, 202))
      .mockResolvedValueOnce(json({ id: 5, status: 'running', row_count: 10 }))
      .mockResolvedValueOnce(json({ id: 5, status: 'done', row_count: 25 }));
    const store = useExportsStore();
    await store.start();
    expect(store.current.status).toBe('queued');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.current).toMatchObject({ status: 'running', row_count: 10 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.current).toMatchObject({ status: 'done', row_count: 25 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(fetchMock.mock.calls[1][0]).toBe('/api/exports/5');
  });

  it("shows the queue's 503 in words", async () => {
    fetchMock.mockResolvedValue(json({ message: 'The job queue is unavailable' }, 503));
    const store = useExportsStore();
    await store.start();
    expect(store.error.message).toBe('The job queue is unavailable');
    expect(store.current).toBeNull();
  });

  it('stops at once on an export that does not exist: no spinner, Export CSV free', async () => {
    fetchMock.mockResolvedValue(json({ message: 'Not found' }, 404));
    const store = useExportsStore();
    await store.follow(999);
    expect(store.current).toBeNull();
    expect(store.notFound).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
