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
  readonly emailCodesStatus: Locator;
  readonly backupCodesLeft: Locator;
  readonly backupCodesWarning: Locator;
  /** Backup codes on screen, shown once (after setup or after making new ones). */
  readonly shownBackupCodes: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Security', level: 1 });
    this.twoFactorStatus = page.getByTestId('two-factor-status');
    this.message = page.getByTestId('security-message');
    this.passwordForm = page.getByRole('form', { name: 'Change password' });
    this.proofDialog = page.getByTestId('proof-dialog');
    this.emailCodesStatus = page.getByTestId('email-codes-status');
    this.backupCodesLeft = page.getByTestId('backup-codes-left');
    this.backupCodesWarning = page.getByTestId('backup-codes-warning');
    this.shownBackupCodes = page.getByTestId('backup-codes').getByRole('listitem');
  }

  /** Turns codes by email on, through the dialog that names the account; answers that dialog's text. */
  async turnOnEmailCodes(): Promise<string> {
    await this.page.getByRole('button', { name: 'Turn on codes by email' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Turn on codes by email?' });
    const text = (await dialog.textContent()) ?? '';
    await dialog.getByRole('button', { name: 'Turn on', exact: true }).click();
    return text;
  }

  /** Asks to turn codes by email off; the proof dialog follows (or not, where nothing confirms it). */
  async turnOffEmailCodes(): Promise<void> {
    await this.page.getByRole('button', { name: 'Turn off codes by email' }).click();
  }

  /** Asks the proof dialog to email a code, and waits until it says it was sent. */
  async sendEmailedCode(): Promise<void> {
    await this.proofDialog.getByRole('button', { name: /^Send (code|again)$/ }).click();
    await this.proofDialog.getByRole('status').filter({ hasText: 'Code sent' }).waitFor();
  }

  /** Makes new backup codes, confirming with `code`; answers the codes shown once. */
  async makeNewBackupCodes(code: string): Promise<string[]> {
    await this.page.getByRole('button', { name: 'Make new backup codes' }).click();
    const form = this.page.getByRole('form', { name: 'Make new backup codes' });
    await form.getByLabel('Code from your authenticator app, or a backup code').fill(code);
    await form.getByRole('button', { name: 'Make new codes' }).click();
    await this.shownBackupCodes.first().waitFor();
    return this.shownBackupCodes.allTextContents();
  }

  async keptBackupCodes(): Promise<void> {
    await this.page.getByRole('button', { name: 'I have kept them' }).click();
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

  /** Asks for a new email address; the proof dialog follows, or the sentence saying when the change can be made. */
  async changeEmail(address: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Change email' });
    await form.getByLabel('New email address').fill(address);
    await form.getByRole('button', { name: 'Change email' }).click();
  }

  /** "You can change your email in 42 seconds." while the server's rate limit would refuse the change. */
  changeWait(what: 'email' | 'password'): Locator {
    return this.page.getByTestId(`${what}-change-wait`);
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
