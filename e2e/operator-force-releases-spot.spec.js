// The operator opens a parked spot's details and force-releases it.
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
  await details.getByRole('button', { name: 'Force release', exact: true }).click();
  // The operator is asked first, with the amount the driver will be charged.
  const question = adminPage.getByRole('dialog', { name: /^Force release spot 1/ });
  await question.getByRole('button', { name: /^Force release and charge ₹50\.00/ }).click();

  await expect(adminPage.getByRole('dialog')).toHaveCount(0);
  await expect(lots.spotWithStatus(lot.name, 1, 'available')).toBeVisible();
  const released = await api.ok('GET', `/api/reservations/${reservation.id}`, admin.token);
  expect(released.status).toBe('completed');
});
