// The operator gives a lot advance spots in the lot form; the grid marks them, and each names
// its next booking (in its button and in the spot's details).
import { test, expect } from './fixtures.js';
import { AdminLotsPage } from './pages/AdminLotsPage.js';
import { unique } from './support/api.js';
import { checkState } from './support/screens.js';

test('the operator creates a lot with 3 advance spots and sees them marked', async ({
  api,
  driver,
  adminPage,
}) => {
  const lots = new AdminLotsPage(adminPage);
  const name = unique('Advance Lot ');
  await lots.newLot.click();
  await expect(adminPage.getByLabel('Advance spots', { exact: true })).toHaveValue('0');
  await lots.fillLotForm({
    name,
    address: '5 Lavelle Road, Bengaluru',
    pincode: '560001',
    price: '40',
    spots: '8',
    advance: '3',
  });
  await lots.saveLot.click();

  const region = lots.lot(name);
  await expect(region).toContainText('3 advance');
  for (const number of [1, 2, 3, 4, 5]) {
    await expect(lots.spotWithStatus(name, number, 'available')).toBeVisible();
  }
  for (const number of [6, 7, 8]) {
    await expect(
      region.getByRole('button', { name: `Spot ${number}, available, advance spot`, exact: false }),
    ).toBeVisible();
  }
  await expect(region).toContainText('Advance spot: kept for bookings made ahead');

  // A driver books spot 6 for tomorrow; its button and details name the booking.
  const [lot] = (
    await api.ok('GET', `/api/lots?q=${encodeURIComponent(name)}`, driver.token)
  ).filter((found) => found.name === name);
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const iso = (date) => date.toISOString().replace('.000Z', '+00:00');
  const booking = await api.bookWindow(driver, lot.id, iso(start), iso(end));
  const six = lots.spotStartingWith(name, 6, 'available');
  await expect(six).toHaveAccessibleName(/advance spot, next booking /);
  await checkState(adminPage, 'operator-lots-advance-spots', { scrollTo: region });

  await six.click();
  const details = adminPage.getByRole('dialog');
  await expect(details).toContainText('Next booking');
  await expect(details).toContainText(booking.vehicle_number);
  await checkState(adminPage, 'operator-spot-next-booking');
  await details.getByRole('button', { name: 'Close' }).click();
});
