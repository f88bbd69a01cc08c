// Every screen, logged out, as a driver and as the operator, at a phone's and a desk's width
// (and dark on a phone): no serious or critical axe-core violation, no horizontal scrolling at 375 px, a screenshot each.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.js';

// Each screen at a phone's and a desk's width in the light theme, and at a phone's in the dark.
const VIEWS = [
  { width: 375, height: 812, colorScheme: 'light' },
  { width: 1280, height: 800, colorScheme: 'light' },
  { width: 375, height: 812, colorScheme: 'dark' },
];

const SCREENS = {
  anyone: ['/login', '/register', '/forgot-password', '/reset-password?token=unknown'],
  driver: ['/lots', '/reservations', '/reservations/history', '/summary', '/profile'],
  operator: [
    '/admin/lots',
    '/admin/reservations',
    '/admin/users',
    '/admin/summary',
    '/admin/jobs',
    '/profile',
  ],
};

/** Some data on every screen: a lot, a finished stay and an active booking. */
async function seed(api, admin, driver, name) {
  const lot = await api.createLot(admin, { name, address: '100 Feet Road, Indiranagar' });
  const finished = await api.book(driver, lot.id);
  await api.park(driver, finished.id);
  await api.release(driver, finished.id);
  await api.book(driver, lot.id);
}

async function checkScreen(page, role, route) {
  for (const { colorScheme, ...viewport } of VIEWS) {
    // Reduced motion: Bootstrap then skips its colour transitions, so axe and the screenshot
    // see the colours a screen settles on, not a frame halfway through a fade.
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.setViewportSize(viewport);
    await page.goto(route);
    // Not 'networkidle': the live-updates stream keeps a request open.
    await expect(page.locator('main').first()).toBeVisible();
    await expect(page.locator('[aria-busy="true"], .spinner-border')).toHaveCount(0);
    const theme = colorScheme === 'dark' ? '-dark' : '';
    const name = `${role}${route.replace(/[/?=]/g, '-')}-${viewport.width}${theme}`;
    await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });

    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, `${route} at ${viewport.width} px, ${colorScheme}`).toEqual([]);

    if (viewport.width === 375) {
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${route} scrolls sideways at 375 px`).toBeLessThanOrEqual(375);
    }
  }
}

test.describe('accessibility and layout', () => {
  test.describe.configure({ timeout: 180_000 });

  test('logged out', async ({ page }) => {
    for (const route of SCREENS.anyone) await checkScreen(page, 'anyone', route);
  });

  test('as a driver', async ({ api, admin, driver, driverPage }) => {
    await seed(api, admin, driver, 'Indiranagar Lot');
    for (const route of SCREENS.driver) await checkScreen(driverPage, 'driver', route);
  });

  test('as the operator', async ({ api, admin, driver, adminPage }) => {
    await seed(api, admin, driver, 'Koramangala Lot');
    for (const route of SCREENS.operator) await checkScreen(adminPage, 'operator', route);
  });
});
