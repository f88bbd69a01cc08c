// History says why a booking ended; an export link that leads nowhere says so and lets the
// driver start a new one; signing out in one tab signs out every tab; an expired session is
// said once.
import { test, expect } from './fixtures.js';
import { LoginPage } from './pages/LoginPage.js';
import { ReservationsPage } from './pages/ReservationsPage.js';
import { unique, vehicleNumber } from './support/api.js';
import { checkState } from './support/screens.js';

test('history names a booking the operator cancelled and a stay the operator ended', async ({
  api,
  admin,
  driver,
  driverPage: page,
}) => {
  const lot = await api.createLot(admin, { name: unique('Ulsoor ') });
  const cancelled = await api.book(driver, lot.id);
  await api.ok('POST', `/api/reservations/${cancelled.id}/cancel`, admin.token);
  const ended = await api.book(driver, lot.id);
  await api.park(driver, ended.id);
  await api.release(admin, ended.id);
  const mine = await api.book(driver, lot.id);
  await api.ok('POST', `/api/reservations/${mine.id}/cancel`, driver.token);

  await new ReservationsPage(page).openHistory();
  const item = (reservation) =>
    page.getByRole('listitem').filter({ hasText: reservation.vehicle_number });
  await expect(item(cancelled)).toContainText('Cancelled by the operator');
  await expect(item(ended)).toContainText('Ended by the operator');
  await expect(item(mine)).toContainText('Cancelled');
  await expect(item(mine)).not.toContainText('by the operator');
  await checkState(page, 'driver-history-reasons');
});

test('an export link that leads nowhere says "Export not found", with no spinner', async ({
  driverPage: page,
}) => {
  await page.goto('/reservations/history?export=999');
  await expect(page.getByRole('alert').filter({ hasText: 'Export not found' })).toBeVisible();
  await expect(page.locator('.spinner-border')).toHaveCount(0);
  await expect(new ReservationsPage(page).exportCsv).toBeEnabled();
  await checkState(page, 'driver-history-export-not-found');
});

test('signing out in one tab signs out the other, which lands on /login with a message', async ({
  browser,
  baseURL,
  driver,
}) => {
  const context = await browser.newContext({ baseURL });
  const first = await context.newPage();
  await new LoginPage(first).signIn(driver.email, driver.password);
  await expect(first).toHaveURL(/\/lots$/);
  const second = await context.newPage();
  await second.goto('/reservations');
  await expect(second.getByRole('heading', { name: 'My reservations' })).toBeVisible();

  await first.getByRole('button', { name: 'Sign out' }).click();
  await expect(first).toHaveURL(/\/login$/);
  await expect(second).toHaveURL(/\/login/);
  await expect(second.getByRole('status')).toContainText('You signed out in another tab.');
  await expect(second.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await checkState(second, 'account-signed-out-in-another-tab');
  await context.close();
});

test('an expired session is said once, however many calls meet it', async ({
  api,
  admin,
  driverPage: page,
}) => {
  const lot = await api.createLot(admin, { name: unique('Frazer Town ') });
  await page.getByLabel('Search lots').fill(lot.name);
  await page.getByRole('button', { name: /^Book/ }).click();
  await page.getByLabel('Vehicle number').fill(vehicleNumber());
  const token = await page.evaluate(() => localStorage.getItem('parking.token'));
  await api.ok('POST', '/api/auth/logout', token); // revoked elsewhere, the token still stored

  await page.getByRole('button', { name: /^Confirm booking/ }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText(/session has expired/)).toHaveCount(1);
});
