// A new driver books, parks and releases; the operator's grid follows each step, and a booking
// cancelled elsewhere, without a reload (within 5 s).
import { test, expect } from './fixtures.js';
import { AdminLotsPage } from './pages/AdminLotsPage.js';
import { DriverLotsPage } from './pages/DriverLotsPage.js';
import { RegisterPage } from './pages/RegisterPage.js';
import { ReservationsPage } from './pages/ReservationsPage.js';
import { unique, vehicleNumber } from './support/api.js';

const LIVE = { timeout: 5_000 };

test('a driver registers, books, parks, releases and sees the cost; the grid follows live', async ({
  api,
  admin,
  adminPage,
  browser,
  baseURL,
}) => {
  const lot = await api.createLot(admin, { name: unique('MG Road Lot '), price_per_hour: '60.00' });
  const grid = new AdminLotsPage(adminPage);
  await grid.open();
  await expect(grid.spotWithStatus(lot.name, 1, 'available')).toBeVisible();

  const context = await browser.newContext({ baseURL, viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await new RegisterPage(page).register({
    fullName: 'Meera Iyer',
    email: `${unique('meera')}@example.com`,
    password: 'meera-password-1',
  });
  await expect(page).toHaveURL(/\/(lots|login)$/);
  if (page.url().endsWith('/login')) {
    test.info().annotations.push({ type: 'note', description: 'registration lands on /login' });
  }

  const lots = new DriverLotsPage(page);
  if (!page.url().endsWith('/lots')) await lots.open();
  const vehicle = vehicleNumber();
  await lots.book(lot.name, vehicle);

  // The contract lets "Park" show on /lots or on /reservations; "Release" is on /reservations.
  const reservations = new ReservationsPage(page);
  await expect(reservations.park).toBeVisible();
  await expect(grid.spotWithStatus(lot.name, 1, 'reserved')).toBeVisible(LIVE);

  await reservations.park.click();
  await expect(grid.spotWithStatus(lot.name, 1, 'occupied')).toBeVisible(LIVE);
  if (!(await reservations.release.isVisible())) await reservations.open();

  // Release asks first, naming the amount; the dialog's button starts with "Release".
  const question = await reservations.releaseAndConfirm();
  expect(question).toMatch(/^Release spot 1 and pay ₹60\.00\?$/);
  await expect(page.getByText(/60\.00/).first()).toBeVisible();
  await expect(reservations.receipt).toBeVisible();
  await expect(grid.spotWithStatus(lot.name, 1, 'available')).toBeVisible(LIVE);
  await context.close();

  // A booking made and cancelled elsewhere (a script, another phone) shows too.
  const other = await api.newDriver();
  const held = await api.book(other, lot.id);
  await expect(grid.spotWithStatus(lot.name, 1, 'reserved')).toBeVisible(LIVE);
  await expect(grid.lot(lot.name)).toContainText('1 held');
  await api.ok('POST', `/api/reservations/${held.id}/cancel`, other.token);
  await expect(grid.spotWithStatus(lot.name, 1, 'available')).toBeVisible(LIVE);
  await expect(grid.lot(lot.name)).toContainText('0 held');
});
