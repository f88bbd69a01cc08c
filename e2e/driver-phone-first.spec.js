// Phone first (375 x 812): the top navigation folds behind a menu button, "Book ahead" is folded
// away so the first lot's "Book" shows without scrolling, and fewer Tab presses reach the fourth
// lot's "Book". The light/dark switch in the navigation is kept across a reload.
import { test, expect } from './fixtures.js';
import { DriverLotsPage } from './pages/DriverLotsPage.js';
import { unique } from './support/api.js';
import { checkState } from './support/screens.js';

const PHONE = { width: 375, height: 812 };

/** Tab presses from the search box until the focus is on the button named `label`. */
async function tabsTo(page, search, label) {
  await search.focus();
  for (let presses = 1; presses <= 80; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    if (focused === label) return presses;
  }
  throw new Error(`Tab never reached "${label}"`);
}

test('at 375 px the menu folds, the first Book is in view, and Tab reaches the 4th Book sooner', async ({
  api,
  admin,
  driverPage: page,
}) => {
  const prefix = unique('Phone First ');
  for (const letter of ['A', 'B', 'C', 'D']) {
    await api.createLot(admin, { name: `${prefix} ${letter}` });
  }
  await page.setViewportSize(PHONE);
  const lots = new DriverLotsPage(page);
  await lots.open();

  // The navigation: one row, "Sign out" behind the menu button until it is opened.
  const menu = page.getByRole('button', { name: 'Menu' });
  const signOut = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Sign out' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toHaveAttribute('aria-controls', 'main-menu');
  await expect(signOut).toBeHidden();
  const header = await page.locator('header').boundingBox();
  expect(header.height).toBeLessThanOrEqual(64);

  // The first lot's Book without scrolling; Arrive and Leave folded away.
  await expect(page.getByRole('button', { name: /^Book / }).first()).toBeInViewport();
  await expect(lots.arrive).toBeHidden();
  await expect(lots.bookAhead).toHaveAttribute('aria-expanded', 'false');
  await checkState(page, 'driver-phone-first-lots');

  // Tab presses to the fourth lot's Book, with "Book ahead" open (as before) and folded (now).
  await lots.search.fill(prefix);
  await expect(page.getByRole('button', { name: /^Book / })).toHaveCount(4);
  const fourth = await page
    .getByRole('button', { name: /^Book / })
    .nth(3)
    .getAttribute('aria-label');
  await lots.openBookAhead();
  const unfolded = await tabsTo(page, lots.search, fourth);
  await lots.bookAhead.click();
  await expect(lots.arrive).toBeHidden();
  const folded = await tabsTo(page, lots.search, fourth);
  test.info().annotations.push({
    type: 'tab presses to the 4th Book',
    description: `${unfolded} with Book ahead open, ${folded} folded`,
  });
  expect(folded).toBeLessThan(unfolded);
  expect(folded).toBeLessThanOrEqual(6);

  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(signOut).toBeVisible();
  await checkState(page, 'driver-phone-first-menu-open');
  await signOut.click();
  await expect(page).toHaveURL(/\/login$/);
});

test('at 1280 px "Sign out" shows in the top navigation, Book ahead is open; the theme switch is kept', async ({
  driverPage: page,
}) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  // A desk's screen has room: Arrive and Leave are there without asking.
  const lots = new DriverLotsPage(page);
  await expect(lots.bookAhead).toHaveAttribute('aria-expanded', 'true');
  await expect(lots.arrive).toBeVisible();

  const html = page.locator('html');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-bs-theme', 'light'); // the system's, by default
  await nav.getByLabel('Theme').selectOption('dark');
  await expect(html).toHaveAttribute('data-bs-theme', 'dark');
  await page.reload();
  await expect(html).toHaveAttribute('data-bs-theme', 'dark');
  await expect(nav.getByLabel('Theme')).toHaveValue('dark');
  await page.screenshot({ path: 'screenshots/driver-theme-dark-chosen-1280.png' });
  await nav.getByLabel('Theme').selectOption('system');
  await expect(html).toHaveAttribute('data-bs-theme', 'light');
});

test('a visitor at / first reads what the app is, then the sign-in form', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  const intro = page.getByText(/finds you a lot nearby.*charges by the hour/);
  await expect(intro).toBeInViewport();
  const introBox = await intro.boundingBox();
  const formBox = await page.getByLabel('Email', { exact: true }).boundingBox();
  expect(introBox.y).toBeLessThan(formBox.y);
  await expect(page.getByRole('link', { name: 'Forgot password?' })).toBeVisible();
  await checkState(page, 'anyone-home-intro');
});
