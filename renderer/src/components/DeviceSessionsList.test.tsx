import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSession, DeviceSessionsView } from '../../../shared/deviceSessionSchemas';
import { fail } from '../../../shared/errors';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
const here: DeviceSession = {
  sessionId: 's-here',
  device: 'Linux',
  client: 'Electron 38.1.0',
  ip: '127.0.0.1',
  lastSignIn: hoursAgo(0),
  thisComputer: true,
};
const phone: DeviceSession = {
  sessionId: 's-phone',
  device: 'iOS 18.1 (mobile)',
  client: 'Safari 18.1',
  ip: '198.51.100.7',
  lastSignIn: hoursAgo(2),
  thisComputer: false,
};
const listed: DeviceSessionsView = {
  accountId: 'a',
  accountLabel: 'demouser on Example Chat',
  listed: true,
  reason: null,
  sessions: [here, phone],
  total: 2,
};

let fake: FakeApi;

async function show(online = true) {
  const { DeviceSessionsList } = await import('./DeviceSessionsList');
  render(<DeviceSessionsList accountId="a" online={online} />);
  return { user: userEvent.setup() };
}

beforeEach(() => {
  fake = freshWindow();
  fake.succeed('security.deviceSessions', listed);
});

describe('signed-in devices', () => {
  it('names the account, shows each device in words, marks this computer and offers it no sign-out', async () => {
    await show();
    const list = await screen.findByRole('list', { name: 'Signed-in devices of demouser on Example Chat' });
    const [mine, theirs] = within(list).getAllByRole('listitem');
    expect(mine).toHaveTextContent('Linux · Electron 38.1.0 This computer');
    expect(within(mine!).queryByRole('button')).toBeNull();
    expect(theirs).toHaveTextContent('iOS 18.1 (mobile) · Safari 18.1');
    expect(theirs).toHaveTextContent('From 198.51.100.7. Signed in 2 hours ago.');
    expect(within(theirs!).getByRole('button', { name: 'Sign out iOS 18.1 (mobile), Safari 18.1' })).toBeEnabled();
  });

  it('asks first, signs the device out, says so and reads the list again', async () => {
    fake.succeed('security.signOutSession', { message: 'That device is signed out.', signedOutHere: false });
    const { user } = await show();
    await user.click(await screen.findByRole('button', { name: /^Sign out iOS/ }));
    const dialog = screen.getByRole('dialog', { name: 'Sign out this device?' });
    expect(dialog).toHaveTextContent('iOS 18.1 (mobile) (Safari 18.1, 198.51.100.7) will be signed out of demouser on Example Chat.');
    expect(fake.requests('security.signOutSession')).toEqual([]);
    fake.succeed('security.deviceSessions', { ...listed, sessions: [here], total: 1 });
    await user.click(within(dialog).getByRole('button', { name: 'Sign out device' }));
    expect(await screen.findByTestId('device-session-answer')).toHaveTextContent('That device is signed out.');
    expect(fake.requests('security.signOutSession')).toEqual([{ accountId: 'a', sessionId: 's-phone' }]);
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Sign out iOS/ })).toBeNull());
  });

  it('cancelling sends nothing', async () => {
    const { user } = await show();
    await user.click(await screen.findByRole('button', { name: /^Sign out iOS/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(fake.requests('security.signOutSession')).toEqual([]);
  });

  it('shows a refusal in words', async () => {
    fake.answer('security.signOutSession', () => fail('not-found', 'That device was signed out already.'));
    const { user } = await show();
    await user.click(await screen.findByRole('button', { name: /^Sign out iOS/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Sign out device' }));
    expect(await screen.findByTestId('device-session-answer')).toHaveTextContent('That device was signed out already.');
  });

  it('shows no list where the server does not list devices', async () => {
    fake.succeed('security.deviceSessions', { ...listed, listed: false, sessions: [], total: 0 });
    await show();
    await screen.findByTestId('device-sessions');
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.queryByText(/Signed-in devices/)).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('offline: the reason shows and no device can be signed out', async () => {
    const reason = 'Example Chat cannot be reached now. The list of devices needs the server.';
    fake.succeed('security.deviceSessions', { ...listed, reason });
    await show(false);
    expect(await screen.findByRole('status')).toHaveTextContent(reason);
    expect(screen.getByRole('button', { name: /^Sign out iOS/ })).toBeDisabled();
  });
});
