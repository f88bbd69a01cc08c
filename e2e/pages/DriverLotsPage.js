import { expect } from '@playwright/test';

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
    // Wait for the search to answer: the list re-renders when it does.
    const book = this.page.getByRole('button', { name: /^Book/ });
    await expect(book).toHaveCount(1);
    await book.click();
    await this.page.getByLabel('Vehicle number').fill(vehicle);
    await this.page.getByRole('button', { name: /^Confirm booking/ }).click();
  }
}
