// A driver who forgot their password gets a link by mail, sets a new one and signs in with it;
// a used link says so beside the field with a way to ask again; /profile changes a password;
// a locked-out sign-in says when to try again and offers "Forgot password?".
import { test, expect } from './fixtures.js';
import { LoginPage } from './pages/LoginPage.js';
import { linkIn, waitForMail } from './support/mail.js';
import { checkState } from './support/screens.js';

test('forgot password: the mailed link sets a new one, then sign-in works with it', async ({
  driver,
  page,
}) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel('Email', { exact: true }).fill(driver.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText(/link/i);
  await checkState(page, 'account-forgot-password-sent');

  const mail = await waitForMail(driver.email, /password/i);
  const link = linkIn(mail, '/reset-password');
  await page.goto(link);
  const field = page.getByLabel('New password', { exact: true });
  await field.fill('a-brand-new-secret-9');
  await checkState(page, 'account-reset-password');
  await page.getByRole('button', { name: 'Set password' }).click();

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('status')).toHaveText('Your password is set; sign in with it.');
  await checkState(page, 'account-reset-password-done');
  const login = new LoginPage(page);
  await login.email.fill(driver.email);
  await login.password.fill('a-brand-new-secret-9');
  await login.submit.click();
  await expect(page).toHaveURL(/\/lots$/);

  // The link works once: opened again it says so beside the field, with a way to ask again.
  await page.goto(link);
  await field.fill('another-new-secret-9');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await field.getAttribute('aria-describedby');
  const words = page.locator(`[id="${describedBy.split(' ').pop()}"]`);
  await expect(words).toContainText(/used or expired/);
  await expect(page.getByRole('link', { name: /Ask for a new reset link/ })).toHaveAttribute(
    'href',
    '/forgot-password',
  );
  await checkState(page, 'account-reset-password-used-link');
});

test('/profile changes the password: a wrong current one is named beside its field', async ({
  driver,
  driverPage: page,
}) => {
  await page.goto('/profile');
  const current = page.getByLabel('Current password', { exact: true });
  const next = page.getByLabel('New password', { exact: true });
  await current.fill('not-my-password');
  await next.fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  // Checked in the form first: the new one is too short.
  await expect(next).toHaveAttribute('aria-invalid', 'true');
  await next.fill('a-changed-secret-42');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This is not your current password.')).toBeVisible();
  await checkState(page, 'account-profile-password-wrong', { scrollTo: current });

  await current.fill(driver.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'password is changed' })).toBeVisible();
  await checkState(page, 'account-profile-password-changed', { scrollTo: current });
});

test('a locked-out sign-in says when to try again and offers "Forgot password?"', async ({
  driver,
  page,
}) => {
  const login = new LoginPage(page);
  await page.goto('/login');
  await expect(page.getByText(/finds you a lot/)).toBeVisible(); // what the app is, first
  let locked = false;
  for (let attempt = 0; attempt < 8 && !locked; attempt += 1) {
    const answer = page.waitForResponse('**/api/auth/login');
    await login.email.fill(driver.email);
    await login.password.fill(`wrong-password-${attempt}`);
    await login.submit.click();
    locked = (await (await answer).status()) === 429;
  }
  expect(locked).toBe(true);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/Try again in \d+ minutes? \(at \d\d:\d\d\)/);
  await expect(page.getByRole('link', { name: 'Forgot password?' })).toBeVisible();
  await checkState(page, 'account-login-locked-out');
});
