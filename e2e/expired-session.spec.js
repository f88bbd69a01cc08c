// A session the server no longer accepts sends the user to /login with a message.
import { test, expect } from './fixtures.js';
import { LoginPage } from './pages/LoginPage.js';

test('a revoked session sends the driver to /login with a message', async ({
  api,
  driver,
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const loginResponse = page.waitForResponse('**/api/auth/login');
  await new LoginPage(page).signIn(driver.email, driver.password);
  const { access_token: token } = await (await loginResponse).json();
  await expect(page).toHaveURL(/\/lots$/);

  // Leave the app (so that no request of its own meets the 401 first), sign its token out
  // elsewhere, and come back: the stored token is now refused.
  await page.goto('about:blank');
  await api.ok('POST', '/api/auth/logout', token);
  await page.goto('/reservations');

  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('alert').or(page.getByRole('status')).first()).toContainText(
    /sign in|session|expired/i,
  );
  await context.close();
});
