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

  /** The open confirmation (a native <dialog>, modal). */
  get dialog() {
    return this.page.getByRole('dialog');
  }

  /** "Release", then the confirmation's "Release and pay ₹…"; returns the question asked. */
  async releaseAndConfirm(scope = this.page) {
    await scope.getByRole('button', { name: /^Release/ }).click();
    const question = await this.dialog.getByRole('heading').textContent();
    await this.dialog.getByRole('button', { name: /^Release and pay/ }).click();
    await this.dialog.waitFor({ state: 'hidden' });
    return question;
  }

  /** "Cancel", then the confirmation's "Yes, cancel booking". */
  async cancelAndConfirm(scope = this.page) {
    await scope.getByRole('button', { name: /^Cancel/ }).click();
    await this.dialog.getByRole('button', { name: 'Yes, cancel booking' }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }

  async open() {
    await this.page.goto('/reservations');
  }

  async openHistory() {
    await this.page.goto('/reservations/history');
  }
}
