// Test fixtures: the app's URL, the public API, and signed-in pages for each role.
import { test as base, expect } from '@playwright/test';
import { ParkingApi } from './support/api.js';
import { SKIP_REASON, chromiumMissing } from './support/browser.js';
import { LoginPage } from './pages/LoginPage.js';

/** Opens a page in a context of its own (its own storage) and signs in through the form. */
async function signedInPage(browser, baseURL, account, landing) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await new LoginPage(page).signIn(account.email, account.password);
  await expect(page).toHaveURL(landing);
  return { page, context };
}

export const test = base.extend({
  skipWithoutBrowser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      testInfo.skip(chromiumMissing(), SKIP_REASON);
      await use();
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => use(process.env.E2E_BASE_URL),
  api: async ({ playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({ baseURL });
    await use(new ParkingApi(request));
    await request.dispose();
  },
  admin: async ({ api }, use) => use(await api.admin()),
  driver: async ({ api }, use) => use(await api.newDriver()),
  adminPage: async ({ browser, baseURL, admin }, use) => {
    const { page, context } = await signedInPage(browser, baseURL, admin, /\/admin\/lots$/);
    await use(page);
    await context.close();
  },
  driverPage: async ({ browser, baseURL, driver }, use) => {
    const { page, context } = await signedInPage(browser, baseURL, driver, /\/lots$/);
    await use(page);
    await context.close();
  },
});

export { expect };
