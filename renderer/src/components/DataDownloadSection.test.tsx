import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DataDownloadView } from '../../../shared/accountDataSchemas';
import { fail } from '../../../shared/errors';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';

const offered: DataDownloadView = { accountId: 'a', accountLabel: 'demouser on Example Chat', available: true, reason: null };
const requestedAt = '2026-01-02T03:04:05.000Z';

let fake: FakeApi;

async function show(online = true) {
  const { DataDownloadSection } = await import('./DataDownloadSection');
  render(<DataDownloadSection accountId="a" online={online} />);
  await screen.findByText(/^For demouser on Example Chat\./);
  return { user: userEvent.setup() };
}

beforeEach(() => {
  fake = freshWindow();
  fake.succeed('security.dataDownload', offered);
});

describe('download my data', () => {
  it('names the account, asks for the chosen kind and says the server took the request', async () => {
    fake.succeed('security.requestDataDownload', {
      outcome: 'requested',
      requestedAt,
      message: 'Requested. Example Chat prepares a file.',
    });
    const { user } = await show();
    await user.click(screen.getByRole('radio', { name: 'My messages only' }));
    await user.click(screen.getByRole('button', { name: 'Request download' }));
    expect(await screen.findByTestId('data-download-answer')).toHaveTextContent('Requested. Example Chat prepares a file.');
    expect(screen.getByTestId('data-download-answer')).not.toHaveTextContent('Requested on');
    expect(fake.requests('security.requestDataDownload')).toEqual([{ accountId: 'a', fullExport: false }]);
  });

  it('says when a request already made was made', async () => {
    fake.succeed('security.requestDataDownload', { outcome: 'already-requested', requestedAt, message: 'A file was already requested.' });
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Request download' }));
    const said = await screen.findByTestId('data-download-answer');
    expect(said).toHaveTextContent(`A file was already requested. Requested on ${new Date(requestedAt).toLocaleString()}.`);
    expect(fake.requests('security.requestDataDownload')).toEqual([{ accountId: 'a', fullExport: true }]);
  });

  it('offers nothing where the workspace does not allow it, and says so', async () => {
    const words = 'This workspace does not allow downloading your data.';
    fake.succeed('security.dataDownload', { ...offered, available: false, reason: words });
    await show();
    expect(screen.getByTestId('data-download-unavailable')).toHaveTextContent(words);
    expect(screen.getByRole('button', { name: 'Request download' })).toBeDisabled();
  });

  it('shows a refusal in words and reads again what is offered', async () => {
    fake.answer('security.requestDataDownload', () => fail('unauthorized', 'This workspace does not allow downloading your data.'));
    const { user } = await show();
    await user.click(screen.getByRole('button', { name: 'Request download' }));
    expect(await screen.findByTestId('data-download-answer')).toHaveTextContent('This workspace does not allow downloading your data.');
    await waitFor(() => expect(fake.requests('security.dataDownload').length).toBeGreaterThan(1));
  });

  it('is off while the server cannot be reached', async () => {
    await show(false);
    expect(screen.getByRole('button', { name: 'Request download' })).toBeDisabled();
  });
});

describe('a username for an account without one', () => {
  it('names the account, and fills the server suggestion into the editor to be saved as usual', async () => {
    fake.succeed('profile.suggestUsername', { suggestion: 'pending.setup', message: 'Example Chat suggests “pending.setup”.' });
    fake.succeed('profile.checkUsername', { available: null, problem: null });
    const { useAccounts } = await import('../stores/accountsStore');
    useAccounts.setState({
      accounts: [
        {
          id: 'a',
          serverId: 's',
          serverUrl: 'https://chat.example.com',
          serverName: 'Example Chat',
          userId: 'u1',
          username: 'pending.setup@example.com',
          displayName: null,
          state: 'signed-in',
          signedInWith: 'single-sign-on',
          active: true,
        },
      ],
    });
    const { ProfileEditor } = await import('./ProfileEditor');
    const workspace = { locked: {}, statuses: ['online' as const], lookupUnavailable: {} };
    render(
      <ProfileEditor accountId="a" profile={{ _id: 'u1', name: 'Pending Setup' }} pending={{}} workspace={workspace} onDone={() => {}} />,
    );
    const user = userEvent.setup();
    expect(screen.getByTestId('username-suggestion')).toHaveTextContent('pending.setup@example.com on Example Chat has no username yet.');
    await user.click(screen.getByRole('button', { name: 'Suggest a username' }));
    await waitFor(() => expect(screen.getByLabelText('Username')).toHaveValue('pending.setup'));
    expect(screen.getByTestId('username-suggestion')).toHaveTextContent('Example Chat suggests “pending.setup”.');
  });
});
