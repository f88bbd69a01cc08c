// A driver books ahead: "Arrive" and "Leave" on /lots, the advance spots free and the price for
// that window on the lot, the price again before "Confirm booking", then the upcoming window
// with its countdown on /reservations. A window starting at the next quarter-hour can be
// parked at once and released, with its cost.
import { test, expect } from './fixtures.js';
import { DriverLotsPage } from './pages/DriverLotsPage.js';
import { ReservationsPage } from './pages/ReservationsPage.js';
import { unique, vehicleNumber } from './support/api.js';
import { checkState, dayInZone } from './support/screens.js';

/** "₹120.00" in the server's currency, as the app writes money. */
const money = (amount, currency) =>
  new Intl.NumberFormat('en-IN', { style: 'currency', currency }).format(amount);

test('a driver books tomorrow 09:00–11:30 and sees the price before confirming', async ({
  api,
  admin,
  driverPage: page,
}) => {
  const { app_timezone: zone, currency } = await api.meta();
  const lot = await api.createLot(admin, {
    name: unique('Brigade Advance '),
    price_per_hour: '40.00',
    total_spots: 6,
    advance_spots: 2,
  });
  const lots = new DriverLotsPage(page);
  await lots.open();
  await lots.search.fill(lot.name);
  await lots.openBookAhead();

  // Empty at first: "Book" stays a drive-up booking until both are filled.
  await expect(lots.arrive).toHaveValue('');
  await expect(lots.leave).toHaveValue('');
  await expect(lots.arrive).toHaveAttribute('step', '900');

  const tomorrow = dayInZone(1, zone);
  await lots.setWindow(`${tomorrow}T09:00`, `${tomorrow}T11:30`);
  const card = lots.card(lot.name);
  await expect(card).toContainText('2 advance spots free for this window');
  await expect(card).toContainText(`${money('120.00', currency)} for this window`);
  await checkState(page, 'driver-lots-window');

  const vehicle = vehicleNumber();
  await lots.startBooking(lot.name, vehicle);
  const form = card.locator('form');
  await expect(form).toContainText('09:00–11:30');
  await expect(form).toContainText(money('120.00', currency));
  await checkState(page, 'driver-lots-window-confirm', { scrollTo: lots.confirm });
  await lots.confirm.click();

  await expect(page.getByRole('status').filter({ hasText: 'Booked spot' })).toContainText(
    '09:00–11:30',
  );
  await expect(card).toContainText('1 advance spot free for this window');

  const reservations = new ReservationsPage(page);
  await reservations.open();
  const booking = page.getByRole('article', { name: new RegExp(vehicle) });
  await expect(booking).toContainText('09:00–11:30');
  await expect(booking).toContainText(/starts in (1 d|\d+ h)/);
  await expect(booking).toContainText('Parking opens at 08:45');
  await expect(booking).toContainText(money('120.00', currency));
  await expect(booking.getByRole('button', { name: /^Cancel/ })).toBeVisible();
  // Parking opens 15 minutes before the start: no green Park until then, and the card says when.
  await expect(booking).toContainText('Parking opens at 08:45 tomorrow');
  await expect(booking.getByRole('button', { name: /^Park/ })).toBeDisabled();
  await checkState(page, 'driver-reservations-upcoming-window');
  await expect(booking.getByRole('button', { name: /^Cancel/ })).toBeVisible();
});

test('a window from the next quarter-hour is parked at once, released, and costs its price', async ({
  api,
  admin,
  driverPage: page,
}) => {
  const { currency } = await api.meta();
  const lot = await api.createLot(admin, {
    name: unique('Church Street Advance '),
    price_per_hour: '40.00',
    total_spots: 3,
    advance_spots: 1,
  });
  const lots = new DriverLotsPage(page);
  await lots.open();
  await lots.search.fill(lot.name);
  await lots.openBookAhead();
  await lots.useNextQuarter.click(); // Arrive: the next quarter-hour; Leave: an hour later
  await expect(lots.arrive).not.toHaveValue('');
  await expect(lots.card(lot.name)).toContainText(`${money('40.00', currency)} for this window`);

  const vehicle = vehicleNumber();
  await lots.startBooking(lot.name, vehicle);
  await lots.confirm.click();
  await expect(page.getByRole('status').filter({ hasText: 'Booked spot' })).toBeVisible();

  const reservations = new ReservationsPage(page);
  await reservations.open();
  await reservations.park.click();
  await expect(reservations.release).toBeVisible();
  await expect(page.getByText(/costs .* for every started hour after it/)).toBeVisible();
  await checkState(page, 'driver-reservations-parked-window');
  const question = await reservations.releaseAndConfirm();
  expect(question).toContain(money('40.00', currency));
  const stay = page.getByRole('article', { name: new RegExp(vehicle) });
  const cost = stay.locator('dt', { hasText: /^Cost$/ }).locator('xpath=following-sibling::dd[1]');
  await expect(cost).toHaveText(money('40.00', currency));
  await expect(reservations.receipt).toBeVisible();
});

test('a window the server refuses is explained in words, and Clear goes back to booking now', async ({
  api,
  driverPage: page,
}) => {
  const { app_timezone: zone } = await api.meta();
  const lots = new DriverLotsPage(page);
  await lots.open();
  const tomorrow = dayInZone(1, zone);
  await lots.setWindow(`${tomorrow}T11:00`, `${tomorrow}T10:00`);
  await expect(page.getByRole('alert')).toContainText(/Leave/);
  await expect(lots.leave).toHaveAttribute('aria-invalid', 'true');

  await lots.clearWindow.click();
  await expect(lots.arrive).toHaveValue('');
  await expect(lots.leave).toHaveValue('');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
