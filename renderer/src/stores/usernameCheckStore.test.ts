import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../../tests/support/fakeApi';
import { createUsernameCheckStore, usernameKey } from './usernameCheckStore';

describe('username check store', () => {
  it('keeps the server’s verdict per account and username', async () => {
    const fake = createFakeApi();
    const store = createUsernameCheckStore(() => fake.api);
    fake.succeed('profile.checkUsername', ({ username }) =>
      username === 'taken' ? { available: false, problem: 'The username “taken” is taken.' } : { available: true, problem: null },
    );
    await store.getState().check('a', 'taken');
    await store.getState().check('a', 'free');
    expect(store.getState().verdicts[usernameKey('a', 'taken')]?.problem).toBe('The username “taken” is taken.');
    expect(store.getState().verdicts[usernameKey('a', 'free')]).toEqual({ available: true, problem: null });
    expect(store.getState().verdicts[usernameKey('b', 'taken')]).toBeUndefined();
  });
});
