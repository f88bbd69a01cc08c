// The lot card counts the drive-up spots a booking for now can take: advance spots free do not
// make a full lot bookable. With a window, a lot that takes no bookings ahead says so, with no
// price and no enabled "Book".
import { test, expect } from './fixtures.js';
import { DriverLotsPage } from './pages/DriverLotsPage.js';
import { LoginPage } from './pages/LoginPage.js';
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

test("a driver's own PIN code's lots come first, marked 'Near you'", async ({
  api,
  admin,
  page,
}) => {
  const pincode = String(100000 + Math.floor(Math.random() * 899999));
  const near = await api.createLot(admin, { name: unique('Near Home '), pincode });
  const driver = await api.newDriver({ pincode });
  await new LoginPage(page).signIn(driver.email, driver.password);
  await expect(page).toHaveURL(/\/lots$/);
  const first = page.getByRole('article').first();
  await expect(first).toHaveAccessibleName(near.name);
  await expect(first).toContainText('Near you');
  await expect(page.getByRole('article').nth(1)).not.toContainText('Near you');
  await checkState(page, 'driver-lots-near-you');
});
