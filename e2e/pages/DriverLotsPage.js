import { expect } from '@playwright/test';

// /lots: "Search lots", "Book ahead" (folded: "Arrive" and "Leave"), then "Book", "Vehicle
// number", "Confirm booking".
export class DriverLotsPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
    this.search = page.getByLabel('Search lots');
    this.arrive = page.getByLabel('Arrive', { exact: true });
    this.leave = page.getByLabel('Leave', { exact: true });
    this.useNextQuarter = page.getByRole('button', { name: /^Use \d\d:\d\d/ });
    this.clearWindow = page.getByRole('button', { name: /^Clear/ });
    this.confirm = page.getByRole('button', { name: /^Confirm booking/ });
    // Its name does not start with "Book": /^Book/ finds a lot's "Book" alone.
    this.bookAhead = page.getByRole('button', { name: /Book ahead/ });
  }

  /** Unfolds "Book ahead" (Arrive and Leave) unless it is open already. */
  async openBookAhead() {
    if ((await this.bookAhead.getAttribute('aria-expanded')) !== 'true') {
      await this.bookAhead.click();
    }
    await expect(this.arrive).toBeVisible();
  }

  /** Fills "Arrive" and "Leave" with datetime-local values ("2026-12-03T09:00"). */
  async setWindow(arrive, leave) {
    await this.openBookAhead();
    await this.arrive.fill(arrive);
    await this.leave.fill(leave);
  }

  /** The card of the lot (an article named by its heading). */
  card(lotName) {
    return this.page.getByRole('article', { name: lotName, exact: true });
  }

  /** Searches for the lot, presses "Book" and types the vehicle, stopping before confirming. */
  async startBooking(lotName, vehicle) {
    await this.search.fill(lotName);
    const book = this.page.getByRole('button', { name: /^Book/ });
    await expect(book).toHaveCount(1);
    await book.click();
    await this.page.getByLabel('Vehicle number').fill(vehicle);
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
