import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fail } from '../../../shared/errors';
import type { SecurityView } from '../../../shared/securitySchemas';
import type { TwoFactorSettings } from '../../../shared/twoFactorSchemas';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';

const security: SecurityView = {
  accountId: 'a',
  available: true,
  reason: null,
  method: 'totp',
  setupMethod: 'totp',
  blocked: {},
  totpEnabled: true,
  emailTwoFactorEnabled: false,
  hasPassword: true,
  emails: [{ address: 'roxie@example.com', verified: true }],
  policy: [],
};
const settings: TwoFactorSettings = {
  accountId: 'a',
  accountLabel: 'roxie on Demo',
  available: true,
  reason: null,
  emailCodes: { on: false, offMethod: 'totp' },
  backupCodes: { remaining: 2, warning: 'Only 2 backup codes left. Make new ones before they run out.', problem: null },
};

let fake: FakeApi;

async function show(value: TwoFactorSettings) {
  fake.succeed('security.twoFactorSettings', value);
  const { TwoFactorExtras } = await import('./TwoFactorExtras');
  const onDone = vi.fn<(message: string) => void>();
  render(<TwoFactorExtras security={security} onDone={onDone} />);
  await screen.findByRole('heading', { name: 'Codes by email' });
  return { onDone, user: userEvent.setup() };
}

beforeEach(() => {
  fake = freshWindow();
  fake.succeed('security.enableEmailCodes', { message: 'Emailed codes turned on.' });
  fake.succeed('security.disableEmailCodes', { message: 'Emailed codes turned off.' });
  fake.succeed('security.regenerateBackupCodes', { backupCodes: ['new11111', 'new22222'], message: 'Made.' });
});

describe('codes by email', () => {
  it('turns them on after a confirmation that names the account', async () => {
    const { user, onDone } = await show(settings);
    expect(screen.getByTestId('email-codes-status')).toHaveTextContent('Off:');
    await user.click(screen.getByRole('button', { name: 'Turn on codes by email' }));
    const dialog = screen.getByRole('dialog', { name: 'Turn on codes by email?' });
    expect(dialog).toHaveTextContent('Sign-ins of roxie on Demo will ask for a code');
    await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Emailed codes turned on.'));
    expect(fake.requests('security.enableEmailCodes')).toEqual([{ accountId: 'a' }]);
  });

  it('says why instead of a button where they cannot be turned on', async () => {
    await show({
      ...settings,
      emailCodes: { on: false, offMethod: 'totp', turnOnBlocked: 'This workspace does not send sign-in codes by email.' },
    });
    expect(screen.queryByRole('button', { name: 'Turn on codes by email' })).toBeNull();
    expect(screen.getByTestId('email-codes-blocked')).toHaveTextContent('This workspace does not send sign-in codes by email.');
  });

  it('turns them off with the proof the server wants, sent in the one request', async () => {
    const { user, onDone } = await show({ ...settings, emailCodes: { on: true, offMethod: 'totp' } });
    await user.click(screen.getByRole('button', { name: 'Turn off codes by email' }));
    const dialog = screen.getByRole('dialog', { name: 'Confirm with your authenticator' });
    expect(dialog).toHaveTextContent('Turning off codes by email for roxie on Demo.');
    await user.type(within(dialog).getByLabelText('Code from your authenticator app, or a backup code'), '123 456{Enter}');
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Emailed codes turned off.'));
    expect(fake.requests('security.disableEmailCodes')).toEqual([{ accountId: 'a', proof: { code: '123 456' } }]);
  });

  it('keeps the dialog open with the words when the code is refused', async () => {
    fake.answer('security.disableEmailCodes', () =>
      fail('validation', 'No.', { fields: { code: 'That code is not right. Check it and try again.' } }),
    );
    const { user, onDone } = await show({ ...settings, emailCodes: { on: true, offMethod: 'email' } });
    await user.click(screen.getByRole('button', { name: 'Turn off codes by email' }));
    const dialog = screen.getByRole('dialog', { name: 'Confirm with an emailed code' });
    const code = within(dialog).getByLabelText('Code from the email');
    await user.type(code, '123456{Enter}');
    await waitFor(() => expect(code).toHaveAccessibleDescription('That code is not right. Check it and try again.'));
    expect(onDone).not.toHaveBeenCalled();
  });
});

describe('backup codes', () => {
  it('says how many are left and warns when few are', async () => {
    await show(settings);
    expect(screen.getByTestId('backup-codes-left')).toHaveTextContent('2 backup codes left.');
    expect(screen.getByTestId('backup-codes-warning')).toHaveTextContent('Only 2 backup codes left.');
  });

  it('makes new ones for a code from the keyboard, shows them once, and forgets them when kept', async () => {
    const { user, onDone } = await show(settings);
    await user.click(screen.getByRole('button', { name: 'Make new backup codes' }));
    const form = screen.getByRole('form', { name: 'Make new backup codes' });
    const code = within(form).getByLabelText('Code from your authenticator app, or a backup code');
    expect(code).toHaveFocus();
    await user.keyboard('12345{Enter}');
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(fake.requests('security.regenerateBackupCodes')).toEqual([]);
    await user.keyboard('6{Enter}');
    const codes = await screen.findByTestId('backup-codes');
    expect(
      within(codes)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['new11111', 'new22222']);
    expect(screen.getByRole('heading', { name: 'New backup codes for roxie on Demo' })).toBeVisible();
    expect(fake.requests('security.regenerateBackupCodes')).toEqual([{ accountId: 'a', code: '123456' }]);
    await user.click(screen.getByRole('button', { name: 'I have kept them' }));
    expect(screen.queryByTestId('backup-codes')).toBeNull();
    expect(onDone).toHaveBeenCalledWith('New backup codes made. The old ones no longer work.');
  });

  it('puts a refused code on its field', async () => {
    fake.answer('security.regenerateBackupCodes', () =>
      fail('validation', 'No.', { fields: { code: 'That code is not right, so your backup codes are unchanged.' } }),
    );
    const { user } = await show(settings);
    await user.click(screen.getByRole('button', { name: 'Make new backup codes' }));
    const code = screen.getByLabelText('Code from your authenticator app, or a backup code');
    await user.type(code, '654321{Enter}');
    await waitFor(() => expect(code).toHaveAccessibleDescription('That code is not right, so your backup codes are unchanged.'));
  });

  it('shows nothing about backup codes without an authenticator app', async () => {
    await show({ ...settings, backupCodes: null });
    expect(screen.queryByRole('heading', { name: 'Backup codes' })).toBeNull();
  });
});
