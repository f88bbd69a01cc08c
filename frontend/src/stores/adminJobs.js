import { ref } from 'vue';
import { defineStore } from 'pinia';
import * as adminApi from '@/api/admin.js';

export const PER_PAGE = 25;

/** Running the reminder and report jobs now, and the log of every notification sent. */
export const useAdminJobsStore = defineStore('adminJobs', () => {
  const notifications = ref({ items: [], total: 0, page: 1, per_page: PER_PAGE });
  const isLoading = ref(false);
  const hasLoaded = ref(false);
  const error = ref(null);
  /** The last job queued: `{job, task_id}` */
  const queued = ref(null);
  const isQueueing = ref(false);
  const jobError = ref(null);

  async function loadNotifications(pageNumber = 1) {
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

  async function run(job, start) {
    isQueueing.value = true;
    jobError.value = null;
    try {
      const { task_id: taskId } = await start();
      queued.value = { job, taskId };
    } catch (failure) {
      jobError.value = failure;
    } finally {
      isQueueing.value = false;
    }
  }

  const runDailyReminders = () => run('The daily reminders', adminApi.runDailyReminders);
  /** @param {string} month "2026-10"; empty for last month */
  const runMonthlyReport = (month) =>
    run(month ? `The report for ${month}` : "Last month's report", () =>
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
  };
});
