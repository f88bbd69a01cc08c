import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { POLL_MS, useAdminJobsStore } from './adminJobs.js';

function answer(status, body) {
  return new Response(JSON.stringify(body), { status });
}
const emptyLog = { items: [], total: 0, page: 1, per_page: 25 };

/** A fake server: the job's answers in turn, the log's answers in turn. */
function server({ job = [], log = [emptyLog] } = {}) {
  const jobs = [...job];
  const logs = [...log];
  return vi.fn(async (url, options) => {
    if (options?.method === 'POST') return answer(202, { task_id: 'abc-123' });
    if (url.startsWith('/api/admin/jobs/')) {
      return answer(200, jobs.length > 1 ? jobs.shift() : jobs[0]);
    }
    return answer(200, logs.length > 1 ? logs.shift() : logs[0]);
  });
}

describe('admin jobs store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('queues a month’s report with that month in the body, and shows no task id', async () => {
    const fetch = server({ job: [{ status: 'queued', message: 'Waiting for a worker' }] });
    vi.stubGlobal('fetch', fetch);
    const store = useAdminJobsStore();
    await store.runMonthlyReport('2026-10');
    const [url, options] = fetch.mock.calls[0];
    expect(url).toBe('/api/admin/jobs/monthly-report');
    expect(JSON.parse(options.body)).toEqual({ month: '2026-10' });
    expect(store.queued).toMatchObject({ job: 'The report for Oct 2026', status: 'queued' });
    expect(JSON.stringify(store.queued)).not.toContain('abc-123');
    store.stopFollowing();
  });

  it('asks for last month’s report when no month is chosen', async () => {
    const fetch = server({ job: [{ status: 'done', message: 'x' }] });
    vi.stubGlobal('fetch', fetch);
    const store = useAdminJobsStore();
    await store.runMonthlyReport('');
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({});
    store.stopFollowing();
  });

  it('follows the job until it is done, refreshing the log, and keeps the server’s words', async () => {
    const note = { id: 1, kind: 'reminder', user: { full_name: 'Asha Rao' } };
    const fetch = server({
      job: [
        { status: 'queued', message: 'Waiting for a worker' },
        { status: 'running', message: 'Running' },
        { status: 'done', sent: 3, message: '3 messages sent' },
      ],
      log: [emptyLog, { ...emptyLog, items: [note], total: 1 }],
    });
    vi.stubGlobal('fetch', fetch);
    const store = useAdminJobsStore();
    await store.runDailyReminders();
    expect(store.queued.following).toBe(true);

    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.queued.status).toBe('queued');
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.queued.status).toBe('running');
    expect(store.notifications.items).toEqual([note]); // the log refreshed while it ran
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.queued).toMatchObject({
      status: 'done',
      message: '3 messages sent',
      following: false,
    });

    const asked = fetch.mock.calls.filter(([url]) => url === '/api/admin/jobs/abc-123').length;
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(fetch.mock.calls.filter(([url]) => url === '/api/admin/jobs/abc-123').length).toBe(
      asked,
    );
  });

  it('says "nothing new to send" as the server does', async () => {
    const message = 'Nothing new to send: everyone already got the report for Nov 2026';
    vi.stubGlobal('fetch', server({ job: [{ status: 'done', sent: 0, skipped: 4, message }] }));
    const store = useAdminJobsStore();
    await store.runMonthlyReport('2026-11');
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.queued).toMatchObject({ status: 'done', message, following: false });
  });

  it('stops asking when the page is left', async () => {
    const fetch = server({ job: [{ status: 'running', message: 'Running' }] });
    vi.stubGlobal('fetch', fetch);
    const store = useAdminJobsStore();
    await store.runDailyReminders();
    store.stopFollowing();
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(fetch.mock.calls.some(([url]) => url.startsWith('/api/admin/jobs/abc'))).toBe(false);
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
