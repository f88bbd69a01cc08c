// The operator's other screens: a spot's details with force release, reservations filtered by
// user, the users search, a job run now with its notification log, the CSV of everything, and
// the summary with its charts.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.js';
import { AdminLotsPage } from './pages/AdminLotsPage.js';

test('the operator opens a parked spot and force-releases it', async ({
  api,
  admin,
  driver,
  adminPage,
}) => {
  const lot = await api.createLot(admin);
  const reservation = await api.book(driver, lot.id);
  await api.park(driver, reservation.id);
  const lots = new AdminLotsPage(adminPage);
  await lots.open();

  await lots.spotWithStatus(lot.name, 1, 'occupied').click();
  const details = adminPage.getByRole('dialog');
  await expect(details).toContainText(reservation.vehicle_number);
  await expect(details).toContainText(driver.user.full_name);
  await expect(details).toContainText('₹50.00');
  await adminPage.screenshot({ path: 'screenshots/operator-spot-details-1280.png' });
  await details.getByRole('button', { name: 'Force release' }).click();

  await expect(details).toBeHidden();
  await expect(lots.spotWithStatus(lot.name, 1, 'available')).toBeVisible();
  const released = await api.ok('GET', `/api/reservations/${reservation.id}`, admin.token);
  expect(released.status).toBe('completed');
});

test('the reservations list filters by user and status', async ({ api, admin, adminPage }) => {
  const lot = await api.createLot(admin);
  const [first, second] = [await api.newDriver(), await api.newDriver()];
  const kept = await api.book(first, lot.id);
  const other = await api.book(second, lot.id);

  await adminPage.goto('/admin/reservations');
  await adminPage.getByLabel('User (name or e-mail)').fill(first.email);
  await adminPage.getByRole('button', { name: 'Apply filters' }).click();
  const table = adminPage.getByRole('region', { name: 'Reservations table' });
  await expect(table).toContainText(kept.vehicle_number);
  await expect(table).not.toContainText(other.vehicle_number);

  await adminPage.getByLabel('Status').selectOption('completed');
  await expect(adminPage.getByText('No reservation matches.')).toBeVisible();
});

test('the users table finds a driver with their counts', async ({ api, admin, adminPage }) => {
  const lot = await api.createLot(admin);
  const driver = await api.newDriver({ full_name: 'Farhan Qureshi' });
  await api.book(driver, lot.id);

  await adminPage.goto('/admin/users');
  await adminPage.getByLabel('Search users').fill(driver.email);
  const row = adminPage.getByRole('row').filter({ hasText: driver.email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Farhan Qureshi');
  await expect(row.getByRole('cell').nth(7)).toHaveText('1');
});

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

test('the operator exports every reservation as CSV', async ({ api, admin, adminPage }) => {
  const lot = await api.createLot(admin);
  const bookings = [];
  for (const driver of [await api.newDriver(), await api.newDriver()]) {
    bookings.push(await api.book(driver, lot.id));
  }

  await adminPage.goto('/admin/reservations');
  await adminPage.getByRole('button', { name: /^Export CSV/ }).click();
  const download = adminPage.getByRole('button', { name: 'Download CSV' });
  await expect(download).toBeVisible({ timeout: 30_000 });
  const [file] = await Promise.all([adminPage.waitForEvent('download'), download.click()]);

  const rows = (await readFile(await file.path(), 'utf8')).trim().split(/\r?\n/);
  expect(rows[0].startsWith('reservation_id,lot_name,spot_number,vehicle_number,')).toBeTruthy();
  for (const booking of bookings) {
    expect(rows.some((row) => row.startsWith(`${booking.id},${lot.name},`))).toBeTruthy();
  }
});

test('the summary shows the totals and named charts', async ({ api, admin, driver, adminPage }) => {
  const lot = await api.createLot(admin, { price_per_hour: '80.00' });
  const stay = await api.book(driver, lot.id);
  await api.park(driver, stay.id);
  await api.release(driver, stay.id);

  await adminPage.goto('/admin/summary');
  const charts = adminPage.locator('canvas[role="img"]');
  await expect(charts).toHaveCount(3);
  for (const chart of await charts.all()) {
    await expect(chart).toHaveAttribute('aria-label', /\S/);
  }
  await expect(charts.first()).toHaveAttribute('aria-label', new RegExp(`${lot.name} ₹80\\.00`));
  await expect(adminPage.getByRole('definition').first()).toBeVisible();
});
