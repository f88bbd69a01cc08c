// /reservations and /reservations/history: "Park", "Release", "Cancel", "Receipt", "Export CSV".
export class ReservationsPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
    this.park = page.getByRole('button', { name: /^Park/ });
    this.release = page.getByRole('button', { name: /^Release/ });
    this.receipt = page
      .getByRole('link', { name: /^Receipt/ })
      .or(page.getByRole('button', { name: /^Receipt/ }));
    this.exportCsv = page.getByRole('button', { name: /^Export CSV/ });
    this.downloadCsv = page
      .getByRole('link', { name: /^Download CSV/ })
      .or(page.getByRole('button', { name: /^Download CSV/ }));
  }

  async open() {
    await this.page.goto('/reservations');
  }

  async openHistory() {
    await this.page.goto('/reservations/history');
  }
}
