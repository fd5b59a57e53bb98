import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fail } from '../../../shared/errors';
import type { OutboxItem } from '../../../shared/outboxSchemas';
import type { UserProfile, WorkspaceOffers } from '../../../shared/profileSchemas';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';
import { outboxView } from '../../../tests/support/rendererViews';

const profile: UserProfile = {
  _id: 'u1',
  username: 'demouser',
  name: 'Demo User',
  nickname: 'demo',
  bio: '',
  statusDefault: 'away',
  statusText: 'Lunch',
  customFields: { team: 'Platform' },
};
const everything: WorkspaceOffers = { locked: {}, statuses: ['online', 'away', 'busy', 'offline'], lookupUnavailable: {} };

/** A workspace defining a list and a required text field with a maximum (Accounts_CustomFields). */
const defined: WorkspaceOffers = {
  ...everything,
  customFields: [
    { key: 'twitter', type: 'text', required: true, maxLength: 10 },
    { key: 'department', type: 'select', required: false, options: ['Engineering', 'Sales'] },
  ],
};

let fake: FakeApi;

async function edit({ workspace = everything, pending = {} }: { workspace?: WorkspaceOffers; pending?: Record<string, OutboxItem> } = {}) {
  const { ProfileEditor } = await import('./ProfileEditor');
  const { useUi } = await import('../stores/uiStore');
  const onDone = vi.fn<(fields: string[] | null) => void>();
  render(<ProfileEditor accountId="a" profile={profile} pending={pending} workspace={workspace} onDone={onDone} />);
  return { onDone, useUi, user: userEvent.setup() };
}

beforeEach(() => {
  fake = freshWindow();
  fake.succeed('profile.edit', (request) => outboxView(request.accountId, 2));
  fake.succeed('profile.checkUsername', { available: true, problem: null });
});

