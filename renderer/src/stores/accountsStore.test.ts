import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelResult } from '../../../shared/contract';
import { fail, ok } from '../../../shared/errors';
import { createFakeApi, deferred, repliesRun, type FakeApi } from '../../../tests/support/fakeApi';
import { account, accountList } from '../../../tests/support/rendererViews';
import { activeAccount, createAccountsStore } from './accountsStore';

describe('accounts store', () => {
  let fake: FakeApi;
  let store: ReturnType<typeof createAccountsStore>;

  beforeEach(() => {
    fake = createFakeApi();
    store = createAccountsStore(() => fake.api);
    store.getState().follow();
  });

  const lists = () => fake.requests('accounts.list').length;

  it('loads the list and knows the active account', async () => {
    fake.succeed('accounts.list', accountList(1, ['a', 'b'], 'b'));
    await store.getState().load();
    expect(store.getState().loaded).toBe(true);
    expect(activeAccount(store.getState())?.id).toBe('b');
  });

  it('says why when the list cannot be read, and still counts as loaded', async () => {
    fake.answer('accounts.list', async () => fail('internal', 'Something went wrong inside the app. Please try again.'));
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, error: { code: 'internal' } });
  });

  for (const action of ['switchTo', 'signOut', 'remove'] as const) {
    const channel = ({ switchTo: 'accounts.switch', signOut: 'accounts.signOut', remove: 'accounts.remove' } as const)[action];
    it(`${action} shows the list it answers with, busy meanwhile; its accounts.changed reads nothing`, async () => {
      const reply = deferred<ChannelResult<typeof channel>>();
      fake.answer(channel, () => reply.promise);
      fake.succeed('accounts.list', accountList(2, ['a']));
      const running = store.getState()[action]('a');
      expect(store.getState().busy).toEqual({ a: true });
      fake.emit('accounts.changed', { revision: 2 });
      reply.resolve(ok(accountList(2, ['a'], 'a')));
      await running;
      fake.emit('accounts.changed', { revision: 2 });
      await repliesRun();
      expect(fake.requests(channel)).toEqual([{ accountId: 'a' }]);
      expect(lists()).toBe(0);
      expect(store.getState()).toMatchObject({ busy: {}, activeAccountId: 'a', error: null });
    });
  }

  it('reads the list once for an accounts.changed it did not cause (a session ended on the server)', async () => {
    fake.succeed('accounts.list', accountList(1, ['a']));
    await store.getState().load();
    fake.succeed('accounts.list', { ...accountList(2, ['a']), accounts: [account('a', { state: 'signed-out', active: true })] });
    fake.emit('accounts.changed', { revision: 2 });
    await repliesRun();
    expect(lists()).toBe(2);
    expect(store.getState().accounts[0]?.state).toBe('signed-out');
  });

  it('changeBy reads the list once after a change that does not answer with it, whenever its event comes', async () => {
    fake.succeed('accounts.list', accountList(1, ['a']));
    const result = await store.getState().changeBy(async () => {
      fake.emit('accounts.changed', { revision: 1 });
      return ok('done');
    });
    expect(result).toEqual({ ok: true, value: 'done' });
    fake.emit('accounts.changed', { revision: 1 });
    await repliesRun();
    expect(lists()).toBe(1);
    expect(store.getState().accounts.map((a) => a.id)).toEqual(['a']);
  });

  it('changeBy reads nothing when the change failed', async () => {
    const result = await store.getState().changeBy(async () => fail('unauthorized', 'Wrong password.'));
    expect(result.ok).toBe(false);
    expect(lists()).toBe(0);
  });

  it('keeps the words of an ended session while the account is signed out, and drops them once it is signed in again', async () => {
    fake.succeed('accounts.list', accountList(1, ['a']));
    await store.getState().load();
    fake.emit('session.ended', { accountId: 'a', message: 'Your session on chat.example.com has ended.' });
    const signedOut = { revision: 2, activeAccountId: 'a', accounts: [account('a', { active: true, state: 'signed-out' })] };
    fake.succeed('accounts.list', signedOut);
    fake.emit('accounts.changed', { revision: 2 });
    await repliesRun();
    expect(store.getState().endedSessions).toEqual({ a: 'Your session on chat.example.com has ended.' });

    fake.succeed('accounts.list', accountList(3, ['a']));
    fake.emit('accounts.changed', { revision: 3 });
    await repliesRun();
    expect(store.getState().endedSessions).toEqual({});
  });
});
