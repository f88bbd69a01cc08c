// The operator exports every reservation as CSV and downloads it.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.js';

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
