// /lots: "Search lots", then "Book", "Vehicle number", "Confirm booking".
export class DriverLotsPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
    this.search = page.getByLabel('Search lots');
  }

  async open() {
    await this.page.goto('/lots');
  }

  /** Searches for the lot by name and books it for `vehicle`. */
  async book(lotName, vehicle) {
    await this.search.fill(lotName);
    await this.page.getByRole('button', { name: /^Book/ }).first().click();
    await this.page.getByLabel('Vehicle number').fill(vehicle);
    await this.page.getByRole('button', { name: /^Confirm booking/ }).click();
  }
}
