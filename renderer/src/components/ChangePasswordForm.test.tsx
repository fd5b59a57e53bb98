import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail } from '../../../shared/errors';
import type { SecurityView } from '../../../shared/securitySchemas';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';

const passwordAccount: SecurityView = {
  accountId: 'a',
  available: true,
  reason: null,
  method: 'password',
  setupMethod: 'password',
  blocked: {},
  totpEnabled: false,
  emailTwoFactorEnabled: false,
  hasPassword: true,
  emails: [{ address: 'demo@example.com', verified: true }],
  policy: [{ rule: 'minLength', params: { minLength: 10 } }, { rule: 'mustContainAtLeastOneNumber' }],
};

let fake: FakeApi;

async function show(view: SecurityView = passwordAccount) {
  const { ChangePasswordForm } = await import('./ChangePasswordForm');
  const onDone = vi.fn<(message: string) => void>();
  render(<ChangePasswordForm view={view} onDone={onDone} />);
  return { onDone, user: userEvent.setup(), form: screen.getByRole('form', { name: 'Change password' }) };
}

const field = (label: string) => screen.getByLabelText(label, { selector: 'input' });

beforeEach(() => {
  fake = freshWindow();
  fake.succeed('security.changePassword', { message: 'Password changed.' });
  fake.succeed('security.changeWait', { waitSeconds: 0, reason: null });
});
afterEach(() => vi.useRealTimers());

