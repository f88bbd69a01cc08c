// A spot tile reads at a glance: a held tile says when its hold ends, an advance spot's next
// window is one short line; the spot's details give the driver's phone as a tel: link.
import { test, expect } from './fixtures.js';
import { AdminLotsPage } from './pages/AdminLotsPage.js';
import { checkState } from './support/screens.js';

test('held tiles show when the hold ends, advance tiles their next window in one line', async ({
  api,
  admin,
  adminPage,
}) => {
  const { app_timezone: zone } = await api.meta();
  const driver = await api.newDriver({ phone: '+91 98450 12345' });
  const lot = await api.createLot(admin, { total_spots: 4, advance_spots: 1 });
  const held = await api.book(driver, lot.id);
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000);
  const end = new Date(start.getTime() + 150 * 60_000);
  const iso = (date) => date.toISOString().replace('.000Z', '+00:00');
  await api.bookWindow(driver, lot.id, iso(start), iso(end));
  const time = (value) =>
    new Intl.DateTimeFormat('en-IN', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(value));
  const day = new Intl.DateTimeFormat('en-IN', { timeZone: zone, day: 'numeric', month: 'short' });

  const lots = new AdminLotsPage(adminPage);
  await lots.open();
  const tile = lots.spotWithStatus(lot.name, 1, 'reserved');
  await expect(tile).toContainText(`until ${time(held.hold_ends_at)}`);
  await expect(tile).toHaveAccessibleDescription(`until ${time(held.hold_ends_at)}`);
  const advance = lots.spotStartingWith(lot.name, 4, 'available');
  await expect(advance).toContainText(`Next ${day.format(start)} ${time(start)}`);
  // One short line: the tile is no taller than a tile without a booking ahead, plus a line.
  const heights = await Promise.all(
    [lots.spot(lot.name, 2), advance].map(async (spot) => (await spot.boundingBox()).height),
  );
  expect(heights[1] - heights[0]).toBeLessThan(24);
  await checkState(adminPage, 'operator-spot-tiles', { scrollTo: lots.lot(lot.name) });

  await tile.click();
  const details = adminPage.getByRole('dialog', { name: /^Spot 1, reserved/ });
  const phone = details.getByRole('link', { name: '+91 98450 12345' });
  await expect(phone).toHaveAttribute('href', 'tel:+919845012345');
  await expect(details).toContainText('Held until');
  await checkState(adminPage, 'operator-spot-details-phone');
});
