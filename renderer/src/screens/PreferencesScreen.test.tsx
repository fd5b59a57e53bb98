import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fail } from '../../../shared/errors';
import type { PreferencesView } from '../../../shared/preferenceSchemas';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';

const view: PreferencesView = {
  accountId: 'a',
  accountLabel: 'demouser on Example Chat',
  preferences: { language: 'en', desktopNotifications: 'mentions', enableAutoAway: true, idleTimeLimit: 300, highlights: ['release'] },
  waiting: {},
  fetchedAt: '2026-01-02T03:04:05.000Z',
  refreshError: null,
  revision: 1,
};

let fake: FakeApi;

async function show() {
  const { PreferencesScreen } = await import('./PreferencesScreen');
  render(<PreferencesScreen accountId="a" />);
  await screen.findByText(/^For demouser on Example Chat\./);
  return { user: userEvent.setup() };
}

beforeEach(() => {
  fake = freshWindow();
  fake.succeed('preferences.get', view);
});

describe('the Preferences screen', () => {
  it('names the account and sends only what changed, from labelled controls', async () => {
    fake.answer('preferences.edit', (request) => ({
      ok: true,
      value: { ...view, waiting: {}, preferences: { ...view.preferences, ...request.changes } },
    }));
    const { user } = await show();
    expect(screen.getByLabelText('Language')).toHaveValue('en');
    expect(screen.getByLabelText('Mobile notifications')).toHaveValue('');
    await user.selectOptions(screen.getByLabelText('Language'), 'de');
    await user.selectOptions(screen.getByLabelText('Email notifications'), 'nothing');
    await user.click(screen.getByRole('switch', { name: 'Away when idle' }));
    await user.clear(screen.getByLabelText('Idle after (seconds)'));
    await user.type(screen.getByLabelText('Idle after (seconds)'), '600');
    await user.type(screen.getByLabelText('Add a highlighted word'), 'deploy{Enter}');
    await user.click(screen.getByRole('button', { name: /Remove “release”/ }));
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(fake.requests('preferences.edit')).toEqual([
      {
        accountId: 'a',
        changes: { language: 'de', emailNotificationMode: 'nothing', enableAutoAway: false, idleTimeLimit: 600, highlights: ['deploy'] },
      },
    ]);
    expect(await screen.findByRole('button', { name: 'Save preferences' })).toBeDisabled();
  });

  it('says an idle time under a minute is refused before anything is sent', async () => {
    const { user } = await show();
    await user.clear(screen.getByLabelText('Idle after (seconds)'));
    await user.type(screen.getByLabelText('Idle after (seconds)'), '30');
    expect(within(screen.getByTestId('preference-idleTimeLimit')).getByRole('alert')).toHaveTextContent(
      'The server wants at least 60 seconds (one minute).',
    );
    expect(screen.getByRole('button', { name: 'Save preferences' })).toBeDisabled();
  });

  it('marks edits still waiting in the outbox, and a conflict, in words', async () => {
    fake.succeed('preferences.get', {
      ...view,
      waiting: {
        language: { value: 'fr', state: 'pending', error: null },
        desktopNotifications: { value: 'nothing', state: 'conflict', error: null },
      },
    });
    await show();
    expect(screen.getByLabelText('Language')).toHaveValue('fr');
    expect(within(screen.getByTestId('preference-language')).getByTestId('pending-mark')).toHaveTextContent('Not sent yet');
    expect(within(screen.getByTestId('preference-desktopNotifications')).getByTestId('pending-mark')).toHaveTextContent(
      'Changed on the server too: choose in Activity',
    );
  });

  it('shows the saved copy with the reason it could not be read again, and a refusal in words', async () => {
    fake.succeed('preferences.get', { ...view, refreshError: 'Example Chat cannot be reached.' });
    fake.answer('preferences.edit', () =>
      fail('validation', 'Some preferences need attention.', { fields: { language: 'Choose a language.' } }),
    );
    const { user } = await show();
    expect(screen.getByTestId('preferences-stale')).toHaveTextContent(
      'Showing what was saved on this computer. Example Chat cannot be reached.',
    );
    await user.selectOptions(screen.getByLabelText('Language'), 'de');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(await screen.findByText('Some preferences need attention.')).toBeInTheDocument();
    expect(within(screen.getByTestId('preference-language')).getByRole('alert')).toHaveTextContent('Choose a language.');
  });
});
