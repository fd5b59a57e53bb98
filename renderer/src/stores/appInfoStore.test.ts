import { describe, expect, it } from 'vitest';
import { fail } from '../../../shared/errors';
import { createFakeApi, repliesRun } from '../../../tests/support/fakeApi';
import { createAppInfoStore } from './appInfoStore';

describe('app info store', () => {
  it('is loading while it asks, then holds the answer or the reason', async () => {
    const fake = createFakeApi();
    const store = createAppInfoStore(() => fake.api);
    fake.answer('app.info', async () => fail('internal', 'Something went wrong inside the app. Please try again.'));
    const loading = store.getState().load();
    expect(store.getState().loading).toBe(true);
    await loading;
    expect(store.getState()).toMatchObject({ loading: false, info: null, error: { code: 'internal' } });
    await repliesRun();
    expect(fake.requests('app.info')).toHaveLength(1);
  });

  it('asks for the rocketchat:// links and holds the answer, which says who opens them now', async () => {
    const fake = createFakeApi();
    const store = createAppInfoStore(() => fake.api);
    const appLinks = { handledHere: true, canClaim: false, message: 'rocketchat:// sign-in links open in this app.' };
    fake.succeed('app.claimLinks', {
      version: '1.0.0',
      dataDir: '/data',
      database: { path: '/data/account-manager.sqlite', schemaVersion: 9, storage: { state: 'encrypted', message: 'Encrypted.' } },
      keychain: { state: 'available' },
      shell: 'electron',
      appLinks,
    });
    await store.getState().claimLinks();
    expect(fake.requests('app.claimLinks')).toEqual([{}]);
    expect(store.getState()).toMatchObject({ loading: false, error: null, info: { appLinks } });
  });
});
