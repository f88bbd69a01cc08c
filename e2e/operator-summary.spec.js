// The operator's summary: the totals and three named charts.
import { test, expect } from './fixtures.js';

test('the summary shows the totals and named charts', async ({ api, admin, driver, adminPage }) => {
  const lot = await api.createLot(admin, { price_per_hour: '80.00' });
  const stay = await api.book(driver, lot.id);
  await api.park(driver, stay.id);
  await api.release(driver, stay.id);

  await adminPage.goto('/admin/summary');
  const charts = adminPage.locator('canvas[role="img"]');
  await expect(charts).toHaveCount(3);
  for (const chart of await charts.all()) {
    await expect(chart).toHaveAttribute('aria-label', /\S/);
  }
  await expect(charts.first()).toHaveAttribute('aria-label', new RegExp(`${lot.name} ₹80\\.00`));
  await expect(adminPage.getByRole('definition').first()).toBeVisible();
});
