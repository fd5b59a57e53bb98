import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccessTokensView } from '../../../shared/accessTokenSchemas';
import { fail } from '../../../shared/errors';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';

const listed: AccessTokensView = {
  accountId: 'a',
  available: true,
  reason: null,
  notAllowed: false,
  method: 'password',
  tokens: [{ name: 'ci', createdAt: '2026-01-02T03:04:05.000Z', lastTokenPart: 'xYz789', bypassTwoFactor: true }],
};

let fake: FakeApi;

async function show() {
  const { useAccounts } = await import('../stores/accountsStore');
  useAccounts.setState({
    accounts: [
      {
        id: 'a',
        serverId: 's',
        serverUrl: 'https://chat.example.com',
        serverName: 'Example Chat',
        userId: 'u1',
        username: 'demouser',
        displayName: null,
        state: 'signed-in',
        signedInWith: 'password',
        active: true,
      },
    ],
  });
  const { AccessTokensSection } = await import('./AccessTokensSection');
  render(<AccessTokensSection accountId="a" online />);
  const user = userEvent.setup();
  await screen.findByRole('list', { name: 'Access tokens' });
  return { user };
}

const nameField = () => screen.getByLabelText('Token name', { selector: 'input' });

beforeEach(() => {
  fake = freshWindow();
  fake.succeed('security.accessTokens', listed);
});

describe('personal access tokens', () => {
  it('names the account and lists each token by name, date, last characters and whether it skips two-factor', async () => {
    await show();
    expect(screen.getByTestId('access-tokens')).toHaveTextContent('Tokens of demouser on Example Chat.');
    const row = screen.getByRole('listitem', { name: 'ci' });
    expect(row).toHaveTextContent('ends in xYz789');
    expect(row).toHaveTextContent('Skips two-factor');
    expect(row).toHaveTextContent(`Created ${new Date('2026-01-02T03:04:05.000Z').toLocaleString()}`);
  });

  it('creates one after the password, shows it once with a Copy button, and lets it go', async () => {
    fake.succeed('security.createAccessToken', ({ name }) => ({ name, token: 'the-new-token-abc', message: 'Token created.' }));
    const { user } = await show();
    await user.type(nameField(), ' deploy ');
    await user.click(screen.getByRole('checkbox', { name: 'Skip two-factor authentication when this token is used' }));
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(fake.requests('security.createAccessToken')).toEqual([]);
    const dialog = screen.getByRole('dialog', { name: 'Confirm with your password' });
    await user.type(within(dialog).getByLabelText('Current password', { selector: 'input' }), 'demo-pass-1{Enter}');
    await waitFor(() =>
      expect(fake.requests('security.createAccessToken')).toEqual([
        { accountId: 'a', name: 'deploy', bypassTwoFactor: true, proof: { currentPassword: 'demo-pass-1' } },
      ]),
    );
    expect(await screen.findByTestId('access-token-value')).toHaveTextContent('the-new-token-abc');
    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(await navigator.clipboard.readText()).toBe('the-new-token-abc');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'I have kept it' }));
    expect(screen.queryByTestId('access-token-value')).toBeNull();
    expect(nameField()).toHaveValue('');
  });

  it('asks before removing, from the keyboard; Cancel sends nothing', async () => {
    fake.succeed('security.removeAccessToken', { message: 'Token removed.' });
    const { user } = await show();
    screen.getByRole('button', { name: 'Remove ci' }).focus();
    await user.keyboard('{Enter}');
    const question = screen.getByRole('dialog', { name: 'Remove the token “ci”?' });
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Remove ci' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Remove the token “ci”?' })).getByRole('button', { name: 'Remove token' }));
    const proof = screen.getByRole('dialog', { name: 'Confirm with your password' });
    await user.type(within(proof).getByLabelText('Current password', { selector: 'input' }), 'demo-pass-1{Enter}');
    await waitFor(() =>
      expect(fake.requests('security.removeAccessToken')).toEqual([
        { accountId: 'a', name: 'ci', proof: { currentPassword: 'demo-pass-1' } },
      ]),
    );
    expect(await screen.findByTestId('access-tokens-message')).toHaveTextContent('Token removed.');
  });

  it('says what the name needs on its field and sends nothing; a taken name is said there too', async () => {
    fake.answer('security.createAccessToken', () =>
      fail('validation', 'You already have a token with this name.', { fields: { name: 'You already have a token with this name.' } }),
    );
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(nameField()).toHaveAccessibleDescription('Give the token a name.');
    await user.click(nameField());
    await user.paste('n'.repeat(101));
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(nameField()).toHaveAccessibleDescription('Too long: at most 100 characters.');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.clear(nameField());
    await user.type(nameField(), 'ci{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Confirm with your password' });
    await user.type(within(dialog).getByLabelText('Current password', { selector: 'input' }), 'demo-pass-1{Enter}');
    await waitFor(() => expect(nameField()).toHaveAccessibleDescription('You already have a token with this name.'));
  });

  it('says the workspace does not allow tokens, and offers nothing to press', async () => {
    fake.succeed('security.accessTokens', {
      ...listed,
      available: false,
      notAllowed: true,
      reason: 'This workspace does not allow you to use personal access tokens.',
      tokens: [],
    });
    const { AccessTokensSection } = await import('./AccessTokensSection');
    render(<AccessTokensSection accountId="a" online />);
    expect(await screen.findByTestId('access-tokens-unavailable')).toHaveTextContent(
      'This workspace does not allow you to use personal access tokens.',
    );
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});
