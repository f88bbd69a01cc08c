import { ref } from 'vue';
import { defineStore } from 'pinia';
import * as adminApi from '@/api/admin.js';
import { formatMonth } from '@/utils/format.js';

export const PER_PAGE = 25;
/** How often a running job is asked after, and the log refreshed meanwhile. */
export const POLL_MS = 1500;
/** After this long the page stops asking (the job may still finish: the log will show it). */
export const POLL_LIMIT_MS = 5 * 60 * 1000;

const FINISHED = new Set(['done', 'failed']);

/**
 * Running the reminder and report jobs now, and the log of every notification sent. After
 * "Run now" the job is followed (`GET /api/admin/jobs/{task_id}`) until it is done, the log
 * refreshing as it goes; what the job did is the server's `message` ("3 messages sent").
 */
export const useAdminJobsStore = defineStore('adminJobs', () => {
  const notifications = ref({ items: [], total: 0, page: 1, per_page: PER_PAGE });
  const isLoading = ref(false);
  const hasLoaded = ref(false);
  const error = ref(null);
  /**
   * The last job run from here: `{job, queuedAt, status, message, following}`; `following` is
   * true while the page still asks after it (and refreshes the log).
   */
  const queued = ref(null);
  const isQueueing = ref(false);
  const jobError = ref(null);
  let run_ = 0;
  let timer = null;

  async function loadNotifications(pageNumber = notifications.value.page || 1) {
    isLoading.value = true;
    try {
      notifications.value = await adminApi.getNotifications({
        page: pageNumber,
        per_page: PER_PAGE,
      });
      hasLoaded.value = true;
      error.value = null;
    } catch (failure) {
      error.value = failure;
    } finally {
      isLoading.value = false;
    }
  }

  function stopFollowing() {
    run_ += 1;
    clearTimeout(timer);
    timer = null;
    if (queued.value) queued.value = { ...queued.value, following: false };
  }

  /** Asks after the job until it is done or failed, refreshing the log each time. */
  async function follow(ticket, taskId, startedAt) {
    if (ticket !== run_) return;
    let answer = null;
    try {
      answer = await adminApi.getJob(taskId);
    } catch (failure) {
      if (ticket !== run_) return;
      if (failure.status === 404 || failure.status === 403) {
        queued.value = { ...queued.value, status: 'unknown', message: failure.message };
        stopFollowing();
        return;
      }
      // A hiccup (the queue briefly away): ask again next time.
    }
    if (ticket !== run_) return;
    if (answer) queued.value = { ...queued.value, status: answer.status, message: answer.message };
    await loadNotifications();
    if (ticket !== run_) return;
    if (answer && FINISHED.has(answer.status)) {
      stopFollowing();
      return;
    }
    if (Date.now() - startedAt >= POLL_LIMIT_MS) {
      queued.value = {
        ...queued.value,
        message: `${queued.value.message}. Still not done after 5 minutes; Refresh log shows what it has sent.`,
      };
      stopFollowing();
      return;
    }
    timer = setTimeout(() => follow(ticket, taskId, startedAt), POLL_MS);
  }

  async function run(job, start) {
    stopFollowing();
    isQueueing.value = true;
    jobError.value = null;
    try {
      const { task_id: taskId } = await start();
      const ticket = ++run_;
      queued.value = {
        job,
        queuedAt: new Date().toISOString(),
        status: 'queued',
        message: 'Waiting for a worker',
        following: true,
      };
      timer = setTimeout(() => follow(ticket, taskId, Date.now()), POLL_MS);
    } catch (failure) {
      jobError.value = failure;
    } finally {
      isQueueing.value = false;
    }
  }

  const runDailyReminders = () => run('The daily reminders', adminApi.runDailyReminders);
  /** @param {string} month "2026-10"; empty for last month */
  const runMonthlyReport = (month) =>
    run(month ? `The report for ${formatMonth(month)}` : "Last month's report", () =>
      adminApi.runMonthlyReport(month),
    );

  return {
    notifications,
    isLoading,
    hasLoaded,
    error,
    queued,
    isQueueing,
    jobError,
    loadNotifications,
    runDailyReminders,
    runMonthlyReport,
    stopFollowing,
  };
});
