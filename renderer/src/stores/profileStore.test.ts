import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelResult } from '../../../shared/contract';
import { fail, ok } from '../../../shared/errors';
import { createFakeApi, deferred, repliesRun, type FakeApi } from '../../../tests/support/fakeApi';
import { profileView } from '../../../tests/support/rendererViews';
import { createProfileStore } from './profileStore';

describe('profile store', () => {
  let fake: FakeApi;
  let store: ReturnType<typeof createProfileStore>;

  beforeEach(() => {
    fake = createFakeApi();
    store = createProfileStore(() => fake.api);
    store.getState().follow();
  });

  const gets = () => fake.requests('profile.get').length;

  it('loads the cached profile, and reads it again once for each newer profile.changed', async () => {
    let revision = 1;
    fake.succeed('profile.get', ({ accountId }) => profileView(accountId, revision, `name ${revision}`));
    await store.getState().load('a');
    expect(store.getState().views.a?.profile?.name).toBe('name 1');
    fake.emit('profile.changed', { accountId: 'a', revision: 1 });
    await repliesRun();
    expect(gets()).toBe(1);
    revision = 2;
    fake.emit('profile.changed', { accountId: 'a', revision: 2 });
    await repliesRun();
    expect(gets()).toBe(2);
    expect(store.getState().views.a?.profile?.name).toBe('name 2');
  });

  it('a refresh shows the fresh copy; the profile.changed it caused reads nothing, before or after the reply', async () => {
    const reply = deferred<ChannelResult<'profile.refresh'>>();
    fake.answer('profile.refresh', () => reply.promise);
    fake.succeed('profile.get', profileView('a', 4));
    const refresh = store.getState().refresh('a');
    expect(store.getState().refreshing.a).toBe(true);
    fake.emit('profile.changed', { accountId: 'a', revision: 4 });
    reply.resolve(ok(profileView('a', 4, 'fresh')));
    await refresh;
    fake.emit('profile.changed', { accountId: 'a', revision: 4 });
    await repliesRun();
    expect(gets()).toBe(0);
    expect(store.getState()).toMatchObject({ refreshing: { a: false }, error: null, views: { a: { profile: { name: 'fresh' } } } });
  });

  it('keeps the shown profile and says why when a refresh fails', async () => {
    fake.succeed('profile.get', profileView('a', 1, 'cached'));
    await store.getState().load('a');
    fake.answer('profile.refresh', async () => fail('network-unreachable', 'The server cannot be reached.'));
    await store.getState().refresh('a');
    expect(store.getState()).toMatchObject({
      refreshing: { a: false },
      error: { message: 'The server cannot be reached.' },
      views: { a: { profile: { name: 'cached' } } },
    });
  });
});
