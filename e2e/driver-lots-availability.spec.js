// The lot card counts the drive-up spots a booking for now can take: advance spots free do not
// make a full lot bookable. With a window, a lot that takes no bookings ahead says so, with no
// price and no enabled "Book".
import { test, expect } from './fixtures.js';
import { DriverLotsPage } from './pages/DriverLotsPage.js';
import { unique } from './support/api.js';
import { checkState, dayInZone } from './support/screens.js';

test('a lot whose drive-up spots are all held says "Full" and offers no Book', async ({
  api,
  admin,
  driverPage: page,
}) => {
  const lot = await api.createLot(admin, {
    name: unique('Lavelle Road '),
    total_spots: 3,
    advance_spots: 2,
  });
  const other = await api.newDriver();
  await api.book(other, lot.id); // the one drive-up spot is held; both advance spots are free

  const lots = new DriverLotsPage(page);
  await lots.open();
  await lots.search.fill(lot.name);
  const card = lots.card(lot.name);
  await expect(card).toContainText('Full');
  await expect(card).toContainText('and 2 for booking ahead');
  await expect(card.getByRole('button', { name: /^Book/ })).toBeDisabled();
  await checkState(page, 'driver-lots-full-drive-up');
});

test('with a window, a lot without advance spots says so, shows no price and no Book', async ({
  api,
  admin,
  driverPage: page,
}) => {
  const { app_timezone: zone } = await api.meta();
  const lot = await api.createLot(admin, { name: unique('Shivajinagar '), advance_spots: 0 });
  const lots = new DriverLotsPage(page);
  await lots.open();
  await lots.search.fill(lot.name);
  const card = lots.card(lot.name);
  await expect(card).toContainText('4 free spots');
  await expect(card.getByRole('button', { name: /^Book/ })).toBeEnabled();

  const tomorrow = dayInZone(1, zone);
  await lots.setWindow(`${tomorrow}T09:00`, `${tomorrow}T11:00`);
  await expect(card).toContainText('This lot takes no bookings ahead.');
  await expect(card).not.toContainText('for this window');
  await expect(card).not.toContainText('₹100.00');
  await expect(card.getByRole('button', { name: /^Book/ })).toBeDisabled();
  await checkState(page, 'driver-lots-no-advance-window');
});
