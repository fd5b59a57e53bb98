import type { Locator, Page } from '@playwright/test';

/** Security's "Download my data" section: what to include, the request, and the server's answer in words. */
export class DataDownloadPanel {
  readonly section: Locator;
  readonly answer: Locator;
  readonly unavailable: Locator;

  constructor(page: Page) {
    this.section = page.getByTestId('data-download');
    this.answer = page.getByTestId('data-download-answer');
    this.unavailable = page.getByTestId('data-download-unavailable');
  }

  /** Asks for everything, or for the messages only. */
  async request(what: 'All my data' | 'My messages only'): Promise<void> {
    await this.section.getByRole('radio', { name: what }).check();
    await this.section.getByRole('button', { name: 'Request download' }).click();
  }
}
