// Deleting a lot with a car in it: the server's 409 is shown in words.
import { test, expect } from './fixtures.js';
import { AdminLotsPage } from './pages/AdminLotsPage.js';

test('deleting a lot in use shows the conflict and keeps the lot', async ({
  api,
  admin,
  driver,
  adminPage,
}) => {
  const lot = await api.createLot(admin);
  await api.book(driver, lot.id);
  await adminPage.setViewportSize({ width: 375, height: 812 });
  const lots = new AdminLotsPage(adminPage);
  await lots.open();

  await lots.deleteLot(lot.name);

  const alert = adminPage.getByRole('alert').filter({ hasText: /reserved|occupied|in use/i });
  await expect(alert).toBeVisible();
  await alert.scrollIntoViewIfNeeded();
  await adminPage.screenshot({ path: 'screenshots/operator-delete-lot-in-use-375.png' });
  await expect(lots.lot(lot.name)).toBeVisible();
  await adminPage.reload();
  await expect(lots.lot(lot.name)).toBeVisible();
});

test('deleting an empty lot removes it', async ({ api, admin, adminPage }) => {
  const lot = await api.createLot(admin);
  const lots = new AdminLotsPage(adminPage);
  await lots.open();
  await expect(lots.lot(lot.name)).toBeVisible();

  await lots.deleteLot(lot.name);

  await expect(lots.lot(lot.name)).toHaveCount(0);
});
