import { http } from './client.js';

/** @param {{q?: string, page?: number, per_page?: number}} [filters] */
export const getUsers = (filters) => http.get('/admin/users', filters);
export const getAdminSummary = () => http.get('/admin/summary');
export const runDailyReminders = () => http.post('/admin/jobs/daily-reminders');
/** @param {string} [month] "2026-10"; without it, last month */
export const runMonthlyReport = (month) =>
  http.post('/admin/jobs/monthly-report', month ? { month } : {});
/** @param {{page?: number, per_page?: number}} [filters] */
export const getNotifications = (filters) => http.get('/admin/notifications', filters);
/** Where a job run from the jobs page is: `{task_id, status, sent, failed, skipped, message}` */
export const getJob = (taskId) => http.get(`/admin/jobs/${encodeURIComponent(taskId)}`);
