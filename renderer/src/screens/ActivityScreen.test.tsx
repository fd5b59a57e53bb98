import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';
import { outboxView } from '../../../tests/support/rendererViews';

let fake: FakeApi;

const refused = {
  ...outboxView('a', 1, [
    { field: 'customFields.department', value: 'Legal', state: 'failed', error: 'Value for field department is invalid.' },
    { field: 'name', value: 'Dee', state: 'failed', error: 'This workspace does not allow changing your name.' },
    { field: 'bio', value: 'Waiting', state: 'pending' },
  ]),
  history: [
    {
      id: 7,
      at: '2026-01-02T03:04:05.000Z',
      changes: { 'customFields.pronouns': 'he/him' },
      outcome: 'not-kept' as const,
      detail: 'Not kept: the workspace has no field “pronouns”.',
    },
  ],
};

async function show() {
  const { ActivityScreen } = await import('./ActivityScreen');
  render(<ActivityScreen accountId="a" serverName="Demo server" />);
  await screen.findByTestId('conflicts');
  return { user: userEvent.setup() };
}

beforeEach(() => {
  fake = freshWindow();
  fake.succeed('outbox.get', refused);
  fake.succeed('outbox.discard', outboxView('a', 2));
});

describe('the Activity screen', () => {
  it('puts refused edits under "Needs your decision" with the server’s words, never among those waiting to be sent', async () => {
    const { user } = await show();
    const decisions = screen.getByTestId('conflicts');
    const [department, name] = within(decisions).getAllByRole('listitem');
    expect(department).toHaveTextContent('“Legal” was refused by Demo server: change it in your profile, or discard it.');
    expect(department).toHaveTextContent('Value for field department is invalid.');
    // Sending the same value again cannot succeed: no Retry for it.
    expect(within(department!).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(name).toHaveTextContent('This workspace does not allow changing your name.');
    expect(within(name!).getByRole('button', { name: 'Retry' })).toBeVisible();
    expect(within(screen.getByTestId('outbox')).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByTestId('outbox')).toHaveTextContent('Bio');
    await user.click(within(department!).getByRole('button', { name: /Discard the edit of/ }));
    expect(fake.requests('outbox.discard')).toEqual([{ accountId: 'a', itemId: 1 }]);
  });

  it('says in the history that a field was not kept, and why', async () => {
    await show();
    const entry = within(screen.getByTestId('history')).getByRole('listitem');
    expect(entry).toHaveTextContent('Not kept by the server');
    expect(entry).toHaveTextContent('Not kept: the workspace has no field “pronouns”.');
  });
});
