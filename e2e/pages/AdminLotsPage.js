// /admin/lots: "New lot", the lot form, and one region per lot with its spot grid.
export class AdminLotsPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
    this.newLot = page.getByRole('button', { name: 'New lot' });
    this.saveLot = page.getByRole('button', { name: /^Save lot/ });
    this.alert = page.getByRole('alert');
  }

  async open() {
    await this.page.goto('/admin/lots');
  }

  /** Fills the lot form; values are strings as typed. */
  async fillLotForm({ name, address, pincode, price, spots, advance }) {
    const field = (label) => this.page.getByLabel(label, { exact: true });
    await field('Name').fill(name);
    await field('Address').fill(address);
    await field('PIN code').fill(pincode);
    await field('Price per hour').fill(price);
    await field('Number of spots').fill(spots);
    if (advance !== undefined) await field('Advance spots').fill(advance);
  }

  /** The lot's region (`<section aria-labelledby>` its heading). */
  lot(name) {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** Spot `number` of the lot, whatever its status. */
  spot(lotName, number) {
    return this.lot(lotName).getByRole('button', { name: new RegExp(`^Spot ${number}, `) });
  }

  /** Spot `number` of the lot with that exact status word. */
  spotWithStatus(lotName, number, status) {
    return this.lot(lotName).getByRole('button', {
      name: `Spot ${number}, ${status}`,
      exact: true,
    });
  }

  /** Spot `number` whose name starts "Spot N, <status>" (words may follow, as for advance spots). */
  spotStartingWith(lotName, number, status) {
    return this.lot(lotName).getByRole('button', {
      name: new RegExp(`^Spot ${number}, ${status}\\b`),
    });
  }

  /** Clicks "Delete lot" and accepts a confirmation, whether `confirm()` or a dialog. */
  async deleteLot(name) {
    this.page.once('dialog', (dialog) => dialog.accept());
    await this.lot(name)
      .getByRole('button', { name: /^Delete lot/ })
      .click();
    const confirm = this.page
      .getByRole('dialog')
      .getByRole('button', { name: /^(Delete|Yes|Confirm|OK)/ });
    // An app may confirm with its own dialog instead of confirm(): press its button if it opens.
    await confirm.click({ timeout: 2000 }).catch(() => {});
  }
}
