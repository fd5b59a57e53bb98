import type { Locator, Page } from '@playwright/test';
import { goTo } from './navigation';

/** People: the directory saved on this computer, its search, and looking one person up. */
export class PeoplePage {
  readonly heading: Locator;
  readonly directoryStatus: Locator;
  readonly search: Locator;
  readonly results: Locator;
  readonly count: Locator;
  /** "Look up by": username, user ID, email… */
  readonly lookUpBy: Locator;
  readonly lookUpButton: Locator;
  readonly lookupResult: Locator;
  readonly recentLookups: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'People', level: 1 });
    this.directoryStatus = page.getByTestId('directory-status');
    this.search = page.getByLabel('Search people');
    this.results = page.getByTestId('directory-results');
    this.count = page.getByTestId('directory-count');
    this.lookUpBy = page.getByLabel('Look up by');
    this.lookUpButton = page.getByRole('button', { name: 'Look up' });
    this.lookupResult = page.getByTestId('lookup-result');
    this.recentLookups = page.getByTestId('recent-lookups');
  }

  async open(): Promise<void> {
    await goTo(this.page, 'People');
  }

  /** Looks someone up; `field` is the label of the field the chosen "Look up by" shows. */
  async lookUp(text: string, field = 'Username to look up'): Promise<void> {
    await this.page.getByLabel(field).fill(text);
    await this.lookUpButton.click();
  }

  /** Shows an earlier lookup again from the recent list. */
  async openRecent(name: RegExp): Promise<void> {
    await this.recentLookups.getByRole('button', { name }).click();
  }
}
