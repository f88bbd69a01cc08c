// /admin/jobs: "Run now" follows the job until it is done and says what it did in the server's
// words (no Celery task id); the log refreshes by itself meanwhile and names people; on a phone
// it is a card list that does not scroll sideways.
import { test, expect } from './fixtures.js';
import { checkState } from './support/screens.js';

const TASK_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/;

test('running the reminders shows what was sent, and the log fills without Refresh', async ({
  api,
  adminPage,
}) => {
  // A driver who has never booked is due a reminder.
  const driver = await api.newDriver({ full_name: 'Kavya Menon' });
  await adminPage.goto('/admin/jobs');
  await adminPage.getByRole('button', { name: 'Run daily reminders now' }).click();

  const status = adminPage.getByRole('status').filter({ hasText: 'The daily reminders' });
  await expect(status).toContainText(/queued at \d\d:\d\d/);
  await expect(status).toContainText('The log below refreshes');
  await expect(status).toContainText(/: done\. (\d+ messages? sent|Nothing)/, { timeout: 30_000 });
  await expect(status).not.toContainText('The log below refreshes');
  await expect(status).not.toContainText(TASK_ID);

  // No Refresh pressed: the log shows the driver's reminder, by name and e-mail.
  const log = adminPage.getByRole('region', { name: 'Notification log table' });
  const row = log.getByRole('row').filter({ hasText: driver.email });
  await expect(row.first()).toContainText('Kavya Menon');
  await expect(row.first()).toContainText('Reminder');
  // Nobody is "#2": no cell is a bare account number.
  await expect(log.getByRole('cell', { name: /^#\d+$/ })).toHaveCount(0);
  await checkState(adminPage, 'operator-jobs-done');
});

test('a month already reported says nothing new was sent', async ({ adminPage }) => {
  await adminPage.goto('/admin/jobs');
  const month = adminPage.getByLabel('Report month');
  const send = adminPage.getByRole('button', { name: 'Send monthly report now' });
  const status = adminPage.getByRole('status').filter({ hasText: 'The report for' });

  await month.fill('2026-01');
  await send.click();
  await expect(status).toContainText('The report for Jan 2026');
  await expect(status).toContainText(': done.', { timeout: 30_000 });
  await send.click();
  await expect(status).toContainText(/: done\. Nothing new to send/, { timeout: 30_000 });
  await expect(status).not.toContainText(TASK_ID);
  await checkState(adminPage, 'operator-jobs-nothing-new');
});

test('on a phone the log is a card list that does not scroll sideways', async ({
  api,
  adminPage,
}) => {
  const driver = await api.newDriver({ full_name: 'Kavya Menon' });
  await adminPage.setViewportSize({ width: 375, height: 812 });
  await adminPage.goto('/admin/jobs');
  await adminPage.getByRole('button', { name: 'Run daily reminders now' }).click();
  const status = adminPage.getByRole('status').filter({ hasText: 'The daily reminders' });
  await expect(status).toContainText(': done.', { timeout: 30_000 });

  const section = adminPage.getByRole('region', { name: 'Notification log', exact: true });
  const cards = section.getByRole('list', { name: 'Notification log list' });
  await expect(cards).toBeVisible();
  await expect(adminPage.getByRole('region', { name: 'Notification log table' })).toBeHidden();
  const card = cards.getByRole('listitem').filter({ hasText: driver.email });
  for (const text of ['Reminder', 'Kavya Menon', 'To', 'Channel', 'E-mail', 'Sent', 'Detail']) {
    await expect(card.first()).toContainText(text);
  }

  // Nothing in the log scrolls sideways, nor does the page.
  const scrolling = await section.evaluate((region) =>
    [region, ...region.querySelectorAll('*')]
      .filter((el) => el.scrollWidth > el.clientWidth && el.clientWidth > 0)
      .filter((el) => el === region || ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`,
      ),
  );
  expect(scrolling, 'the log scrolls sideways at 375 px').toEqual([]);
  expect(await adminPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    375,
  );
  await checkState(adminPage, 'operator-jobs-cards');
});
