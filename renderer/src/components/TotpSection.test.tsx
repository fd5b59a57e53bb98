import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fail } from '../../../shared/errors';
import type { SecurityView } from '../../../shared/securitySchemas';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';

const noFactor: SecurityView = {
  accountId: 'a',
  available: true,
  reason: null,
  method: 'password',
  setupMethod: 'none',
  blocked: {},
  totpEnabled: false,
  emailTwoFactorEnabled: false,
  hasPassword: true,
  emails: [{ address: 'demo@example.com', verified: true }],
  policy: [],
};
const withApp: SecurityView = { ...noFactor, method: 'totp', setupMethod: 'totp', totpEnabled: true };
const setup = { secret: 'JBSWY3DPEHPK3PXP', qrDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+' };

let fake: FakeApi;

async function show(view: SecurityView) {
  const { TotpSection } = await import('./TotpSection');
  const onDone = vi.fn<(message: string) => void>();
  const onChanged = vi.fn<() => void>();
  render(<TotpSection view={view} onDone={onDone} onChanged={onChanged} />);
  return { onDone, onChanged, user: userEvent.setup() };
}

beforeEach(() => {
  fake = freshWindow();
  fake.succeed('security.startTotp', setup);
  fake.succeed('security.confirmTotp', { backupCodes: ['aaaa1111', 'bbbb2222'], message: 'On.' });
  fake.succeed('security.disableTotp', { message: 'Authenticator app turned off.' });
});

describe('two-factor authentication', () => {
  it('says in one sentence what confirms sign-ins now', async () => {
    await show(withApp);
    expect(screen.getByTestId('two-factor-status')).toHaveTextContent('On: an authenticator app confirms sign-ins and sensitive changes.');
  });

  it('says so where nothing but the password, or nothing at all, confirms changes', async () => {
    await show(noFactor);
    expect(screen.getByTestId('two-factor-status')).toHaveTextContent('No second factor: your password confirms sensitive changes.');
    cleanup();
    await show({ ...noFactor, method: 'none' });
    expect(screen.getByTestId('two-factor-status')).toHaveTextContent('No second factor is asked for on this workspace.');
    cleanup();
    await show({ ...noFactor, method: 'none', hasPassword: false });
    expect(screen.getByTestId('two-factor-status')).toHaveTextContent('No second factor, and no password on this server.');
  });

  it('sets an app up: the key in groups, a code from the app, then the backup codes once', async () => {
    const { user, onDone, onChanged } = await show(noFactor);
    await user.click(screen.getByRole('button', { name: 'Set up an authenticator app' }));
    const form = await screen.findByRole('form', { name: 'Set up an authenticator app' });
    expect(fake.requests('security.startTotp')).toEqual([{ accountId: 'a', proof: {} }]);
    expect(within(form).getByRole('img', { name: 'QR code for your authenticator app' })).toHaveAttribute('src', setup.qrDataUrl);
    expect([...within(form).getByTestId('totp-secret').children].map((group) => group.textContent)).toEqual([
      'JBSW',
      'Y3DP',
      'EHPK',
      '3PXP',
    ]);
    await user.type(within(form).getByLabelText('Code from the app'), '123456{Enter}');
    const codes = await screen.findByTestId('backup-codes');
    expect(
      within(codes)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['aaaa1111', 'bbbb2222']);
    expect(fake.requests('security.confirmTotp')).toEqual([{ accountId: 'a', code: '123456', proof: {} }]);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('two-factor-status')).toHaveTextContent('On: an authenticator app');
    await user.click(screen.getByRole('button', { name: 'I have kept them' }));
    expect(onDone).toHaveBeenCalledWith('Authenticator app set up.');
    expect(screen.queryByTestId('backup-codes')).toBeNull();
  });

  it('puts a code the server refused on the code field and stays on the step', async () => {
    fake.answer('security.confirmTotp', () => fail('validation', 'Invalid.', { fields: { totpCode: 'That code is not right.' } }));
    const { user } = await show(noFactor);
    await user.click(screen.getByRole('button', { name: 'Set up an authenticator app' }));
    const code = await screen.findByLabelText('Code from the app');
    await user.type(code, '000000{Enter}');
    await waitFor(() => expect(code).toHaveAccessibleDescription('That code is not right.'));
    expect(screen.getByRole('button', { name: 'Turn on' })).toBeEnabled();
  });

  it('says "Too long" on a code over the contract’s 20 characters and sends nothing', async () => {
    const { user } = await show(noFactor);
    await user.click(screen.getByRole('button', { name: 'Set up an authenticator app' }));
    const code = await screen.findByLabelText('Code from the app');
    await user.click(code);
    await user.paste('1'.repeat(21));
    await user.keyboard('{Enter}');
    expect(code).toHaveAccessibleDescription('Too long: at most 20 characters.');
    expect(code).toHaveFocus();
    expect(fake.requests('security.confirmTotp')).toEqual([]);
  });

  it('asks for the password first where the account confirms with it', async () => {
    const { user } = await show({ ...noFactor, setupMethod: 'password' });
    await user.click(screen.getByRole('button', { name: 'Set up an authenticator app' }));
    const dialog = screen.getByRole('dialog', { name: 'Confirm with your password' });
    await user.type(within(dialog).getByLabelText('Current password', { selector: 'input' }), 'demo-pass-1{Enter}');
    await screen.findByRole('form', { name: 'Set up an authenticator app' });
    expect(fake.requests('security.startTotp')).toEqual([{ accountId: 'a', proof: { currentPassword: 'demo-pass-1' } }]);
  });

  it('turns the app off with one of its codes; a code of the wrong shape is said and not sent', async () => {
    const { user, onDone } = await show(withApp);
    await user.click(screen.getByRole('button', { name: 'Turn off the authenticator app' }));
    const dialog = screen.getByRole('dialog', { name: 'Confirm with your authenticator' });
    const code = within(dialog).getByLabelText('Code from your authenticator app, or a backup code');
    expect(code).toHaveFocus();
    await user.type(code, '12345{Enter}');
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(fake.requests('security.disableTotp')).toEqual([]);
    await user.type(code, '6{Enter}');
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Authenticator app turned off.'));
    expect(fake.requests('security.disableTotp')).toEqual([{ accountId: 'a', code: '123456' }]);
  });

  it('keeps the dialog open, saying so, when the server refuses the code to turn it off', async () => {
    fake.answer('security.disableTotp', () => fail('validation', 'Invalid.', { fields: { code: 'That code is not right.' } }));
    const { user, onDone } = await show(withApp);
    await user.click(screen.getByRole('button', { name: 'Turn off the authenticator app' }));
    const dialog = screen.getByRole('dialog', { name: 'Confirm with your authenticator' });
    const code = within(dialog).getByLabelText('Code from your authenticator app, or a backup code');
    await user.type(code, '654321{Enter}');
    await waitFor(() => expect(code).toHaveAccessibleDescription('That code is not right.'));
    expect(onDone).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers nothing while the server cannot be reached', async () => {
    await show({ ...noFactor, available: false, reason: 'The server cannot be reached.' });
    expect(screen.getByRole('button', { name: 'Set up an authenticator app' })).toBeDisabled();
  });

  it('says why, instead of a button, where the workspace does not allow it', async () => {
    await show({ ...withApp, blocked: { totpOff: 'This workspace requires two-factor authentication.' } });
    expect(screen.queryByRole('button', { name: 'Turn off the authenticator app' })).toBeNull();
    expect(screen.getByTestId('authenticator-blocked')).toHaveTextContent('This workspace requires two-factor authentication.');
  });

  it('says why, instead of the set-up button, where the workspace does not let the app be set up', async () => {
    await show({ ...noFactor, blocked: { totpSetup: 'This workspace does not offer authenticator apps.' } });
    expect(screen.queryByRole('button', { name: 'Set up an authenticator app' })).toBeNull();
    expect(screen.getByTestId('authenticator-blocked')).toHaveTextContent('This workspace does not offer authenticator apps.');
  });
});
