// The lot form shows every field's problem beside it in words, all at once; a 120-character
// name is stopped at the field with a message; the price shows its currency.
import { test, expect } from './fixtures.js';
import { AdminLotsPage } from './pages/AdminLotsPage.js';
import { unique } from './support/api.js';
import { checkState } from './support/screens.js';

test('every bad field says what is wrong beside it, at once', async ({ adminPage }) => {
  const lots = new AdminLotsPage(adminPage);
  await lots.newLot.click();
  const field = (label) => adminPage.getByLabel(label, { exact: true });
  await expect(adminPage.locator('.input-group-text', { hasText: '₹' })).toBeVisible();

  const long = `${unique('Long Name Lot ')} ${'x'.repeat(140)}`;
  await field('Name').fill(long);
  // Stopped at 120 by the field, and said so there, not cut silently.
  await expect(field('Name')).toHaveValue(long.slice(0, 120));
  await expect(field('Name')).toHaveAccessibleDescription(/At most 120 characters/);

  await field('Address').fill('');
  await field('PIN code').fill('5600');
  await field('Price per hour').fill('0');
  await field('Number of spots').fill('3');
  await lots.saveLot.click();

  for (const label of ['Address', 'PIN code', 'Price per hour']) {
    await expect(field(label), label).toHaveAttribute('aria-invalid', 'true');
  }
  // In words a person would use, not the schema's: no field names, no "Length must be".
  const described = await Promise.all(
    ['Address', 'PIN code', 'Price per hour'].map(async (label) =>
      field(label).evaluate((input) =>
        input
          .getAttribute('aria-describedby')
          .split(' ')
          .filter((id) => id.endsWith('-error'))
          .map((id) => document.getElementById(id).textContent.trim())
          .join(' '),
      ),
    ),
  );
  for (const text of described) {
    expect(text).not.toBe('');
    expect(text).not.toMatch(/price_per_hour|pincode|Field may not be null|Length must be/);
  }
  await expect(adminPage.getByRole('alert').first()).toContainText('PIN code');
  await checkState(adminPage, 'operator-lot-form-errors');
});
