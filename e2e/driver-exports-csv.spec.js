// A driver exports their history as CSV and downloads the file.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.js';
import { ReservationsPage } from './pages/ReservationsPage.js';

const HEADER =
  'reservation_id,lot_name,spot_number,vehicle_number,status,reserved_at,parked_at,left_at,' +
  'duration_minutes,price_per_hour,cost,remarks';

test('the driver exports CSV and downloads it', async ({ api, admin, driver, driverPage }) => {
  const lot = await api.createLot(admin);
  const reservation = await api.book(driver, lot.id);
  await api.park(driver, reservation.id);
  await api.release(driver, reservation.id);

  const history = new ReservationsPage(driverPage);
  await history.openHistory();
  await history.exportCsv.click();
  await expect(history.downloadCsv).toBeVisible({ timeout: 30_000 });

  const [download] = await Promise.all([
    driverPage.waitForEvent('download'),
    history.downloadCsv.click(),
  ]);
  const lines = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
  expect(lines[0].startsWith(HEADER)).toBeTruthy();
  expect(lines).toHaveLength(2);
  expect(
    lines[1].startsWith(`${reservation.id},${lot.name},1,${reservation.vehicle_number},completed`),
  ).toBeTruthy();
});
