import type { Locator, Page } from '@playwright/test';

/** Security's "Delete my account" section, its dialog, and the farewell the window keeps after. */
export class DeleteAccountPanel {
  readonly section: Locator;
  readonly unavailable: Locator;
  readonly dialog: Locator;
  readonly losses: Locator;
  /** The server's "you are the last owner of rooms", in words. */
  readonly lastOwner: Locator;
  readonly farewell: Locator;

  constructor(private readonly page: Page) {
    this.section = page.getByTestId('delete-account');
    this.unavailable = page.getByTestId('delete-account-unavailable');
    this.dialog = page.getByTestId('delete-account-dialog');
    this.losses = page.getByTestId('delete-account-losses').getByRole('listitem');
    this.lastOwner = page.getByTestId('last-owner');
    this.farewell = page.getByTestId('account-deleted');
  }

  /** Opens the dialog that names the account and lists what goes. */
  async start(): Promise<void> {
    await this.section.getByRole('button', { name: 'Delete my account…' }).click();
  }

  /** Types the password and asks to delete. */
  async confirmWithPassword(password: string): Promise<void> {
    await this.dialog.getByLabel('Your password', { exact: true }).fill(password);
    await this.dialog.getByRole('button', { name: 'Delete my account', exact: true }).click();
  }

  /** Answers the last-owner question with yes. */
  async giveUpRooms(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Give up the rooms and delete' }).click();
  }
}
