import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignInOptions } from '../../../shared/signInSchemas';
import { fail } from '../../../shared/errors';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';
import { account, accountList } from '../../../tests/support/rendererViews';

const target = { serverId: 's1', serverName: 'chat.example.com', serverUrl: 'https://chat.example.com' };
const passwordOnly: SignInOptions = { serverId: 's1', passwordForm: true, passwordKind: 'local', services: [] };
const challenge = (method: 'totp' | 'email' | 'password') =>
  fail('two-factor-required', 'A second factor is needed.', { twoFactor: { challengeId: 'c1', method, availableMethods: [method] } });

let fake: FakeApi;

async function open(options: SignInOptions = passwordOnly) {
  fake.succeed('servers.signInOptions', options);
  fake.succeed('accounts.list', accountList(1, ['a']));
  const { SignInScreen } = await import('./SignInScreen');
  const { useUi } = await import('../stores/uiStore');
  useUi.getState().startSignIn(target);
  render(<SignInScreen target={target} />);
  await waitFor(() => expect(fake.requests('servers.signInOptions')).toEqual([{ serverId: 's1' }]));
  return { useUi, user: userEvent.setup() };
}

beforeEach(() => {
  fake = freshWindow();
});
afterEach(() => vi.useRealTimers());

describe('the password form', () => {
  it('names the server and labels its fields', async () => {
    await open();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in to chat.example.com' })).toBeInTheDocument();
    expect(screen.getByLabelText('Username or email')).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
  });

  it('says which field is empty, on that field, focuses the first and sends nothing', async () => {
    const { user } = await open();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const name = screen.getByLabelText('Username or email');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Enter your username or email.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    await waitFor(() => expect(name).toHaveFocus());
    expect(fake.requests('accounts.signIn')).toEqual([]);
  });

  it('signs in with what was typed (Enter submits), reads the account list once and goes home', async () => {
    fake.succeed('accounts.signIn', account('a'));
    const { user, useUi } = await open();
    await user.type(screen.getByLabelText('Username or email'), 'demouser');
    await user.type(screen.getByLabelText('Password'), 'demo-pass-1{Enter}');
    await waitFor(() => expect(useUi.getState().screen).toBe('home'));
    expect(fake.requests('accounts.signIn')).toEqual([{ serverId: 's1', user: 'demouser', password: 'demo-pass-1', sessionOnly: false }]);
    expect(fake.requests('accounts.list')).toHaveLength(1);
  });

  it('puts a refused password on the password field and focuses it', async () => {
    fake.answer('accounts.signIn', () => fail('unauthorized', 'The username or password is not right.'));
    const { user } = await open();
    await user.type(screen.getByLabelText('Username or email'), 'demouser');
    await user.type(screen.getByLabelText('Password'), 'wrong{Enter}');
    const password = screen.getByLabelText('Password');
    await waitFor(() => expect(password).toHaveAccessibleDescription('The username or password is not right.'));
    await waitFor(() => expect(password).toHaveFocus());
    // Selected, so the next password typed replaces the refused one.
    expect(password).toHaveProperty('selectionStart', 0);
    expect(password).toHaveProperty('selectionEnd', 'wrong'.length);
    await user.keyboard('right');
    expect(password).toHaveValue('right');
  });

  it('says "Too long" on a username over the contract’s 320 characters and sends nothing', async () => {
    const { user } = await open();
    await user.click(screen.getByLabelText('Username or email'));
    await user.paste('u'.repeat(321));
    await user.type(screen.getByLabelText('Password'), 'pw{Enter}');
    const name = screen.getByLabelText('Username or email');
    expect(name).toHaveAccessibleDescription('Too long: at most 320 characters.');
    expect(name).toHaveFocus();
    expect(fake.requests('accounts.signIn')).toEqual([]);
  });

  it('offers "this session only" when the keychain cannot keep the session, and signs in that way', async () => {
    fake.answer('accounts.signIn', ({ sessionOnly }) =>
      sessionOnly ? { ok: true, value: account('a') } : fail('keychain-unavailable', 'The keychain cannot be reached.'),
    );
    const { user, useUi } = await open();
    await user.type(screen.getByLabelText('Username or email'), 'demouser');
    await user.type(screen.getByLabelText('Password'), 'pw{Enter}');
    const warning = await screen.findByTestId('keychain-unavailable');
    expect(warning).toHaveTextContent('The keychain cannot be reached.');
    await user.click(within(warning).getByRole('button', { name: 'Sign in for this session only' }));
    await waitFor(() => expect(useUi.getState().screen).toBe('home'));
    expect(fake.requests('accounts.signIn').map((request) => request.sessionOnly)).toEqual([false, true]);
  });

  it('says an LDAP workspace checks the directory password', async () => {
    await open({ ...passwordOnly, passwordKind: 'ldap' });
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('This workspace checks your directory (LDAP) password.');
  });

  it('shows no password form where the workspace has none, and still offers an access token', async () => {
    await open({ ...passwordOnly, passwordForm: false });
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.getByText('Sign in with an access token')).toBeInTheDocument();
  });
});

