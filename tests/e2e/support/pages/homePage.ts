import { expect, type Locator, type Page } from '@playwright/test';
import { goTo } from './navigation';

/** Home: the profile of the account shown, its editor, and what the app says about the server. */
export class HomePage {
  /** "As of …": the profile is on screen, from the server or the cache. */
  readonly asOf: Locator;
  readonly emails: Locator;
  readonly identity: Locator;
  readonly refreshButton: Locator;
  readonly refreshError: Locator;
  readonly offlineBanner: Locator;
  readonly signedOutBanner: Locator;
  readonly saveNotice: Locator;
  /** One mark per edit that has not reached the server yet. */
  readonly pendingMarks: Locator;
  readonly editButton: Locator;
  readonly editor: Locator;

  constructor(private readonly page: Page) {
    this.asOf = page.getByTestId('as-of');
    this.emails = page.getByTestId('emails');
    this.identity = page.getByRole('region', { name: 'Identity' });
    this.refreshButton = page.getByRole('button', { name: 'Refresh', exact: true });
    this.refreshError = page.getByTestId('refresh-error');
    this.offlineBanner = page.getByTestId('offline-banner');
    this.signedOutBanner = page.getByTestId('signed-out-banner');
    this.saveNotice = page.getByTestId('save-notice');
    this.pendingMarks = page.getByTestId('pending-mark');
    this.editButton = page.getByRole('button', { name: 'Edit profile' });
    this.editor = page.getByRole('form', { name: 'Edit profile' });
  }

  async open(): Promise<void> {
    await goTo(this.page, 'Home');
  }

  /** The profile's name as its level-1 heading. */
  profileHeading(name: string): Locator {
    return this.page.getByRole('heading', { name, level: 1 });
  }

  /** Waits for a profile on screen. */
  async expectProfile(): Promise<void> {
    await expect(this.asOf).toContainText('As of');
  }

  async refresh(): Promise<void> {
    await this.refreshButton.click();
  }

  /** Opens the editor and returns its form. */
  async openEditor(): Promise<Locator> {
    await this.editButton.click();
    return this.editor;
  }

  /** Fills the editor's fields, by their exact labels: text is typed, a list (a custom field the workspace lists) chosen from. */
  async fillEditor(fields: Record<string, string>): Promise<void> {
    for (const [label, text] of Object.entries(fields)) {
      const field = this.editor.getByLabel(label, { exact: true });
      if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(text);
      else await field.fill(text);
    }
  }

  /** The editor's control for a custom field, by its label (a required one says so). */
  customField(label: string): Locator {
    return this.editor.getByLabel(label, { exact: true });
  }

  /** In the editor of an account without a username: asks the server for one, which fills the Username field. */
  async suggestUsername(): Promise<Locator> {
    const suggestion = this.editor.getByTestId('username-suggestion');
    await suggestion.getByRole('button', { name: 'Suggest a username' }).click();
    return suggestion;
  }

  async saveEditor(): Promise<void> {
    await this.editor.getByRole('button', { name: 'Save' }).click();
  }

  /** Edits and saves: the edit is kept on this computer, whether or not the server has it yet. */
  async editProfile(fields: Record<string, string>): Promise<void> {
    await this.openEditor();
    await this.fillEditor(fields);
    await this.saveEditor();
    await expect(this.saveNotice).toContainText('Saved on this computer');
  }
}
