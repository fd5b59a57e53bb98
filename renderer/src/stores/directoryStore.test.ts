import { beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryStatus } from '../../../shared/directorySchemas';
import { createFakeApi, type FakeApi } from '../../../tests/support/fakeApi';
import { createDirectoryStore } from './directoryStore';

const status = (serverId: string, state: DirectoryStatus['state'], loaded = 0): DirectoryStatus => ({
  serverId,
  state,
  loaded,
  total: 100,
  cached: loaded,
  syncedAt: null,
  error: null,
});

describe('directory store', () => {
  let fake: FakeApi;
  let store: ReturnType<typeof createDirectoryStore>;

  beforeEach(() => {
    fake = createFakeApi();
    store = createDirectoryStore(() => fake.api);
    store.getState().follow();
  });

  it('starts a sync, learns the account’s server, and follows the progress of that server', async () => {
    fake.succeed('directory.sync', status('s1', 'syncing'));
    await store.getState().sync('a');
    expect(fake.requests('directory.sync')).toEqual([{ accountId: 'a' }]);
    expect(store.getState().servers).toEqual({ a: 's1' });
    expect(store.getState().statuses.s1?.state).toBe('syncing');

    fake.emit('directory.changed', status('s1', 'syncing', 50));
    fake.emit('directory.changed', status('s1', 'done', 100));
    fake.emit('directory.changed', status('s2', 'paused', 3));
    expect(store.getState().statuses.s1).toMatchObject({ state: 'done', loaded: 100 });
    expect(store.getState().progress).toEqual({ s1: 2, s2: 1 });
  });

  it('"sync now" forces a new sync; a search asks for at most 50 people', async () => {
    fake.succeed('directory.sync', status('s1', 'syncing'));
    fake.succeed('directory.search', { people: [], more: false });
    await store.getState().sync('a', true);
    expect(await store.getState().search('a', 'an')).toEqual({ ok: true, value: { people: [], more: false } });
    expect(fake.calls.map((call) => call.request)).toEqual([
      { accountId: 'a', force: true },
      { accountId: 'a', query: 'an', limit: 50 },
    ]);
  });
});