describe('the second factor', () => {
  async function atSecondFactor(method: 'totp' | 'email' | 'password') {
    fake.answer('accounts.signIn', () => challenge(method));
    const opened = await open();
    await opened.user.type(screen.getByLabelText('Username or email'), 'roxie');
    await opened.user.type(screen.getByLabelText('Password'), 'roxie-pass-1{Enter}');
    await screen.findByTestId('two-factor-step');
    return opened;
  }

  it('asks for the authenticator code with the code field focused; a code of the wrong shape is said and not sent', async () => {
    const { user } = await atSecondFactor('totp');
    expect(screen.getByRole('heading', { level: 2, name: 'Enter your authenticator code' })).toBeInTheDocument();
    const code = screen.getByLabelText('Authentication code');
    await waitFor(() => expect(code).toHaveFocus());
    await user.type(code, '12345{Enter}');
    expect(code).toHaveAccessibleDescription(
      'Enter the 6-digit code from your authenticator app, or one of your 8-character backup codes.',
    );
    expect(fake.requests('accounts.answerTwoFactor')).toEqual([]);
  });

  it('sends a code as the app shows it, once, and goes home', async () => {
    fake.succeed('accounts.answerTwoFactor', account('a'));
    const { user, useUi } = await atSecondFactor('totp');
    await user.type(screen.getByLabelText('Authentication code'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(useUi.getState().screen).toBe('home'));
    expect(fake.requests('accounts.answerTwoFactor')).toEqual([{ challengeId: 'c1', code: '123 456' }]);
  });

  it('says a wrong code on the field, empties it and keeps focus there', async () => {
    fake.answer('accounts.answerTwoFactor', () => fail('two-factor-invalid', 'Invalid code.'));
    const { user } = await atSecondFactor('totp');
    const code = screen.getByLabelText('Authentication code');
    await user.type(code, '000000{Enter}');
    await waitFor(() => expect(code).toHaveAccessibleDescription('That code is not right. Check it and try again.'));
    expect(code).toHaveValue('');
    expect(code).toHaveFocus();
  });

  it('goes back to the password form, saying why, when the server stops the sign-in', async () => {
    fake.answer('accounts.answerTwoFactor', () => fail('two-factor-locked', 'Locked.'));
    fake.succeed('accounts.cancelSignIn', {});
    const { user } = await atSecondFactor('totp');
    await user.type(screen.getByLabelText('Authentication code'), '000000{Enter}');
    await screen.findByText('Too many wrong codes: the server stopped this sign-in. Sign in again to get a new code.');
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
    expect(fake.requests('accounts.cancelSignIn')).toEqual([{ challengeId: 'c1' }]);
  });

  it('offers the emailed code again only after 30 seconds', async () => {
    // The clock runs as usual (waits and typing work) and the test moves it on by 30 s.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fake.succeed('accounts.sendEmailCode', { sent: true });
    await atSecondFactor('email');
    expect(screen.getByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
    const counting = /^Send the code again \(in \d+ s\)$/;
    expect(screen.getByRole('button', { name: counting })).toBeDisabled();
    for (let second = 0; second < 30; second += 1) await act(() => vi.advanceTimersByTime(1000));
    const again = screen.getByRole('button', { name: 'Send the code again' });
    expect(again).toBeEnabled();
    act(() => again.click());
    await screen.findByText('A new code is on its way.');
    expect(fake.requests('accounts.sendEmailCode')).toEqual([{ challengeId: 'c1' }]);
    expect(screen.getByRole('button', { name: counting })).toBeDisabled();
  });
});

describe('single sign-on', () => {
  const withSso = (finish: 'link' | 'poll' | 'paste'): SignInOptions => ({
    ...passwordOnly,
    services: [{ id: 'gitlab', kind: 'oauth', label: 'GitLab', finish }],
  });
  let opened: string[];

  beforeEach(() => {
    opened = [];
    vi.spyOn(window, 'open').mockImplementation((url) => {
      opened.push(String(url));
      return null;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('opens the provider in the system browser and goes home when the sign-in comes back', async () => {
    let signedIn!: () => void;
    fake.succeed('accounts.startSso', { flowId: 'f1', kind: 'oauth', finish: 'poll', url: 'https://gitlab.example.com/oauth' });
    fake.answer('accounts.awaitSso', () => new Promise((resolve) => (signedIn = () => resolve({ ok: true, value: account('a') }))));
    const { user, useUi } = await open(withSso('poll'));
    await user.click(within(screen.getByRole('group', { name: 'Single sign-on' })).getByRole('button', { name: 'GitLab' }));
    const waiting = await screen.findByTestId('sso-waiting');
    expect(within(waiting).getByRole('heading', { name: 'Finish signing in in your browser' })).toHaveFocus();
    expect(opened).toEqual(['https://gitlab.example.com/oauth']);
    expect(fake.requests('accounts.startSso')).toEqual([{ serverId: 's1', serviceId: 'gitlab', sessionOnly: false }]);
    signedIn();
    await waitFor(() => expect(useUi.getState().screen).toBe('home'));
  });

  it('asks for the link when it must be pasted, and sends what was pasted', async () => {
    fake.succeed('accounts.startSso', { flowId: 'f1', kind: 'oauth', finish: 'link', url: 'https://gitlab.example.com/oauth' });
    fake.answer('accounts.awaitSso', () => new Promise(() => undefined));
    fake.answer('accounts.completeSso', () =>
      fail('validation', 'Not a sign-in link.', { fields: { link: 'That is not a sign-in link.' } }),
    );
    const { user } = await open(withSso('link'));
    await user.click(screen.getByRole('button', { name: 'GitLab' }));
    await user.click(await screen.findByRole('button', { name: 'Finish sign-in' }));
    const link = screen.getByLabelText('Sign-in link');
    expect(link).toHaveAccessibleDescription('Paste the sign-in link.');
    expect(fake.requests('accounts.completeSso')).toEqual([]);
    await user.click(link);
    await user.paste(' rocketchat://auth?token=x ');
    await user.click(screen.getByRole('button', { name: 'Finish sign-in' }));
    await waitFor(() => expect(link).toHaveAccessibleDescription('That is not a sign-in link.'));
    expect(fake.requests('accounts.completeSso')).toEqual([{ flowId: 'f1', link: 'rocketchat://auth?token=x' }]);
  });
});
