import type { Locator, Page } from '@playwright/test';

/** Security's personal access tokens section: the list, the create form, and the token shown once. */
export class AccessTokensPanel {
  readonly section: Locator;
  readonly list: Locator;
  readonly message: Locator;
  readonly unavailable: Locator;
  /** The new token, on screen until "I have kept it". */
  readonly shownToken: Locator;

  constructor(private readonly page: Page) {
    this.section = page.getByTestId('access-tokens');
    this.list = this.section.getByRole('list', { name: 'Access tokens' });
    this.message = page.getByTestId('access-tokens-message');
    this.unavailable = page.getByTestId('access-tokens-unavailable');
    this.shownToken = page.getByTestId('access-token-value');
  }

  row(name: string): Locator {
    return this.list.getByRole('listitem', { name });
  }

  /** Fills the name, sets the two-factor bypass, and asks to create (the proof dialog comes next). */
  async create(name: string, { skipTwoFactor = false } = {}): Promise<void> {
    const form = this.section.getByRole('form', { name: 'Create an access token' });
    await form.getByLabel('Token name').fill(name);
    await form.getByLabel('Skip two-factor authentication when this token is used').setChecked(skipTwoFactor);
    await form.getByRole('button', { name: 'Create token' }).click();
  }

  async regenerate(name: string): Promise<void> {
    await this.section.getByRole('button', { name: `Regenerate ${name}` }).click();
  }

  /** Asks to remove and answers the question with yes (the proof dialog comes next). */
  async remove(name: string): Promise<void> {
    await this.section.getByRole('button', { name: `Remove ${name}` }).click();
    await this.page
      .getByRole('dialog', { name: `Remove the token “${name}”?` })
      .getByRole('button', { name: 'Remove token' })
      .click();
  }

  /** The token shown once, copied with its button; then put away. */
  async keepShownToken(): Promise<string> {
    const token = (await this.shownToken.textContent()) ?? '';
    await this.section.getByRole('button', { name: 'Copy token' }).click();
    await this.section.getByRole('button', { name: 'I have kept it' }).click();
    return token;
  }
}
