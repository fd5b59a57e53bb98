import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelResult } from '../../../shared/contract';
import { fail, ok } from '../../../shared/errors';
import { createFakeApi, deferred, repliesRun, type FakeApi } from '../../../tests/support/fakeApi';
import { outboxView } from '../../../tests/support/rendererViews';
import { createOutboxStore, pendingByField } from './outboxStore';

describe('outbox store', () => {
  let fake: FakeApi;
  let store: ReturnType<typeof createOutboxStore>;
  let stop: () => void;

  beforeEach(() => {
    fake = createFakeApi();
    store = createOutboxStore(() => fake.api);
    stop = store.getState().follow();
  });

  const gets = () => fake.requests('outbox.get').length;

  it('applies the outbox an edit answers with, and the sync.changed of the same revision reads nothing', async () => {
    fake.succeed('profile.edit', outboxView('a', 3, [{ field: 'nickname', value: 'dp' }]));
    fake.succeed('outbox.get', outboxView('a', 3));
    const answer = await store.getState().edit('a', { nickname: 'dp' });
    expect(answer.ok).toBe(true);
    expect(fake.requests('profile.edit')).toEqual([{ accountId: 'a', changes: { nickname: 'dp' } }]);
    expect(store.getState().views.a?.items.map((item) => item.value)).toEqual(['dp']);

    fake.emit('sync.changed', { accountId: 'a', revision: 3 });
    await repliesRun();
    expect(gets()).toBe(0);
  });

  it('reads the outbox exactly once for an event newer than the reply', async () => {
    fake.succeed('profile.edit', outboxView('a', 3, [{ state: 'pending' }]));
    fake.succeed('outbox.get', outboxView('a', 4, [{ state: 'sending' }]));
    await store.getState().edit('a', { nickname: 'dp' });
    fake.emit('sync.changed', { accountId: 'a', revision: 4 });
    await repliesRun();
    expect(gets()).toBe(1);
    expect(store.getState().views.a?.items[0]?.state).toBe('sending');
    fake.emit('sync.changed', { accountId: 'a', revision: 4 });
    await repliesRun();
    expect(gets()).toBe(1);
  });

  it('reads nothing when the event comes before the reply that carries it (as over the WebSocket)', async () => {
    fake.answer('profile.edit', async ({ accountId }) => {
      fake.emit('sync.changed', { accountId, revision: 5 });
      return ok(outboxView(accountId, 5, [{ value: 'first' }]));
    });
    fake.succeed('outbox.get', outboxView('a', 5));
    await store.getState().edit('a', { nickname: 'first' });
    await repliesRun();
    expect(gets()).toBe(0);
    expect(store.getState().views.a?.items[0]?.value).toBe('first');
  });

  it('reads once when a newer event comes while the reply is on the way', async () => {
    const reply = deferred<ChannelResult<'profile.edit'>>();
    fake.answer('profile.edit', () => reply.promise);
    fake.succeed('outbox.get', outboxView('a', 7));
    const edit = store.getState().edit('a', { bio: 'x' });
    fake.emit('sync.changed', { accountId: 'a', revision: 6 });
    fake.emit('sync.changed', { accountId: 'a', revision: 7 });
    await repliesRun();
    expect(gets()).toBe(0);
    reply.resolve(ok(outboxView('a', 6)));
    await edit;
    await repliesRun();
    expect(gets()).toBe(1);
    expect(store.getState().views.a?.revision).toBe(7);
  });

  it('folds the events that come during a read into at most one more read', async () => {
    const first = deferred<ChannelResult<'outbox.get'>>();
    let reads = 0;
    fake.answer('outbox.get', () => (++reads === 1 ? first.promise : Promise.resolve(ok(outboxView('a', 4)))));
    fake.emit('sync.changed', { accountId: 'a', revision: 1 });
    fake.emit('sync.changed', { accountId: 'a', revision: 2 });
    fake.emit('sync.changed', { accountId: 'a', revision: 3 });
    fake.emit('sync.changed', { accountId: 'a', revision: 4 });
    expect(gets()).toBe(1);
    first.resolve(ok(outboxView('a', 1)));
    await repliesRun();
    expect(gets()).toBe(2);
    expect(store.getState().views.a?.revision).toBe(4);
  });

  it('retry, discard and resolve send their request and apply the answer once', async () => {
    fake.succeed('outbox.retry', outboxView('a', 2, [{ state: 'pending' }]));
    fake.succeed('outbox.discard', outboxView('a', 3));
    fake.succeed('outbox.resolve', outboxView('a', 4, [{ state: 'pending', value: 'mine' }]));
    fake.succeed('profile.setStatus', outboxView('a', 5, [{ field: 'statusType', value: 'away' }]));
    await store.getState().retry('a', 1);
    expect(store.getState().views.a?.revision).toBe(2);
    await store.getState().discard('a', 1);
    expect(store.getState().views.a?.items).toEqual([]);
    await store.getState().resolve('a', 2, 'mine');
    expect(store.getState().views.a?.items[0]?.value).toBe('mine');
    await store.getState().setStatus('a', 'away', 'lunch');
    expect(pendingByField(store.getState().views.a).statusType?.value).toBe('away');
    expect(fake.calls.map((call) => [call.channel, call.request])).toEqual([
      ['outbox.retry', { accountId: 'a', itemId: 1 }],
      ['outbox.discard', { accountId: 'a', itemId: 1 }],
      ['outbox.resolve', { accountId: 'a', itemId: 2, keep: 'mine' }],
      ['profile.setStatus', { accountId: 'a', status: 'away', text: 'lunch' }],
    ]);
    for (const revision of [2, 3, 4, 5]) fake.emit('sync.changed', { accountId: 'a', revision });
    await repliesRun();
    expect(gets()).toBe(0);
  });

  it('keeps the outbox as it was when the core refuses, and answers with the reason', async () => {
    fake.succeed('outbox.get', outboxView('a', 1, [{ value: 'kept' }]));
    await store.getState().load('a');
    fake.answer('outbox.discard', async () => fail('not-found', 'That edit is no longer in the outbox.'));
    const answer = await store.getState().discard('a', 9);
    expect(answer).toEqual({ ok: false, error: { code: 'not-found', message: 'That edit is no longer in the outbox.' } });
    expect(store.getState().views.a?.items[0]?.value).toBe('kept');
  });

  it('reads the outbox of an account it holds nothing of when the core says it changed', async () => {
    fake.succeed('outbox.get', ({ accountId }) => outboxView(accountId, 1));
    fake.emit('sync.changed', { accountId: 'b', revision: 1 });
    await repliesRun();
    expect(fake.requests('outbox.get')).toEqual([{ accountId: 'b' }]);
    expect(store.getState().views.b?.revision).toBe(1);
  });

  it('stops following when asked', () => {
    expect(fake.listeners('sync.changed')).toBe(1);
    stop();
    expect(fake.listeners('sync.changed')).toBe(0);
  });
});
