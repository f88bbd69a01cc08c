// The operator finds a driver in the users table, with their counts.
import { test, expect } from './fixtures.js';

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
