// Form errors in words beside their fields, all of them at once: registration (a name stopped at
// 120 characters, a phone number checked), the server's own refusals, and the Vehicle number.
import { test, expect } from './fixtures.js';
import { DriverLotsPage } from './pages/DriverLotsPage.js';
import { RegisterPage } from './pages/RegisterPage.js';
import { unique, vehicleNumber } from './support/api.js';
import { checkState } from './support/screens.js';

/** The words tied to a field by aria-describedby (help, counter and error alike). */
async function describedText(page, field) {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = [];
  for (const id of ids) texts.push(await page.locator(`[id="${id}"]`).innerText());
  return texts.join(' ');
}

test('registration stops a long name at 120 characters and names every bad field at once', async ({
  page,
}) => {
  const form = new RegisterPage(page);
  await page.goto('/register');
  await form.fullName.fill('N'.repeat(130));
  await expect(form.fullName).toHaveValue('N'.repeat(120));
  expect(await describedText(page, form.fullName)).toContain('120 of 120 characters');

  const phone = page.getByLabel('Phone', { exact: true });
  await phone.fill('call me maybe');
  await form.email.fill('not-an-address');
  await form.password.fill('short');
  await form.submit.click();
  for (const [field, words] of [
    [phone, 'Use digits, spaces, +, - and brackets only.'],
    [form.email, 'Enter an e-mail address like name@example.com.'],
    [form.password, 'Too short: use at least 8 characters.'],
  ]) {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(await describedText(page, field)).toContain(words);
  }
  await phone.fill('12345');
  await form.submit.click();
  expect(await describedText(page, phone)).toContain('7 to 15 digits');
  await checkState(page, 'account-register-errors');
});

test("the server's refusal shows beside its field in words", async ({ page }) => {
  const form = new RegisterPage(page);
  await page.goto('/register');
  await form.fullName.fill('Asha Rao');
  await form.email.fill(`${unique('common')}@example.com`);
  await form.password.fill('password1'); // long enough, but one of the most common passwords
  await page.getByLabel('Phone', { exact: true }).fill('+91 (80) 4123-4567');
  await form.submit.click();
  await expect(form.password).toHaveAttribute('aria-invalid', 'true');
  expect(await describedText(page, form.password)).toMatch(/common passwords/);
  await expect(page.getByRole('alert')).not.toContainText('password:');
  await checkState(page, 'account-register-server-error');
});

test('a vehicle already booked is named beside "Vehicle number"', async ({
  api,
  admin,
  driver,
  driverPage: page,
}) => {
  const lot = await api.createLot(admin, { name: unique('Malleswaram ') });
  const vehicle = vehicleNumber();
  await api.book(driver, lot.id, vehicle);
  const lots = new DriverLotsPage(page);
  await lots.open();
  await lots.startBooking(lot.name, vehicle);
  await lots.confirm.click();
  const field = page.getByLabel('Vehicle number');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(await describedText(page, field)).toMatch(/\S/);
  await expect(page.getByRole('alert').first()).not.toContainText('vehicle_number');
  await checkState(page, 'driver-vehicle-number-refused', { scrollTo: field });
});
