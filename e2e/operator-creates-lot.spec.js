// The operator creates a lot through the form and sees it with its spot grid.
import { test, expect } from './fixtures.js';
import { AdminLotsPage } from './pages/AdminLotsPage.js';
import { unique } from './support/api.js';

test('the operator creates a lot and sees every spot available', async ({ adminPage }) => {
  const lots = new AdminLotsPage(adminPage);
  const name = unique('Brigade Lot ');

  await lots.newLot.click();
  await lots.fillLotForm({
    name,
    address: '1 Brigade Road, Bengaluru',
    pincode: '560025',
    price: '40',
    spots: '3',
  });
  await lots.saveLot.click();

  const lot = lots.lot(name);
  await expect(lot).toBeVisible();
  await expect(lot.getByRole('heading', { name, exact: true })).toBeVisible();
  for (const number of [1, 2, 3]) {
    await expect(lots.spotWithStatus(name, number, 'available')).toBeVisible();
  }
  await expect(lots.spot(name, 4)).toHaveCount(0);
  await expect(lot).toContainText('40.00');
});

test('the lot form shows the server’s message next to a bad field', async ({ adminPage }) => {
  const lots = new AdminLotsPage(adminPage);
  await lots.newLot.click();
  await lots.fillLotForm({
    name: unique('Bad Pin Lot '),
    address: '2 Church Street, Bengaluru',
    pincode: '5600',
    price: '30',
    spots: '2',
  });
  await lots.saveLot.click();

  const pin = adminPage.getByLabel('PIN code', { exact: true });
  await expect(pin).toHaveAttribute('aria-invalid', 'true');
  await expect(adminPage.getByRole('alert').first()).toBeVisible();
});

test('the lot form works from the keyboard alone', async ({ adminPage }) => {
  const lots = new AdminLotsPage(adminPage);
  const name = unique('Keyboard Lot ');
  await lots.newLot.focus();
  await adminPage.keyboard.press('Enter');

  // The form takes the focus, and Tab walks its fields in order.
  await expect(adminPage.getByLabel('Name', { exact: true })).toBeFocused();
  for (const [label, value] of [
    ['Name', name],
    ['Address', '3 Residency Road, Bengaluru'],
    ['PIN code', '560025'],
    ['Price per hour', '25.5'],
    ['Number of spots', '2'],
  ]) {
    await expect(adminPage.getByLabel(label, { exact: true })).toBeFocused();
    await adminPage.keyboard.type(value);
    await adminPage.keyboard.press('Tab');
  }
  // "Advance spots" comes last and starts at 0: a lot for drive-ups only.
  await expect(adminPage.getByLabel('Advance spots', { exact: true })).toBeFocused();
  await expect(adminPage.getByLabel('Advance spots', { exact: true })).toHaveValue('0');
  await adminPage.keyboard.press('Tab');
  await expect(lots.saveLot).toBeFocused();
  await adminPage.getByLabel('Number of spots', { exact: true }).press('Enter');

  await expect(lots.spotWithStatus(name, 2, 'available')).toBeVisible();
  await expect(lots.lot(name)).toContainText('25.50');
});

test('the operator grows a lot, and is told why it cannot shrink past a car', async ({
  api,
  admin,
  driver,
  adminPage,
}) => {
  const lot = await api.createLot(admin, { total_spots: 2 });
  await api.book(driver, lot.id);
  await api.book(driver, lot.id);
  const lots = new AdminLotsPage(adminPage);
  await lots.open();
  const region = lots.lot(lot.name);
  const spots = region.getByLabel('Number of spots', { exact: true });

  await region.getByRole('button', { name: /^Edit lot/ }).click();
  await spots.fill('3');
  await region.getByRole('button', { name: /^Save lot/ }).click();
  await expect(lots.spotWithStatus(lot.name, 3, 'available')).toBeVisible();

  await region.getByRole('button', { name: /^Edit lot/ }).click();
  await spots.fill('1');
  await region.getByRole('button', { name: /^Save lot/ }).click();
  await expect(spots).toHaveAttribute('aria-invalid', 'true');
  // Beside the field, in words naming the spots in use; the alert names the field to check.
  await expect(spots).toHaveAccessibleDescription(/Spot 2 is in use/);
  await expect(region.getByRole('alert')).toContainText('Number of spots');
  await expect(lots.spot(lot.name, 3)).toBeVisible();
});
