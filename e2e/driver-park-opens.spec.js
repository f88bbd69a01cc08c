// A window booking is not parkable before `parking_opens_at`: no green "Park", the card says
// "Parking opens at 08:45 tomorrow", and "Park" enables itself at that moment (the browser's
// clock is moved on; the server, on the real clock, then refuses in words, never an ISO time).
import { test, expect } from './fixtures.js';
import { ReservationsPage } from './pages/ReservationsPage.js';
import { unique } from './support/api.js';
import { checkState, dayInZone } from './support/screens.js';

/** The instant of a wall time in `timeZone` (Asia/Kolkata has no clock changes: +05:30). */
function kolkata(day, time) {
  return new Date(`${day}T${time}:00+05:30`);
}

test('Park waits for parking to open, enables itself then, and a refusal is in words', async ({
  api,
  admin,
  driver,
  driverPage: page,
}) => {
  const { app_timezone: zone } = await api.meta();
  test.skip(zone !== 'Asia/Kolkata', 'the times below are written for Asia/Kolkata');
  const lot = await api.createLot(admin, { name: unique('Jayanagar Ahead '), advance_spots: 2 });
  const tomorrow = dayInZone(1, zone);
  const booked = await api.bookWindow(
    driver,
    lot.id,
    kolkata(tomorrow, '09:00').toISOString(),
    kolkata(tomorrow, '10:00').toISOString(),
  );
  expect(new Date(booked.parking_opens_at).getTime()).toBe(kolkata(tomorrow, '08:45').getTime());

  await page.clock.install();
  await new ReservationsPage(page).open();
  const card = page.getByRole('article', { name: new RegExp(booked.vehicle_number) });
  const park = card.getByRole('button', { name: /^Park/ });
  await expect(card).toContainText('Parking opens at 08:45 tomorrow');
  await expect(park).toBeDisabled();
  await expect(park).not.toHaveClass(/btn-success/);
  await checkState(page, 'driver-park-not-yet-open');

  // The browser's clock reaches 08:45 tomorrow: Park enables itself, with no reload.
  const wait = kolkata(tomorrow, '08:45').getTime() - (await page.evaluate(() => Date.now()));
  await page.clock.fastForward(wait + 1000);
  await expect(park).toBeEnabled();
  await expect(park).toHaveClass(/btn-success/);
  await expect(card).toContainText('Parking is open');

  // The server's clock is still today: its 409 is shown in words, with no ISO timestamp.
  await park.click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/Parking opens at .*08:45/);
  await expect(alert).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
});
