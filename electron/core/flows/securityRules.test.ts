import { afterEach, describe, expect, it } from 'vitest';
import { signedIn, signInThroughCore } from '../../../tests/support/coreSignIn';
import { call, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

type Served = { requests: { method: string; path: string; status: number }[] };
const octoId = 'GitHubOctoUser5Lm';

/** Security changes offered only where the server will make them (docs/protocol.md §4, §5). */
describe('what the Security screen offers follows the account, the workspace and the release', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let core: Core;

  const begin = async (options: Parameters<typeof startTestServer>[0] = {}, settings: Record<string, unknown> = {}) => {
    temp = makeTempDir();
    server = await startTestServer(options);
    if (Object.keys(settings).length > 0) await server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify(settings) });
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test', retryPolicy: { attempts: 1 } });
  };
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });
  const view = async (accountId: string) => await call(core, 'security.get', { accountId });
  const posts = async (path: string) =>
    ((await server.dev('/_dev/requests')) as Served).requests.filter((r) => r.method === 'POST' && r.path === path);
  const mailed = (to: string) => server.latestEmailCode(to);
  const loginStatus = async (user: string, password: string) =>
    (
      (await (
        await fetch(`${server.url}/api/v1/login`, {
          method: 'POST',
          body: JSON.stringify({ user, password }),
          headers: { 'Content-Type': 'application/json' },
        })
      ).json()) as { error?: string }
    ).error;
  /** The OAuth user of the seed has no password: it signs in with a token the server hands out. */
  const signInOcto = async () => {
    const { userId, authToken } = (await server.dev(`/_dev/users/${octoId}/tokens`, { method: 'POST' })) as {
      userId: string;
      authToken: string;
    };
    const { id: serverId } = await call(core, 'servers.add', { url: server.url });
    const changed = new Promise((resolve) => core.events.onAny((event) => event === 'profile.changed' && resolve(event)));
    const account = await call(core, 'accounts.signInWithToken', { serverId, userId, token: authToken });
    await changed;
    return account.id;
  };

  it('a wrong code leaves the authenticator on, and the window is told so', async () => {
    await begin();
    const roxie = await signedIn(core, server, 'totp');
    const wrong = await callResult(core, 'security.disableTotp', { accountId: roxie, code: '000000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'validation', fields: { code: expect.stringContaining('still on') } } });
    expect((await view(roxie)).totpEnabled).toBe(true);
    expect(await loginStatus(demo.totp.user, demo.totp.password)).toBe('totp-required');
  });

  it('an account that signs in through another service is offered no password change and no proof it cannot give', async () => {
    await begin();
    const accountId = await signInOcto();
    expect(await view(accountId)).toMatchObject({
      hasPassword: false,
      method: 'none',
      setupMethod: 'none',
      blocked: { password: expect.stringContaining('no password'), email: expect.stringContaining('has neither') },
    });
    const attempt = await callResult(core, 'security.changePassword', { accountId, newPassword: 'a-new-pass-1', proof: {} });
    expect(attempt).toMatchObject({ ok: false, error: { fields: { newPassword: expect.stringContaining('no password') } } });
    expect(await callResult(core, 'security.changeEmail', { accountId, email: 'octo@new.example.com', proof: {} })).toMatchObject({
      ok: false,
      error: { fields: { email: expect.stringContaining('has neither') } },
    });
    expect(await posts('/api/v1/users.updateOwnBasicInfo')).toEqual([]);
    // An authenticator needs no proof from this account, and gives it one.
    await call(core, 'security.startTotp', { accountId, proof: {} });
  });

  it('password changes switched off: not offered, never "changed"', async () => {
    await begin({}, { Accounts_AllowPasswordChange: false });
    const accountId = await signedIn(core, server, 'plain');
    const words = 'This workspace does not allow changing your password.';
    expect((await view(accountId)).blocked).toEqual({ password: words });
    const attempt = await callResult(core, 'security.changePassword', {
      accountId,
      newPassword: 'brand-new-pass-2',
      proof: { currentPassword: demo.plain.password },
    });
    expect(attempt).toMatchObject({ ok: false, error: { code: 'validation', fields: { newPassword: words } } });
    expect(await posts('/api/v1/users.updateOwnBasicInfo')).toEqual([]);
  });

  it('asks for the second factor the workspace counts: email when it does not use authenticator apps, the password when neither', async () => {
    await begin({}, { Accounts_TwoFactorAuthentication_By_TOTP_Enabled: false });
    const roxie = await signInThroughCore(core, server.url, demo.totp.user, demo.totp.password, () => mailed('funke@test.com'));
    expect(await view(roxie)).toMatchObject({ method: 'email', totpEnabled: true, blocked: {} });
    await call(core, 'security.sendCode', { accountId: roxie });
    const code = await mailed('funke@test.com');
    await call(core, 'security.changeEmail', { accountId: roxie, email: 'funke@new.example.com', proof: { code } });

    await server.dev('/_dev/settings', {
      method: 'POST',
      body: JSON.stringify({ Accounts_TwoFactorAuthentication_By_Email_Enabled: false }),
    });
    const john = await signInThroughCore(core, server.url, demo.email2fa.user, demo.email2fa.password);
    expect(await view(john)).toMatchObject({
      method: 'password',
      setupMethod: 'password',
      blocked: { totpSetup: 'This workspace does not use authenticator apps for two-factor authentication.' },
    });
    await call(core, 'security.changePassword', {
      accountId: john,
      newPassword: 'john-new-pass-2',
      proof: { currentPassword: demo.email2fa.password },
    });
  });

  it('an OAuth account gets no emailed-code proof where the workspace keeps email codes from OAuth users', async () => {
    await begin();
    await server.dev(`/_dev/users/${octoId}`, { method: 'POST', body: JSON.stringify({ email2fa: true }) });
    const accountId = await signInOcto();
    expect(await view(accountId)).toMatchObject({ method: 'email', setupMethod: 'email' });
    await server.dev('/_dev/settings', {
      method: 'POST',
      body: JSON.stringify({ Accounts_twoFactorAuthentication_email_available_for_OAuth_users: false }),
    });
    expect(await view(accountId)).toMatchObject({ method: 'none', setupMethod: 'none', blocked: { email: expect.any(String) } });
  });

  it('a release before 8.8 is offered no authenticator setup or turning off, in words naming both releases', async () => {
    await begin({ compat: '8.6' });
    const demoUser = await signedIn(core, server, 'plain');
    const setup =
      'This server runs Rocket.Chat 8.6, which cannot set up or turn off an authenticator app from other apps: that came in Rocket.Chat 8.8.';
    expect((await view(demoUser)).blocked).toEqual({ totpSetup: setup });
    expect(
      await callResult(core, 'security.startTotp', { accountId: demoUser, proof: { currentPassword: demo.plain.password } }),
    ).toMatchObject({ ok: false, error: { message: setup } });
    const roxie = await signedIn(core, server, 'totp');
    expect((await view(roxie)).blocked).toEqual({ totpOff: setup });
    expect(await posts('/api/v1/users.enableTotp')).toEqual([]);
  });

  it('sends the confirmation email again with the session, which 7.x requires', async () => {
    await begin({ compat: 7 });
    const hire = await signInThroughCore(core, server.url, 'new.hire', 'hire-pass-1');
    await server.dev('/_dev/mailbox', { method: 'DELETE' });
    await call(core, 'security.resendConfirmation', { accountId: hire, email: 'new.hire@example.com' });
    const box = (await server.dev('/_dev/mailbox?to=new.hire@example.com')) as { messages: unknown[] };
    expect(box.messages).toHaveLength(1);
  });
});
