import type { Locator, Page } from '@playwright/test';
import { goTo } from './navigation';

/** Preferences: the account they are for, one labelled control per preference, and Save. */
export class PreferencesPage {
  readonly heading: Locator;
  readonly account: Locator;
  readonly stale: Locator;
  readonly pendingMarks: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Preferences', level: 1 });
    this.account = page.getByTestId('preferences-account');
    this.stale = page.getByTestId('preferences-stale');
    this.pendingMarks = page.getByTestId('pending-mark');
  }

  async open(): Promise<void> {
    await goTo(this.page, 'Preferences');
  }

  /** A preference's control and its marks. */
  preference(key: string): Locator {
    return this.page.getByTestId(`preference-${key}`);
  }

  async choose(label: string, option: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  async toggle(label: string): Promise<void> {
    await this.page.getByRole('switch', { name: label }).click();
  }

  async addHighlight(word: string): Promise<void> {
    await this.page.getByLabel('Add a highlighted word').fill(word);
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save preferences' }).click();
  }
}
