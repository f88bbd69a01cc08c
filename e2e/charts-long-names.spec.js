// A 120-character lot name neither blanks nor squeezes the charts: tick labels are cut (the
// whole name stays in the chart's description and tooltip), money axes carry the currency.
import { test, expect } from './fixtures.js';
import { unique } from './support/api.js';
import { checkState } from './support/screens.js';

/** How many pixels of the canvas are close to `rgb`: the bars drawn in that colour. */
async function pixelsOf(canvas, [r, g, b]) {
  return canvas.evaluate(
    (element, colour) => {
      const { data } = element.getContext('2d').getImageData(0, 0, element.width, element.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const close =
          Math.abs(data[i] - colour[0]) < 12 &&
          Math.abs(data[i + 1] - colour[1]) < 12 &&
          Math.abs(data[i + 2] - colour[2]) < 12 &&
          data[i + 3] > 200;
        if (close) count += 1;
      }
      return count;
    },
    [r, g, b],
  );
}

/** The plot's share of the canvas height: a blanked chart has no room left for its bars. */
async function barsVisible(page, canvas, colour) {
  await page.waitForTimeout(1200); // Chart.js animates a resize
  return pixelsOf(canvas, colour);
}

function longName() {
  const start = unique('Lot ');
  return `${start} Brigade Road Multi-level Parking beside the Metro, Gate 4 `.padEnd(120, 'x');
}

test('the operator’s charts stay readable with a 120-character lot name', async ({
  api,
  admin,
  driver,
  adminPage,
}) => {
  const name = longName();
  expect(name.length).toBe(120);
  const lot = await api.createLot(admin, { name, price_per_hour: '1200.00', total_spots: 2 });
  const stay = await api.book(driver, lot.id);
  await api.park(driver, stay.id);
  await api.release(driver, stay.id);
  await api.book(driver, lot.id);

  await adminPage.goto('/admin/summary');
  const occupancy = adminPage.locator('canvas[aria-label^="Occupancy by lot"]');
  await expect(occupancy).toHaveAttribute('aria-label', new RegExp(name));
  const revenue = adminPage.locator('canvas[aria-label^="Revenue by lot"]');
  await expect(revenue).toHaveAttribute('aria-label', /₹1,200\.00/);
  await expect(adminPage.locator('canvas[aria-label^="Revenue per day"]')).toHaveAttribute(
    'aria-label',
    /\d{1,2} [A-Z][a-z]{2} \d{4} ₹/,
  );

  for (const width of [375, 1280]) {
    await adminPage.setViewportSize({ width, height: 900 });
    await occupancy.scrollIntoViewIfNeeded();
    // The free spots' green and the held spots' orange are drawn, with room for the plot.
    expect(await barsVisible(adminPage, occupancy, [25, 135, 84]), `${width} px`).toBeGreaterThan(
      200,
    );
    expect(await pixelsOf(revenue, [13, 110, 253]), `${width} px`).toBeGreaterThan(200);
  }
  await checkState(adminPage, 'charts-long-names-admin');

  // The same name wraps on the operator's other screens instead of widening them.
  await adminPage.goto('/admin/lots');
  const region = adminPage.getByRole('region', { name, exact: true });
  await expect(region).toBeVisible();
  await checkState(adminPage, 'long-name-admin-lots', { scrollTo: region });
  await adminPage.goto(`/admin/reservations?lot_id=${lot.id}`);
  await expect(adminPage.getByText(name).first()).toBeAttached();
  await checkState(adminPage, 'long-name-admin-reservations');
  await adminPage.setViewportSize({ width: 1280, height: 800 });
  const table = adminPage.getByRole('region', { name: 'Reservations table' });
  expect(await table.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
});

test('the driver’s summary stays readable with a 120-character lot name', async ({
  api,
  admin,
  driver,
  driverPage,
}) => {
  const name = longName();
  const lot = await api.createLot(admin, { name, price_per_hour: '1200.00' });
  const stay = await api.book(driver, lot.id);
  await api.park(driver, stay.id);
  await api.release(driver, stay.id);

  await driverPage.goto('/summary');
  const byLot = driverPage.locator('canvas[aria-label^="Use by lot"]');
  await expect(byLot).toHaveAttribute('aria-label', new RegExp(name));
  for (const width of [375, 1280]) {
    await driverPage.setViewportSize({ width, height: 900 });
    await byLot.scrollIntoViewIfNeeded();
    expect(await barsVisible(driverPage, byLot, [13, 110, 253]), `${width} px`).toBeGreaterThan(
      200,
    );
  }
  await expect(driverPage.getByText('Time parked')).toBeVisible();
  await checkState(driverPage, 'charts-long-names-driver');
});
