import type { Locator, Page } from '@playwright/test';
import { goTo } from './navigation';

/** Security: two-factor authentication, the password, the email address, and the proof each change asks for. */
export class SecurityPage {
  readonly heading: Locator;
  readonly twoFactorStatus: Locator;
  readonly message: Locator;
  readonly passwordForm: Locator;
  /** The dialog asking for the current password or a code before a change. */
  readonly proofDialog: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Security', level: 1 });
    this.twoFactorStatus = page.getByTestId('two-factor-status');
    this.message = page.getByTestId('security-message');
    this.passwordForm = page.getByRole('form', { name: 'Change password' });
    this.proofDialog = page.getByTestId('proof-dialog');
  }

  async open(): Promise<void> {
    await goTo(this.page, 'Security');
  }

  /** Fills the password form (the current password only when given) and sends it. */
  async changePassword(fields: { current?: string; next: string }): Promise<void> {
    const form = this.passwordForm;
    if (fields.current !== undefined) await form.getByLabel('Current password', { exact: true }).fill(fields.current);
    await form.getByLabel('New password', { exact: true }).fill(fields.next);
    await form.getByLabel('Confirm new password', { exact: true }).fill(fields.next);
    await form.getByRole('button', { name: 'Change password' }).click();
  }

  /** Confirms the change asked for with the current password. */
  async confirmWithPassword(password: string): Promise<void> {
    await this.proofDialog.getByLabel('Current password', { exact: true }).fill(password);
    await this.confirm();
  }

  /** Confirms with a code from the authenticator app or a backup code. */
  async confirmWithAppCode(code: string): Promise<void> {
    await this.proofDialog.getByLabel('Code from your authenticator app, or a backup code').fill(code);
    await this.confirm();
  }

  /** Confirms with the code the server emailed. */
  async confirmWithEmailedCode(code: string): Promise<void> {
    await this.proofDialog.getByLabel('Code from the email').fill(code);
    await this.confirm();
  }

  async confirm(): Promise<void> {
    await this.proofDialog.getByRole('button', { name: 'Confirm', exact: true }).click();
  }
}
