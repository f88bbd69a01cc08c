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
  const lots = new AdminLotsPage(adminPage);
  await lots.open();

  await lots.deleteLot(lot.name);

  await expect(
    adminPage.getByRole('alert').filter({ hasText: /reserved|occupied|in use/i }),
  ).toBeVisible();
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
