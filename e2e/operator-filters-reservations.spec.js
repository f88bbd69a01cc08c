// The operator filters every reservation by user and by status.
import { test, expect } from './fixtures.js';

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
