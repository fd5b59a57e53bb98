import { expect, type Locator, type Page } from '@playwright/test';

/** The "Add a server" screen: an address, its check, and the way on to signing in. */
export class AddServerPage {
  readonly heading: Locator;
  /** The button on Welcome that opens this screen. */
  readonly startButton: Locator;
  readonly address: Locator;
  readonly checkButton: Locator;
  /** What the check found: the server's name and release. */
  readonly found: Locator;
  readonly continueButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Add a server', level: 1 });
    this.startButton = page.getByRole('button', { name: 'Add a server' });
    this.address = page.getByLabel('Server address');
    this.checkButton = page.getByRole('button', { name: 'Check server' });
    this.found = page.getByTestId('server-found');
    this.continueButton = page.getByRole('button', { name: 'Continue to sign in' });
  }

  /** Opens the screen: from Welcome ("Add a server"), or from the account list once there are accounts. */
  async open(): Promise<void> {
    if (await this.startButton.isVisible()) await this.startButton.click();
    else await this.page.getByRole('button', { name: '+ Add account' }).click();
  }

  /** Types an address into the field and asks the app to check it. */
  async check(url: string): Promise<void> {
    await this.address.fill(url);
    await this.checkButton.click();
  }

  async continueToSignIn(): Promise<void> {
    await this.continueButton.click();
  }

  /** Adds the server at `url` and continues to its sign-in form. */
  async add(url: string): Promise<void> {
    await this.open();
    await this.check(url);
    await expect(this.found).toBeVisible();
    await this.continueToSignIn();
  }
}
