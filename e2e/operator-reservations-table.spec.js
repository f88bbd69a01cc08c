// /admin/reservations: every column fits at 1280 px (Cost and Actions too), a Driver column, a
// search by plate; a phone gets a card list; Release asks first there as in the spot details.
import { test, expect } from './fixtures.js';
import { checkState } from './support/screens.js';

test('the reservations table fits at 1280 px, names drivers, and searches by plate', async ({
  api,
  admin,
  adminPage,
}) => {
  const lot = await api.createLot(admin, { price_per_hour: '60.00' });
  const asha = await api.newDriver({ full_name: 'Asha Rao' });
  const ravi = await api.newDriver({ full_name: 'Ravi Kumar' });
  const n = String(Date.now() % 1e6).padStart(6, '0');
  const parked = await api.book(asha, lot.id, `MH${n}AB`);
  await api.park(asha, parked.id);
  const other = await api.book(ravi, lot.id, `DL${n}CD`);

  await adminPage.setViewportSize({ width: 1280, height: 800 });
  await adminPage.goto(`/admin/reservations?lot_id=${lot.id}`);
  const table = adminPage.getByRole('region', { name: 'Reservations table' });
  await expect(table).toContainText(parked.vehicle_number);
  for (const name of ['Driver', 'Cost', 'Actions']) {
    const header = table.getByRole('columnheader', { name, exact: true });
    await expect(header).toBeVisible();
    const box = await header.boundingBox();
    expect(box.x + box.width, `${name} inside the page`).toBeLessThanOrEqual(1280);
  }
  const fits = await table.evaluate((region) => region.scrollWidth <= region.clientWidth);
  expect(fits, 'the table does not scroll sideways').toBe(true);
  const row = table.getByRole('row').filter({ hasText: parked.vehicle_number });
  await expect(row).toContainText('Asha Rao');
  await expect(row).toContainText(asha.email);
  await expect(row).toContainText(/₹\d+\.\d\d\s*so far/);
  await expect(row.getByRole('button', { name: /^Release/ })).toBeVisible();
  await checkState(adminPage, 'operator-reservations-table');

  // The plate search: the start of a plate, typed as people type it.
  await adminPage.getByLabel('Vehicle number', { exact: true }).fill(`mh ${n.slice(0, 3)}`);
  await adminPage.getByRole('button', { name: 'Apply filters' }).click();
  await expect(adminPage).toHaveURL(/vehicle_number=mh/);
  await expect(table).toContainText(parked.vehicle_number);
  await expect(table).not.toContainText(other.vehicle_number);

  // Release asks first, with the amount; keeping it changes nothing.
  await row.getByRole('button', { name: /^Release/ }).click();
  const question = adminPage.getByRole('dialog', { name: /^Force release spot 1/ });
  await expect(question.getByRole('button', { name: /^Force release and charge ₹/ })).toBeVisible();
  await question.getByRole('button', { name: 'Keep it parked' }).click();
  await expect(question).toBeHidden();
  expect((await api.ok('GET', `/api/reservations/${parked.id}`, admin.token)).status).toBe(
    'occupied',
  );
});

test('a phone gets a card list with every field', async ({ api, admin, adminPage }) => {
  const lot = await api.createLot(admin);
  const driver = await api.newDriver({ full_name: 'Meera Iyer' });
  const stay = await api.book(driver, lot.id);
  await api.park(driver, stay.id);
  await api.release(driver, stay.id);

  await adminPage.setViewportSize({ width: 375, height: 812 });
  await adminPage.goto(`/admin/reservations?lot_id=${lot.id}`);
  const cards = adminPage.getByRole('list', { name: 'Reservations list' });
  await expect(cards).toBeVisible();
  await expect(adminPage.getByRole('region', { name: 'Reservations table' })).toBeHidden();
  const card = cards.getByRole('listitem').filter({ hasText: stay.vehicle_number });
  for (const text of ['Meera Iyer', driver.email, 'Booked', 'Parked', 'Left', 'Cost', '₹']) {
    await expect(card).toContainText(text);
  }
  await checkState(adminPage, 'operator-reservations-cards');
});
