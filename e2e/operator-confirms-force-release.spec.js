// The operator's Force release and Cancel booking ask first, naming what follows: the amount
// the driver is charged (or that nothing is), and that the driver is told.
import { test, expect } from './fixtures.js';
import { AdminLotsPage } from './pages/AdminLotsPage.js';
import { checkState } from './support/screens.js';

test('force release asks first, showing the charge; keeping it parked changes nothing', async ({
  api,
  admin,
  driver,
  adminPage,
}) => {
  const lot = await api.createLot(admin, { price_per_hour: '120.00' });
  const reservation = await api.book(driver, lot.id);
  await api.park(driver, reservation.id);
  const lots = new AdminLotsPage(adminPage);
  await lots.open();

  await lots.spotWithStatus(lot.name, 1, 'occupied').click();
  await adminPage
    .getByRole('dialog', { name: /^Spot 1, occupied/ })
    .getByRole('button', { name: 'Force release', exact: true })
    .click();

  const question = adminPage.getByRole('dialog', { name: `Force release spot 1 of ${lot.name}?` });
  await expect(question).toBeVisible();
  await expect(question).toContainText(
    `The driver, ${driver.user.full_name}, will be charged ₹120.00`,
  );
  await expect(question).toContainText('is told');
  const confirm = question.getByRole('button', { name: 'Force release and charge ₹120.00' });
  await expect(confirm).toBeVisible();
  await expect(question.getByRole('button', { name: /^Cancel/ })).toHaveCount(0);
  await checkState(adminPage, 'operator-confirm-force-release');

  // Keeping it: the details come back, the car is still parked, nothing was charged.
  await question.getByRole('button', { name: 'Keep it parked' }).click();
  await expect(adminPage.getByRole('dialog', { name: /^Spot 1, occupied/ })).toBeVisible();
  const kept = await api.ok('GET', `/api/reservations/${reservation.id}`, admin.token);
  expect(kept.status).toBe('occupied');

  await adminPage.getByRole('button', { name: 'Force release', exact: true }).click();
  await confirm.click();
  await expect(adminPage.getByRole('dialog')).toHaveCount(0);
  await expect(lots.spotWithStatus(lot.name, 1, 'available')).toBeVisible();
  const released = await api.ok('GET', `/api/reservations/${reservation.id}`, admin.token);
  expect(released.status).toBe('completed');
  expect(released.cost).toBe('120.00');
});

test('cancel booking asks first: the driver is told, nothing is charged', async ({
  api,
  admin,
  driver,
  adminPage,
}) => {
  const lot = await api.createLot(admin);
  const reservation = await api.book(driver, lot.id);
  const lots = new AdminLotsPage(adminPage);
  await lots.open();

  await lots.spotWithStatus(lot.name, 1, 'reserved').click();
  await adminPage.getByRole('button', { name: 'Cancel booking', exact: true }).click();

  const question = adminPage.getByRole('dialog', {
    name: `Cancel the booking for spot 1 of ${lot.name}?`,
  });
  await expect(question).toContainText('is told');
  await expect(question).toContainText('nothing is charged');
  await expect(question.getByRole('button', { name: /^Cancel/ })).toHaveCount(0);
  await checkState(adminPage, 'operator-confirm-cancel-booking');

  await question.getByRole('button', { name: 'Yes, cancel booking' }).click();
  await expect(adminPage.getByRole('dialog')).toHaveCount(0);
  await expect(lots.spotWithStatus(lot.name, 1, 'available')).toBeVisible();
  const cancelled = await api.ok('GET', `/api/reservations/${reservation.id}`, admin.token);
  expect(cancelled.status).toBe('cancelled');
});
