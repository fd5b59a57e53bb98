import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The account list beside every screen: one item per account, its menu, the status picker;
 * or, when the accounts do not fit, the picker: the active account's button and its list.
 */
export class AccountList {
  readonly items: Locator;
  readonly statusButton: Locator;
  /** The collapsed accounts' button (the active one's name, the total that needs the person). */
  readonly picker: Locator;
  /** The list the picker opens: one option per account. */
  readonly pickerList: Locator;
  readonly pickerOptions: Locator;

  constructor(private readonly page: Page) {
    this.items = page.getByTestId('account-item');
    this.statusButton = page.getByRole('button', { name: /Set status/ });
    this.picker = page.getByRole('button', { name: /^Switch account/ });
    this.pickerList = page.getByRole('listbox', { name: 'Accounts' });
    this.pickerOptions = this.pickerList.getByRole('option');
  }

  /** The menu button of the account named `user` (its "⋯"). */
  menuButton(user: string): Locator {
    return this.page.getByRole('button', { name: `Actions for ${user} on`, exact: false });
  }

  /** Opens the menu of the account named `user` and returns it. */
  async menu(user: string): Promise<Locator> {
    await this.menuButton(user).click();
    const menu = this.page.getByRole('menu', { name: `Actions for ${user} on`, exact: false });
    await expect(menu).toBeVisible();
    return menu;
  }

  /** Picks an entry of the account's menu (a name, or a pattern for names that go on). */
  async choose(user: string, item: string | RegExp): Promise<void> {
    await (await this.menu(user)).getByRole('menuitem', { name: item }).click();
  }

  /** Sets the status and its message with the status picker. */
  async setStatus(status: string, message: string): Promise<void> {
    await this.statusButton.click();
    await this.page.getByRole('radio', { name: status }).check();
    await this.page.getByLabel('Status message').fill(message);
    await this.page.getByRole('button', { name: 'Save status' }).click();
  }
}
