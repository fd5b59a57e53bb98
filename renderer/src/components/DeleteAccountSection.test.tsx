import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountDeletionView } from '../../../shared/accountDeletionSchemas';
import { fail } from '../../../shared/errors';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';

const offered: AccountDeletionView = {
  accountId: 'a',
  available: true,
  reason: null,
  accountLabel: 'Test John (test.john) on Example Chat',
  confirmWith: 'password',
  losses: ['The account test.john on Example Chat, for good.', 'Your unsent changes (bio): they are never sent.'],
};

let fake: FakeApi;

async function show(view: AccountDeletionView = offered) {
  fake.succeed('privacy.deletion', view);
  const { DeleteAccountSection } = await import('./DeleteAccountSection');
  const { AccountDeletedNotice } = await import('./AccountDeletedNotice');
  render(
    <>
      <AccountDeletedNotice />
      <DeleteAccountSection accountId="a" online />
    </>,
  );
  const user = userEvent.setup();
  await waitFor(() => expect(fake.requests('privacy.deletion')).toEqual([{ accountId: 'a' }]));
  return { user };
}

const dialog = () => screen.getByRole('dialog');
const passwordField = () => within(dialog()).getByLabelText('Your password', { selector: 'input' });

beforeEach(() => {
  fake = freshWindow();
});

describe('Delete my account', () => {
  it('is not offered where the workspace does not allow it, and says so', async () => {
    await show({ ...offered, available: false, reason: 'This workspace does not allow you to delete your own account.' });
    expect(await screen.findByTestId('delete-account-unavailable')).toHaveTextContent(
      'This workspace does not allow you to delete your own account.',
    );
    expect(screen.queryByRole('button', { name: 'Delete my account…' })).toBeNull();
  });

  it('names the account and lists what goes, unsent edits included, before anything is sent', async () => {
    const { user } = await show();
    await user.click(await screen.findByRole('button', { name: 'Delete my account…' }));
    expect(screen.getByRole('dialog', { name: 'Delete Test John (test.john) on Example Chat?' })).toBeInTheDocument();
    expect(
      within(screen.getByTestId('delete-account-losses'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(offered.losses);
    expect(within(dialog()).getByRole('button', { name: 'Delete my account' })).toBeDisabled();
    expect(fake.requests('privacy.deleteAccount')).toEqual([]);
  });

  it('says a wrong password on its field, and the last-owner question in words; yes resends with confirmRelinquish', async () => {
    let tries = 0;
    fake.answer('privacy.deleteAccount', ({ confirmRelinquish }) => {
      tries += 1;
      if (tries === 1)
        return fail('validation', 'Your password is not right.', { fields: { confirmation: 'Your password is not right.' } });
      if (!confirmRelinquish)
        return {
          ok: true,
          value: {
            deleted: false,
            message: 'You are the last owner of a room. If you delete your account, “test-room” will pass to another member.',
            shouldChangeOwner: ['test-room'],
            shouldBeRemoved: [],
          },
        };
      return { ok: true, value: { deleted: true, message: 'Test John (test.john) on Example Chat is deleted.' } };
    });
    const { user } = await show();
    await user.click(await screen.findByRole('button', { name: 'Delete my account…' }));
    await user.type(passwordField(), 'wrong{Enter}');
    await waitFor(() => expect(passwordField()).toHaveAccessibleDescription('Your password is not right.'));
    await user.clear(passwordField());
    await user.type(passwordField(), 'john-pass-1{Enter}');
    expect(await screen.findByTestId('last-owner')).toHaveTextContent('“test-room” will pass to another member');
    await user.click(within(dialog()).getByRole('button', { name: 'Give up the rooms and delete' }));
    await waitFor(() =>
      expect(fake.requests('privacy.deleteAccount')).toEqual([
        { accountId: 'a', confirmation: 'wrong', confirmRelinquish: false },
        { accountId: 'a', confirmation: 'john-pass-1', confirmRelinquish: false },
        { accountId: 'a', confirmation: 'john-pass-1', confirmRelinquish: true },
      ]),
    );
    expect(await screen.findByTestId('account-deleted')).toHaveTextContent('Test John (test.john) on Example Chat is deleted.');
    await user.click(screen.getByRole('button', { name: 'OK' }));
    expect(screen.queryByTestId('account-deleted')).toBeNull();
  });

  it('asks an account without a password for its username', async () => {
    const { user } = await show({ ...offered, confirmWith: 'username' });
    await user.click(await screen.findByRole('button', { name: 'Delete my account…' }));
    expect(within(dialog()).getByLabelText('Your username', { selector: 'input' })).not.toHaveAttribute('type', 'password');
  });
});
