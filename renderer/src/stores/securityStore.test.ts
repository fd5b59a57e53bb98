import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelResult } from '../../../shared/contract';
import { fail, ok } from '../../../shared/errors';
import type { SecurityView } from '../../../shared/securitySchemas';
import { createFakeApi, deferred, repliesRun, type FakeApi } from '../../../tests/support/fakeApi';
import { createSecurityStore } from './securityStore';

const view = (accountId: string, available = true): SecurityView => ({
  accountId,
  available,
  reason: available ? null : 'The server cannot be reached now.',
  method: 'password',
  setupMethod: 'password',
  blocked: {},
  totpEnabled: false,
  emailTwoFactorEnabled: false,
  hasPassword: true,
  emails: [{ address: 'demo@example.com', verified: true }],
  policy: [],
});

describe('security store', () => {
  let fake: FakeApi;
  let store: ReturnType<typeof createSecurityStore>;

  beforeEach(() => {
    fake = createFakeApi();
    store = createSecurityStore(() => fake.api);
  });

  it('reads the settings per account; a failure is kept in words until a read works', async () => {
    fake.answer('security.get', async () => fail('not-found', 'That account is no longer in the app.'));
    await store.getState().load('a');
    expect(store.getState().problems).toEqual({ a: 'That account is no longer in the app.' });
    fake.succeed('security.get', ({ accountId }) => view(accountId));
    await store.getState().load('a');
    expect(store.getState().problems).toEqual({});
    expect(store.getState().views.a?.emails[0]?.address).toBe('demo@example.com');
  });

  it('shows the answer to the latest read when two cross (the server came back meanwhile)', async () => {
    const offline = deferred<ChannelResult<'security.get'>>();
    let calls = 0;
    fake.answer('security.get', async ({ accountId }) => (++calls === 1 ? offline.promise : ok(view(accountId, true))));
    const first = store.getState().load('a');
    await store.getState().load('a');
    offline.resolve(ok(view('a', false)));
    await first;
    expect(store.getState().views.a?.available).toBe(true);
  });

  it('sends each change with its proof and answers with the server’s sentence', async () => {
    fake.succeed('security.sendCode', { sentTo: 'd***@example.com' });
    fake.succeed('security.changePassword', { message: 'Password changed.' });
    fake.succeed('security.changeEmail', { message: 'Email changed.' });
    fake.succeed('security.resendConfirmation', { message: 'Sent.' });
    fake.succeed('security.startTotp', { secret: 'S', qrDataUrl: 'data:image/svg+xml,' });
    fake.succeed('security.confirmTotp', { backupCodes: ['1'], message: 'On.' });
    fake.succeed('security.disableTotp', { message: 'Off.' });
    fake.succeed('security.signOutOthers', { message: 'Signed out elsewhere.' });
    const s = store.getState();
    await s.sendCode({ accountId: 'a' });
    await s.changePassword({ accountId: 'a', newPassword: 'new-pass-1', proof: { currentPassword: 'old' } });
    await s.changeEmail({ accountId: 'a', email: 'x@example.com', proof: { code: '1' } });
    await s.resendConfirmation({ accountId: 'a', email: 'x@example.com' });
    await s.startTotp({ accountId: 'a', proof: {} });
    await s.confirmTotp({ accountId: 'a', code: '123456', proof: {} });
    await s.disableTotp({ accountId: 'a', code: '123456' });
    expect(await s.signOutOthers('a')).toEqual({ ok: true, value: { message: 'Signed out elsewhere.' } });
    expect(fake.calls.map((call) => call.channel)).toEqual([
      'security.sendCode',
      'security.changePassword',
      'security.changeEmail',
      'security.resendConfirmation',
      'security.startTotp',
      'security.confirmTotp',
      'security.disableTotp',
      'security.signOutOthers',
    ]);
    expect(fake.requests('security.changePassword')).toEqual([
      { accountId: 'a', newPassword: 'new-pass-1', proof: { currentPassword: 'old' } },
    ]);
    await repliesRun();
    expect(store.getState().views).toEqual({});
  });
});
