import { beforeEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/errors';
import { createFakeApi, repliesRun, type FakeApi } from '../../../tests/support/fakeApi';
import { account, accountList } from '../../../tests/support/rendererViews';
import { createAccountsStore } from './accountsStore';
import { createSignInStore } from './signInStore';

describe('sign-in store', () => {
  let fake: FakeApi;
  let accounts: ReturnType<typeof createAccountsStore>;
  let signIn: ReturnType<typeof createSignInStore>;

  beforeEach(() => {
    fake = createFakeApi();
    accounts = createAccountsStore(() => fake.api);
    accounts.getState().follow();
    signIn = createSignInStore(() => fake.api, accounts);
    fake.succeed('accounts.list', accountList(1, ['new']));
  });

  it('a sign-in settles with the new account already in the list, read once', async () => {
    fake.answer('accounts.signIn', async () => {
      fake.emit('accounts.changed', { revision: 1 });
      return ok(account('new', { active: true }));
    });
    const request = { serverId: 's1', user: 'demo', password: 'pw', sessionOnly: false };
    const result = await signIn.getState().signIn(request);
    expect(result.ok).toBe(true);
    expect(fake.requests('accounts.signIn')).toEqual([request]);
    expect(accounts.getState().accounts.map((a) => a.id)).toEqual(['new']);
    await repliesRun();
    expect(fake.requests('accounts.list')).toHaveLength(1);
  });

  it('a sign-in that needs a second factor answers with the challenge and reads nothing', async () => {
    const challenge = fail('two-factor-required', 'Enter the code.', {
      twoFactor: { challengeId: 'c1', method: 'totp', availableMethods: ['totp'] },
    });
    fake.answer('accounts.signIn', async () => challenge);
    expect(await signIn.getState().signIn({ serverId: 's1', user: 'demo', password: 'pw' })).toEqual(challenge);
    expect(fake.requests('accounts.list')).toHaveLength(0);
  });

  it('the second factor is sent once; on success the list is read once', async () => {
    fake.succeed('accounts.answerTwoFactor', account('new', { active: true }));
    const result = await signIn.getState().answerTwoFactor('c1', '123456');
    expect(result.ok).toBe(true);
    expect(fake.requests('accounts.answerTwoFactor')).toEqual([{ challengeId: 'c1', code: '123456' }]);
    fake.emit('accounts.changed', { revision: 1 });
    await repliesRun();
    expect(fake.requests('accounts.list')).toHaveLength(1);
  });

  it('sends an emailed code again and cancels a challenge', async () => {
    fake.succeed('accounts.sendEmailCode', { sent: true });
    fake.succeed('accounts.cancelSignIn', {});
    expect(await signIn.getState().sendEmailCode('c1')).toEqual({ ok: true, value: { sent: true } });
    expect(await signIn.getState().cancelSignIn('c1')).toEqual({ ok: true, value: {} });
    expect(fake.calls.map((call) => [call.channel, call.request])).toEqual([
      ['accounts.sendEmailCode', { challengeId: 'c1' }],
      ['accounts.cancelSignIn', { challengeId: 'c1' }],
    ]);
  });

  it('keeps each server’s sign-in options once read', async () => {
    const options = { serverId: 's1', passwordForm: false, passwordKind: 'ldap' as const, services: [] };
    fake.succeed('servers.signInOptions', options);
    expect((await signIn.getState().loadOptions('s1')).ok).toBe(true);
    expect(signIn.getState().options).toEqual({ s1: options });
  });

  it('a single sign-on that finishes reads the account list once; a cancelled one reads nothing', async () => {
    fake.succeed('accounts.awaitSso', account('new', { active: true }));
    expect((await signIn.getState().awaitSso('f1')).ok).toBe(true);
    expect(fake.requests('accounts.awaitSso')).toEqual([{ flowId: 'f1' }]);
    expect(fake.requests('accounts.list')).toHaveLength(1);
    fake.answer('accounts.awaitSso', async () => fail('validation', 'Sign-in cancelled.'));
    expect(await signIn.getState().awaitSso('f2')).toMatchObject({ ok: false });
    expect(fake.requests('accounts.list')).toHaveLength(1);
  });

  it('an access-token sign-in reads the account list once it succeeds', async () => {
    fake.succeed('accounts.signInWithToken', account('new', { active: true, signedInWith: 'access-token' }));
    const request = { serverId: 's1', userId: 'u1', token: 't' };
    expect((await signIn.getState().signInWithToken(request)).ok).toBe(true);
    expect(fake.requests('accounts.signInWithToken')).toEqual([request]);
    expect(fake.requests('accounts.list')).toHaveLength(1);
  });
});
