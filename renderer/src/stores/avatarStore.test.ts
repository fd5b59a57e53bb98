import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelResult } from '../../../shared/contract';
import { ok } from '../../../shared/errors';
import { createFakeApi, deferred, repliesRun, type FakeApi } from '../../../tests/support/fakeApi';
import { avatarKey, createAvatarStore } from './avatarStore';

describe('avatar store', () => {
  let fake: FakeApi;
  let store: ReturnType<typeof createAvatarStore>;
  let image = 'data:image/png;base64,AAA';

  beforeEach(() => {
    fake = createFakeApi();
    store = createAvatarStore(() => fake.api);
    store.getState().follow();
    fake.succeed('avatars.get', ({ username }) => ({ username, dataUrl: image, fetchedAt: null }));
  });

  it('reads a watched avatar with its etag, and again when the core says that person’s avatar changed', async () => {
    const stop = store.getState().watch('a', 'demo', 'etag-1');
    await repliesRun();
    expect(fake.requests('avatars.get')).toEqual([{ accountId: 'a', username: 'demo', etag: 'etag-1' }]);
    expect(store.getState().images[avatarKey('a', 'demo')]).toBe(image);

    image = 'data:image/png;base64,BBB';
    fake.emit('avatar.changed', { serverId: 's1', username: 'someone-else' });
    fake.emit('avatar.changed', { serverId: 's1', username: 'demo' });
    await repliesRun();
    expect(fake.requests('avatars.get')).toHaveLength(2);
    expect(store.getState().images[avatarKey('a', 'demo')]).toBe('data:image/png;base64,BBB');

    stop();
    fake.emit('avatar.changed', { serverId: 's1', username: 'demo' });
    await repliesRun();
    expect(fake.requests('avatars.get')).toHaveLength(2);
  });

  it('keeps watching while any watcher is left, and asks without an etag when none is known', async () => {
    const first = store.getState().watch('a', 'demo');
    const second = store.getState().watch('a', 'demo');
    first();
    fake.emit('avatar.changed', { serverId: 's1', username: 'demo' });
    await repliesRun();
    expect(fake.requests('avatars.get')).toEqual([
      { accountId: 'a', username: 'demo' },
      { accountId: 'a', username: 'demo' },
      { accountId: 'a', username: 'demo' },
    ]);
    second();
  });

  it('does not let a slow, older answer replace a newer one', async () => {
    const slow = deferred<ChannelResult<'avatars.get'>>();
    let calls = 0;
    fake.answer('avatars.get', async ({ username }) =>
      ++calls === 1 ? slow.promise : ok({ username, dataUrl: 'data:image/png;base64,NEW', fetchedAt: null }),
    );
    store.getState().watch('a', 'demo', 'old');
    store.getState().watch('a', 'demo', 'new');
    await repliesRun();
    slow.resolve(ok({ username: 'demo', dataUrl: 'data:image/png;base64,OLD', fetchedAt: null }));
    await repliesRun();
    expect(store.getState().images[avatarKey('a', 'demo')]).toBe('data:image/png;base64,NEW');
  });

  it('uploads and resets through the contract', async () => {
    fake.succeed('profile.setAvatar', {});
    fake.succeed('profile.resetAvatar', {});
    expect((await store.getState().upload('a', 'image/png', 'AAAA')).ok).toBe(true);
    expect((await store.getState().reset('a')).ok).toBe(true);
    expect(fake.calls.map((call) => [call.channel, call.request])).toEqual([
      ['profile.setAvatar', { accountId: 'a', contentType: 'image/png', base64: 'AAAA' }],
      ['profile.resetAvatar', { accountId: 'a' }],
    ]);
  });
});
