import { act, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';
import { accountList } from '../../../tests/support/rendererViews';
import { commandOfKey } from './shortcuts';

let fake: FakeApi;
beforeEach(() => {
  fake = freshWindow();
});

describe('keyboard shortcuts without a desktop menu', () => {
  it('reads Ctrl/⌘+digit as an account and Ctrl/⌘+Shift+digit as a screen, by the physical key', () => {
    const key = (code: string, extra: Partial<KeyboardEvent> = {}) =>
      commandOfKey({ key: '', code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra });
    expect(key('Digit3', { ctrlKey: true })).toBe('account-3');
    expect(key('Digit9', { metaKey: true })).toBe('account-9');
    expect(key('Digit1', { ctrlKey: true, shiftKey: true })).toBe('home');
    expect(key('Digit3', { ctrlKey: true, shiftKey: true })).toBe('activity');
    expect(key('Digit9', { ctrlKey: true, shiftKey: true })).toBeNull();
    expect(key('Digit3')).toBeNull();
    expect(key('Digit3', { ctrlKey: true, altKey: true })).toBeNull();
    expect(key('Digit0', { ctrlKey: true })).toBeNull();
  });

  it('Ctrl+2 makes the second account the active one; Ctrl+5 with two accounts does nothing', async () => {
    const list = accountList(1, ['a', 'b'], 'a');
    fake.succeed('accounts.list', list);
    fake.succeed('accounts.switch', ({ accountId }) => accountList(2, ['a', 'b'], accountId));
    const { useAccounts } = await import('../stores/accountsStore');
    await act(() => useAccounts.getState().load());
    const { followShortcuts } = await import('./shortcuts');
    const stop = followShortcuts(window);
    const user = userEvent.setup();
    await user.keyboard('{Control>}5{/Control}');
    expect(fake.requests('accounts.switch')).toEqual([]);
    await user.keyboard('{Control>}2{/Control}');
    expect(fake.requests('accounts.switch')).toEqual([{ accountId: 'b' }]);
    await waitFor(() => expect(useAccounts.getState().activeAccountId).toBe('b'));
    stop();
  });
});
