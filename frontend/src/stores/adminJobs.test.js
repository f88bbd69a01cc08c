import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useAdminJobsStore } from './adminJobs.js';

function answer(status, body) {
  return new Response(JSON.stringify(body), { status });
}

describe('admin jobs store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('queues a month’s report with that month in the body', async () => {
    const fetch = vi.fn().mockResolvedValue(answer(202, { task_id: 'abc' }));
    vi.stubGlobal('fetch', fetch);
    const store = useAdminJobsStore();
    await store.runMonthlyReport('2026-10');
    const [url, options] = fetch.mock.calls[0];
    expect(url).toBe('/api/admin/jobs/monthly-report');
    expect(JSON.parse(options.body)).toEqual({ month: '2026-10' });
    expect(store.queued).toEqual({ job: 'The report for 2026-10', taskId: 'abc' });
  });

  it('asks for last month’s report when no month is chosen', async () => {
    const fetch = vi.fn().mockResolvedValue(answer(202, { task_id: 'def' }));
    vi.stubGlobal('fetch', fetch);
    await useAdminJobsStore().runMonthlyReport('');
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({});
  });

  it('keeps the server’s words when the queue is away', async () => {
    const message = 'The job queue is unreachable; try again shortly';
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(503, { message })));
    const store = useAdminJobsStore();
    await store.runDailyReminders();
    expect(store.queued).toBeNull();
    expect(store.jobError.message).toBe(message);
    expect(store.isQueueing).toBe(false);
  });
});