describe('the profile editor', () => {
  it('starts from the saved profile with queued edits on top, its heading focused', async () => {
    const pending = { nickname: outboxView('a', 1, [{ field: 'nickname', value: 'queued nick' }]).items[0]! };
    await edit({ pending });
    expect(screen.getByRole('heading', { level: 2, name: 'Edit profile' })).toHaveFocus();
    expect(screen.getByLabelText('Name')).toHaveValue('Demo User');
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription('Letters, digits, dots, dashes and underscores.');
    expect(screen.getByLabelText('Nickname')).toHaveValue('queued nick');
    expect(screen.getByLabelText('Status')).toHaveValue('away');
    expect(screen.getByLabelText('Status text')).toHaveValue('Lunch');
    expect(screen.getByLabelText('team')).toHaveValue('Platform');
  });

  it('sends only the fields that changed through the outbox, and says which were saved', async () => {
    const { user, onDone, useUi } = await edit();
    await user.clear(screen.getByLabelText('Nickname'));
    await user.type(screen.getByLabelText('Nickname'), 'Dee');
    await user.selectOptions(screen.getByLabelText('Status'), 'busy');
    expect(useUi.getState().unsaved).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(['nickname', 'statusType']));
    expect(fake.requests('profile.edit')).toEqual([{ accountId: 'a', changes: { nickname: 'Dee', statusType: 'busy' } }]);
    expect(useUi.getState().unsaved).toBe(false);
  });

  it('checks each field as you type with the server’s rules, and saves nothing while one is wrong', async () => {
    const { user, onDone } = await edit();
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Name cannot be empty.');
    await user.type(name, 'A/B');
    expect(name).toHaveAccessibleDescription('Name may not contain <, >, \\ or /.');
    const nickname = screen.getByLabelText('Nickname');
    await user.click(nickname);
    await user.paste('n'.repeat(121 - 'demo'.length));
    expect(nickname).toHaveAccessibleDescription('Nickname may be at most 120 characters (this one has 121).');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(name).toHaveFocus();
    expect(fake.requests('profile.edit')).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('says "Too long" on a bio over the contract’s 2,000 characters and sends nothing', async () => {
    const { user } = await edit();
    const bio = screen.getByLabelText('Bio');
    await user.click(bio);
    await user.paste('b'.repeat(2001));
    // The count stays: it says by how much.
    expect(bio).toHaveAccessibleDescription('2,001 / 260 characters Too long: at most 2,000 characters.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(bio).toHaveFocus();
    expect(fake.requests('profile.edit')).toEqual([]);
  });

  it('counts the bio against its own limit as you type', async () => {
    const { user } = await edit();
    const bio = screen.getByLabelText('Bio');
    expect(bio).toHaveAccessibleDescription('0 / 260 characters');
    await user.type(bio, 'Hi');
    expect(bio).toHaveAccessibleDescription('2 / 260 characters');
  });

  it('asks once typing pauses whether a new username is free, and says on the field when it is not', async () => {
    fake.succeed('profile.checkUsername', { available: false, problem: 'That username is taken.' });
    const { user } = await edit();
    const username = screen.getByLabelText('Username');
    await user.type(username, '2');
    await waitFor(() => expect(username).toHaveAccessibleDescription('That username is taken.'));
    expect(fake.requests('profile.checkUsername')).toEqual([{ accountId: 'a', username: 'demouser2' }]);
  });

  it('says on the field a username the rules refuse, focuses it at Save and saves nothing', async () => {
    const { user } = await edit();
    const username = screen.getByLabelText('Username');
    await user.type(username, ' x');
    expect(username).toHaveAccessibleDescription('Username may contain letters, digits, dots, dashes and underscores.');
    await user.type(screen.getByLabelText('Nickname'), '!');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(username).toHaveFocus();
    expect(fake.requests('profile.edit')).toEqual([]);
  });

  it('does not ask the server about a username the rules already refuse, however long typing pauses', async () => {
    const { ProfileEditor } = await import('./ProfileEditor');
    const user = userEvent.setup();
    const [refused, allowed] = [1, 2].map(
      () => render(<ProfileEditor accountId="a" profile={profile} pending={{}} workspace={everything} onDone={() => {}} />).container,
    );
    await user.type(within(refused!).getByLabelText('Username'), ' x');
    // Each editor asks 400 ms after its last keystroke. The second's keystroke came later, so once
    // it has asked, the first has paused at least as long: a question from it would be here first.
    await user.type(within(allowed!).getByLabelText('Username'), '2');
    await waitFor(() => expect(fake.requests('profile.checkUsername')).not.toEqual([]));
    expect(fake.requests('profile.checkUsername')).toEqual([{ accountId: 'a', username: 'demouser2' }]);
  });

  it('puts the server’s refusal on its field and focuses it', async () => {
    fake.answer('profile.edit', () =>
      fail('validation', 'Invalid.', { fields: { 'changes.nickname': 'That nickname is not allowed here.' } }),
    );
    const { user, onDone } = await edit();
    const nickname = screen.getByLabelText('Nickname');
    await user.type(nickname, '2{Enter}');
    await waitFor(() => expect(nickname).toHaveAccessibleDescription('That nickname is not allowed here.'));
    expect(screen.getByText('Some fields need attention.')).toBeInTheDocument();
    await waitFor(() => expect(nickname).toHaveFocus());
    expect(onDone).not.toHaveBeenCalled();
    // The server's words go as soon as the field changes.
    await user.type(nickname, '3');
    expect(nickname).not.toHaveAttribute('aria-invalid');
  });

  it('shows a field the workspace locks as read-only, saying why', async () => {
    await edit({ workspace: { ...everything, locked: { username: 'This workspace does not let you change your username.' } } });
    const username = screen.getByLabelText('Username');
    expect(username).toHaveAttribute('readonly');
    expect(username).toHaveAccessibleDescription('This workspace does not let you change your username.');
  });

  it('offers only the statuses the workspace allows, and the one chosen', async () => {
    await edit({ workspace: { ...everything, statuses: ['online', 'busy'] } });
    const options = within(screen.getByLabelText('Status')).getAllByRole('option');
    expect(options.map((option) => option.getAttribute('value'))).toEqual(['online', 'away', 'busy']);
  });

  it('edits each field the workspace defines with its control: a list of its values, text with its maximum, required marked', async () => {
    const { user, onDone } = await edit({ workspace: defined });
    const department = screen.getByRole('combobox', { name: 'department' });
    expect(
      within(department)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Choose…', 'Engineering', 'Sales']);
    const twitter = screen.getByLabelText('twitter (required)');
    expect(twitter).toBeRequired();
    expect(twitter).toHaveAccessibleDescription('At most 10 characters.');
    await user.type(twitter, '@much-too-long');
    expect(twitter).toHaveAccessibleDescription(/at most 10 characters/i);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.requests('profile.edit')).toEqual([]);
    await user.clear(twitter);
    await user.type(twitter, '@dee');
    await user.selectOptions(department, 'Sales');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(['customFields.twitter', 'customFields.department']));
    expect(fake.requests('profile.edit')).toEqual([
      { accountId: 'a', changes: { customFields: { twitter: '@dee', department: 'Sales' } } },
    ]);
  });

  it('offers no free field: one the workspace does not define shows read-only, saying it keeps no change', async () => {
    await edit({ workspace: defined });
    expect(screen.queryByRole('button', { name: 'Add field' })).toBeNull();
    expect(screen.queryByLabelText('Field name')).toBeNull();
    const team = screen.getByLabelText('team');
    expect(team).toHaveAttribute('readonly');
    expect(team).toHaveAccessibleDescription('This workspace no longer defines this field: it keeps no change to it.');
  });

  it('offers no custom field where the workspace locks them', async () => {
    await edit({ workspace: { ...everything, locked: { customFields: 'Custom fields are set by your workspace.' } } });
    expect(screen.getByLabelText('team')).toHaveAttribute('readonly');
  });

  it('cancels without sending, and leaves nothing unsaved', async () => {
    const { user, onDone, useUi } = await edit();
    await user.type(screen.getByLabelText('Nickname'), 'x');
    expect(useUi.getState().unsaved).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDone).toHaveBeenCalledWith(null);
    expect(useUi.getState().unsaved).toBe(false);
    expect(fake.requests('profile.edit')).toEqual([]);
  });

  it('closes on Save with nothing changed, sending nothing', async () => {
    const { user, onDone } = await edit();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onDone).toHaveBeenCalledWith(null);
    expect(fake.requests('profile.edit')).toEqual([]);
  });
});
