import type { Locator, Page } from '@playwright/test';

/** Security's list of the account's signed-in devices (where the server lists them), and signing one out. */
export class DeviceSessionsPanel {
  readonly list: Locator;
  readonly rows: Locator;
  /** This app's own row on this computer. */
  readonly thisComputer: Locator;
  readonly answer: Locator;
  readonly signOutOthers: Locator;

  constructor(private readonly page: Page) {
    this.list = page.getByRole('list', { name: /^Signed-in devices of / });
    this.rows = this.list.getByRole('listitem');
    this.thisComputer = this.rows.filter({ hasText: 'This computer' });
    this.answer = page.getByTestId('device-session-answer');
    this.signOutOthers = page.getByRole('button', { name: 'Sign out other devices' });
  }

  row(device: string): Locator {
    return this.rows.filter({ hasText: device });
  }

  /** Signs the device out through the confirmation; answers the confirmation's text. */
  async signOut(device: string): Promise<string> {
    await this.row(device)
      .getByRole('button', { name: /^Sign out / })
      .click();
    const dialog = this.page.getByRole('dialog', { name: 'Sign out this device?' });
    const text = (await dialog.textContent()) ?? '';
    await dialog.getByRole('button', { name: 'Sign out device' }).click();
    return text;
  }
}