describe('the password change form', () => {
  it('ticks off the server’s rules as the new password is typed', async () => {
    const { user } = await show();
    const rules = screen.getByRole('list', { name: 'Password rules' });
    expect(rules).toHaveTextContent('At least 10 characters (not met yet)');
    expect(rules).toHaveTextContent('A digit (not met yet)');
    await user.type(field('New password'), 'long-enough-7');
    expect(rules).toHaveTextContent('At least 10 characters (met)');
    expect(rules).toHaveTextContent('A digit (met)');
  });

  it('says on each field what is missing, focuses the first, and sends nothing', async () => {
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(field('Current password')).toHaveAccessibleDescription('Enter your current password.');
    expect(field('New password')).toHaveAccessibleDescription('Enter a new password.');
    await waitFor(() => expect(field('Current password')).toHaveFocus());
    expect(fake.requests('security.changePassword')).toEqual([]);
  });

  it('refuses a new password that misses a rule, repeats the current one or is not confirmed', async () => {
    const { user } = await show();
    await user.type(field('Current password'), 'old-password-1');
    await user.type(field('New password'), 'short');
    await user.type(field('Confirm new password'), 'short{Enter}');
    expect(field('New password')).toHaveAccessibleDescription('The new password does not meet every rule below yet.');
    await user.clear(field('New password'));
    await user.type(field('New password'), 'old-password-1');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(field('New password')).toHaveAccessibleDescription('The new password is the same as your current one.');
    expect(field('Confirm new password')).toHaveAccessibleDescription('The two new passwords are not the same.');
    expect(fake.requests('security.changePassword')).toEqual([]);
  });

  it('sends the new password with the current one as proof, then empties the form and says so', async () => {
    const { user, onDone } = await show();
    await user.type(field('Current password'), 'old-password-1');
    await user.type(field('New password'), 'new-password-2');
    await user.type(field('Confirm new password'), 'new-password-2{Enter}');
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Password changed.'));
    expect(fake.requests('security.changePassword')).toEqual([
      { accountId: 'a', newPassword: 'new-password-2', proof: { currentPassword: 'old-password-1' } },
    ]);
    expect(field('New password')).toHaveValue('');
    expect(field('Current password')).toHaveValue('');
  });

  it('puts a refused current password on its field and focuses it', async () => {
    fake.answer('security.changePassword', () =>
      fail('validation', 'Some fields need attention.', { fields: { currentPassword: 'Your current password is not right.' } }),
    );
    const { user } = await show();
    await user.type(field('Current password'), 'wrong-guess-1');
    await user.type(field('New password'), 'new-password-2');
    await user.type(field('Confirm new password'), 'new-password-2{Enter}');
    await waitFor(() => expect(field('Current password')).toHaveAccessibleDescription('Your current password is not right.'));
    await waitFor(() => expect(field('Current password')).toHaveFocus());
  });

  it('says "Too long" over the contract’s 1,000 characters and sends nothing', async () => {
    const { user } = await show();
    await user.type(field('Current password'), 'old-password-1');
    await user.click(field('New password'));
    await user.paste('a1'.repeat(501));
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(field('New password')).toHaveAccessibleDescription('Too long: at most 1,000 characters.');
    expect(field('New password')).toHaveFocus();
    expect(fake.requests('security.changePassword')).toEqual([]);
  });

  it('shows a password when its Show button is pressed from the keyboard', async () => {
    const { user } = await show();
    await user.type(field('New password'), 'secret-1');
    const toggle = screen.getByRole('button', { name: 'Show new password' });
    toggle.focus();
    await user.keyboard(' ');
    expect(field('New password')).toHaveAttribute('type', 'text');
    expect(screen.getByRole('button', { name: 'Hide new password' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('turns every field and the button off while the server cannot be reached', async () => {
    await show({ ...passwordAccount, available: false, reason: 'The server cannot be reached.' });
    for (const label of ['Current password', 'New password', 'Confirm new password']) expect(field(label)).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Change password' })).toBeDisabled();
  });

  it('asks an authenticator account for a code before sending; a code of the wrong shape is said and not sent', async () => {
    const { user } = await show({ ...passwordAccount, method: 'totp' });
    expect(screen.queryByLabelText('Current password')).toBeNull();
    await user.type(field('New password'), 'new-password-2');
    await user.type(field('Confirm new password'), 'new-password-2{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Confirm with your authenticator' });
    const code = within(dialog).getByLabelText('Code from your authenticator app, or a backup code');
    await user.type(code, '12345{Enter}');
    expect(code).toHaveAccessibleDescription(
      'Enter the 6-digit code from your authenticator app, or one of your 8-character backup codes.',
    );
    expect(fake.requests('security.changePassword')).toEqual([]);
    await user.type(code, '6{Enter}');
    await waitFor(() =>
      expect(fake.requests('security.changePassword')).toEqual([
        { accountId: 'a', newPassword: 'new-password-2', proof: { code: '123456' } },
      ]),
    );
  });

  it('asks for a factor the server sprang only once the core says its one-change-a-minute has passed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fake.answer('security.changePassword', ({ proof }) =>
      proof.method === 'email'
        ? { ok: true, value: { message: 'Password changed.' } }
        : fail('two-factor-required', 'Confirm with an emailed code.', { twoFactor: { method: 'email', availableMethods: ['email'] } }),
    );
    fake.succeed('security.changeWait', { waitSeconds: 60, reason: 'Demo takes one change to your profile, email or password a minute.' });
    const { user, onDone } = await show();
    await user.type(field('Current password'), 'old-password-1');
    await user.type(field('New password'), 'new-password-2');
    await user.type(field('Confirm new password'), 'new-password-2{Enter}');
    // No code is asked for while the server would refuse it: the wait is said instead, and counts down.
    const notice = await screen.findByTestId('password-change-wait');
    expect(notice).toHaveTextContent('You can change your password in 60 seconds. Demo takes one change');
    expect(screen.queryByRole('dialog')).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(notice).toHaveTextContent('You can change your password in 55 seconds.');
    await act(() => vi.advanceTimersByTimeAsync(56_000));
    expect(screen.queryByTestId('password-change-wait')).toBeNull();
    fake.succeed('security.changeWait', { waitSeconds: 0, reason: null });
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm with an emailed code' });
    await user.type(within(dialog).getByLabelText('Code from the email'), '123456{Enter}');
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Password changed.'));
    expect(fake.requests('security.changePassword')).toHaveLength(2);
    expect(fake.requests('security.changePassword')[1]).toEqual({
      accountId: 'a',
      newPassword: 'new-password-2',
      proof: { code: '123456', method: 'email' },
    });
  });
});
