// The operator runs the daily reminders now and sees them in the notification log.
import { test, expect } from './fixtures.js';

test('the operator runs the daily reminders and sees them in the log', async ({ adminPage }) => {
  await adminPage.goto('/admin/jobs');
  await adminPage.getByRole('button', { name: 'Run daily reminders now' }).click();
  await expect(adminPage.getByRole('status').filter({ hasText: 'queued' })).toBeVisible();

  const log = adminPage.getByRole('region', { name: 'Notification log table' });
  await expect(async () => {
    await adminPage.getByRole('button', { name: 'Refresh log' }).click();
    await expect(log).toContainText('Reminder', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
});
