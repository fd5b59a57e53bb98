import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';
import { pretendPopovers } from '../../../tests/support/dom/popover';
import { account, accountList, outboxView } from '../../../tests/support/rendererViews';

let fake: FakeApi;
beforeEach(() => {
  fake = freshWindow();
  pretendPopovers();
});
afterEach(() => vi.restoreAllMocks());

const three = () => [
  account('a', { displayName: 'Ada Adeyemi', active: true }),
  account('b', { displayName: 'Bola Adeyemi' }),
  account('c', { displayName: 'Carlos Adeyemi', state: 'signed-out' }),
];
const attention = {
  a: { edits: 0, unreachable: false, total: 0 },
  b: { edits: 1, unreachable: false, total: 1 },
  c: { edits: 1, unreachable: false, total: 2 },
};

async function picker(onChoose = vi.fn()) {
  const { AccountPicker } = await import('./AccountPicker');
  render(<AccountPicker accounts={three()} attention={attention} menuOf={() => []} onChoose={onChoose} />);
  return { button: screen.getByRole('button', { name: /^Switch account/ }), onChoose };
}

const focusedName = () => document.activeElement?.textContent ?? '';

describe('the collapsed account switcher', () => {
  it('names the active account and the total that needs the person; each account in its list has its own count', async () => {
    const { button } = await picker();
    expect(button).toHaveAccessibleName(/^Switch account \(3 accounts\), now .*Ada Adeyemi.*; on all accounts, 3 things need you/);
    expect(screen.getByTestId('accounts-attention-total')).toHaveTextContent('3');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryAllByRole('option')).toEqual([]);

    await userEvent.setup().click(button);
    const list = screen.getByRole('listbox', { name: 'Accounts' });
    const options = within(list).getAllByRole('option');
    expect(options.map((option) => option.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(options[1]).toHaveAccessibleName(/Bola Adeyemi.*; one thing needs you/);
    expect(options[2]).toHaveAccessibleName(/Carlos Adeyemi.*Signed out\s?; 2 things need you/);
    expect(
      within(list)
        .getAllByTestId('account-attention')
        .map((badge) => badge.textContent),
    ).toEqual(['1', '2']);
  });

  it('↓ opens it on the active account; ↑ ↓ Home End and a letter move; Escape closes it back on the button', async () => {
    const user = userEvent.setup();
    const { button, onChoose } = await picker();
    button.focus();
    await user.keyboard('{ArrowDown}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(focusedName()).toMatch(/^A.*Ada Adeyemi/);
    await user.keyboard('{ArrowDown}');
    expect(focusedName()).toContain('Bola Adeyemi');
    await user.keyboard('{End}');
    expect(focusedName()).toContain('Carlos Adeyemi');
    await user.keyboard('{ArrowDown}');
    expect(focusedName()).toContain('Carlos Adeyemi');
    await user.keyboard('{Home}');
    expect(focusedName()).toContain('Ada Adeyemi');
    await user.keyboard('{ArrowUp}');
    expect(focusedName()).toContain('Ada Adeyemi');
    await user.keyboard('b');
    expect(focusedName()).toContain('Bola Adeyemi');
    await user.keyboard('{Escape}');
    expect(screen.queryAllByRole('option')).toEqual([]);
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
    expect(onChoose).not.toHaveBeenCalled();
  });

  it('Enter chooses the account under focus and closes the list; Tab closes it without choosing', async () => {
    const user = userEvent.setup();
    const { button, onChoose } = await picker();
    button.focus();
    await user.keyboard('{Enter}');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onChoose).toHaveBeenCalledTimes(1);
    expect(onChoose.mock.calls[0]?.[0]).toMatchObject({ id: 'b' });
    expect(screen.queryAllByRole('option')).toEqual([]);

    await user.keyboard('{ArrowUp}');
    expect(focusedName()).toContain('Ada Adeyemi');
    await user.keyboard('{Tab}');
    expect(screen.queryAllByRole('option')).toEqual([]);
    expect(onChoose).toHaveBeenCalledTimes(1);
  });
});

describe('the account list collapses when it does not fit', () => {
  it('shows the picker instead of the rows when the whole list would scroll, and switching from it asks the core', async () => {
    // happy-dom lays nothing out: the list is made taller than the room it is given.
    vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockReturnValue(900);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(300);
    fake.succeed('accounts.list', accountList(1, ['a', 'b', 'c'], 'a'));
    fake.succeed('accounts.switch', ({ accountId }) => accountList(2, ['a', 'b', 'c'], accountId));
    fake.succeed('outbox.get', ({ accountId }) => outboxView(accountId, 1, accountId === 'b' ? [{ state: 'conflict' }] : []));
    const { useAccounts } = await import('../stores/accountsStore');
    await act(() => useAccounts.getState().load());
    const { Navigation } = await import('./Navigation');
    render(<Navigation />);

    const button = await screen.findByRole('button', { name: /^Switch account \(3 accounts\)/ });
    expect(screen.queryAllByTestId('account-item')).toEqual([]);
    await waitFor(() => expect(screen.getByTestId('accounts-attention-total')).toHaveTextContent('1'));
    const user = userEvent.setup();
    button.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(fake.requests('accounts.switch')).toEqual([{ accountId: 'b' }]);
    await waitFor(() => expect(screen.getByRole('button', { name: /^Switch account/ })).toHaveAccessibleName(/now .*\bb\b/));
  });

  it('shows every account as a row while they fit', async () => {
    fake.succeed('accounts.list', accountList(1, ['a', 'b', 'c'], 'a'));
    const { useAccounts } = await import('../stores/accountsStore');
    await act(() => useAccounts.getState().load());
    const { Navigation } = await import('./Navigation');
    render(<Navigation />);
    await waitFor(() => expect(screen.getAllByTestId('account-item')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: /^Switch account/ })).toBeNull();
  });
});
