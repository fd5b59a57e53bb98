import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** A server's sign-in screen: the password form, a second factor, an access token, single sign-on. */
export class SignInPage {
  readonly heading: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submitButton: Locator;
  /** The second-factor field, authenticator or emailed code, whichever the server asked for. */
  readonly code: Locator;
  readonly verifyButton: Locator;

  /** `typedSecrets`: the fixture's list of what must reach neither the disk nor the host's output. */
  constructor(
    private readonly page: Page,
    private readonly typedSecrets: string[],
  ) {
    this.heading = page.getByRole('heading', { name: /^Sign in to /, level: 1 });
    this.username = page.getByLabel('Username or email');
    this.password = page.getByLabel('Password', { exact: true });
    this.submitButton = page.getByRole('button', { name: 'Sign in', exact: true });
    this.code = page.getByLabel(/Authentication code|Code from the email/);
    this.verifyButton = page.getByRole('button', { name: 'Verify' });
  }

  /** Fills in the password form and sends it; the password joins the secrets checked at the end of the test. */
  async withPassword(user: string, password: string): Promise<void> {
    await this.username.fill(user);
    await this.submitPassword(password);
  }

  /** Sends the form with the username it already holds ("Sign in again"). */
  async submitPassword(password: string): Promise<void> {
    this.typedSecrets.push(password);
    await this.password.fill(password);
    await this.submitButton.click();
  }

  /** Answers the second factor (a wrong code too: the test says what it expects next). */
  async enterCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.verifyButton.click();
  }

  /** Signs in with a personal access token instead of a password. */
  async withToken(userId: string, token: string): Promise<void> {
    this.typedSecrets.push(token);
    await this.page.getByText('Sign in with an access token').click();
    await this.page.getByLabel('User ID').fill(userId);
    await this.page.getByLabel('Access token', { exact: true }).fill(token);
    await this.page.getByRole('button', { name: 'Sign in with token' }).click();
  }

  /** Without a keychain: signs in anyway, for as long as the app runs. */
  async forThisSessionOnly(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign in for this session only' }).click();
  }

  /** Clicks a single sign-on button and returns the identity provider's page the app opened in a new browser page. */
  async openProvider(context: BrowserContext, button: string): Promise<Page> {
    const opened = context.waitForEvent('page');
    await this.page.getByRole('button', { name: button }).click();
    const provider = await opened;
    await provider.waitForLoadState();
    await expect(this.page.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeVisible();
    return provider;
  }

  /** Finishes an OAuth sign-in with the rocketchat:// link the browser was sent to. */
  async finishWithLink(link: string): Promise<void> {
    await this.page.getByLabel('Sign-in link').fill(link);
    await this.page.getByRole('button', { name: 'Finish sign-in' }).click();
  }

  /** Finishes a SAML sign-in with the address the browser ended on. */
  async finishWithAddress(url: string): Promise<void> {
    await this.page.getByLabel('Address after signing in').fill(url);
    await this.page.getByRole('button', { name: 'Finish sign-in' }).click();
  }
}
