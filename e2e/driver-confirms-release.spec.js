// Release and Cancel ask first: Release names the amount the server would charge now, Cancel
// says nothing is charged; dismissing keeps the booking. A held booking counts its hold down.
import { test, expect } from './fixtures.js';
import { ReservationsPage } from './pages/ReservationsPage.js';
import { unique } from './support/api.js';
import { checkState } from './support/screens.js';

test('Release asks first with the amount; "Keep parked" keeps it, confirming charges it', async ({
  api,
  admin,
  driver,
  driverPage: page,
}) => {
  const lot = await api.createLot(admin, {
    name: unique('Residency Road '),
    price_per_hour: '120.00',
  });
  const booked = await api.book(driver, lot.id);
  await api.park(driver, booked.id);
  const reservations = new ReservationsPage(page);
  await reservations.open();
  const stay = page.getByRole('article', { name: new RegExp(booked.vehicle_number) });

  await stay.getByRole('button', { name: /^Release/ }).click();
  const dialog = reservations.dialog;
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText(
    `Release spot ${booked.spot_number} and pay ₹120.00?`,
  );
  await expect(dialog.getByRole('button', { name: 'Release and pay ₹120.00' })).toBeVisible();
  // No button in it is named "Release" or "Cancel" alone.
  const names = await dialog.getByRole('button').allTextContents();
  expect(names.map((name) => name.trim())).toEqual(['Keep parked', 'Release and pay ₹120.00']);
  await checkState(page, 'driver-release-confirm');

  await dialog.getByRole('button', { name: 'Keep parked' }).click();
  await expect(dialog).toBeHidden();
  await expect(stay.getByRole('button', { name: /^Release/ })).toBeVisible();
  const still = await api.ok('GET', `/api/reservations/${booked.id}`, driver.token);
  expect(still.status).toBe('occupied');

  await reservations.releaseAndConfirm(stay);
  await expect(
    stay.locator('dt', { hasText: /^Cost$/ }).locator('xpath=following-sibling::dd[1]'),
  ).toHaveText('₹120.00');
  await expect(reservations.receipt).toBeVisible();
});

test('Cancel asks first, saying nothing is charged; a held booking counts its hold down', async ({
  api,
  admin,
  driver,
  driverPage: page,
}) => {
  const lot = await api.createLot(admin, { name: unique('Cubbon Park ') });
  const booked = await api.book(driver, lot.id);
  const reservations = new ReservationsPage(page);
  await reservations.open();
  const held = page.getByRole('article', { name: new RegExp(booked.vehicle_number) });

  // The server's hold_ends_at, counted down every second as "Hold ends in MM:SS".
  const timer = held.getByRole('timer');
  await expect(timer).toContainText(/Hold ends in \d{1,2}:\d\d/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first, { timeout: 3000 });

  await held.getByRole('button', { name: /^Cancel/ }).click();
  const dialog = reservations.dialog;
  await expect(dialog.getByRole('heading')).toHaveText(
    `Cancel your booking at ${lot.name}? Nothing is charged.`,
  );
  const names = await dialog.getByRole('button').allTextContents();
  expect(names.map((name) => name.trim())).toEqual(['Keep booking', 'Yes, cancel booking']);
  await checkState(page, 'driver-cancel-confirm');
  await dialog.getByRole('button', { name: 'Keep booking' }).click();
  await expect(held.getByRole('button', { name: /^Park/ })).toBeEnabled();

  await reservations.cancelAndConfirm(held);
  await expect(held).toContainText('You cancelled this booking; nothing is charged.');
});
