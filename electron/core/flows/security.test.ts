import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOTP } from 'otpauth';
import { startUsersApi } from '../../../tools/users-api/src/index';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { TestClock } from '../../../tests/support/testClock';
import { usersApiControls } from '../../../tests/support/usersApiControls';
import { demo, testBcryptRounds, totpCode } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

type Server = Awaited<ReturnType<typeof startUsersApi>>;

describe('a challenge the app did not expect', () => {
  it("asks with the server's method, says the minute is not over, and succeeds after it", async () => {
    const temp = makeTempDir();
    const server = await startUsersApi({ port: 0, dev: true, rateLimit: false, bcryptRounds: testBcryptRounds });
    // A /me that mentions no second factor: the app expects the password method, the server wants a code.
    const hidingTotp: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = new URL(String(input));
      if (url.pathname !== '/api/v1/me' && url.pathname !== '/api/v1/users.info') return response;
      const body = (await response.json()) as { services?: Record<string, unknown>; user?: { services?: Record<string, unknown> } };
      for (const services of [body.services, body.user?.services]) {
        delete services?.totp;
        delete services?.email2fa;
      }
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    // The core's clock moves with the server's: the minute the server counts is the one the app waits out.
    const clock = new TestClock();
    const core = createCore({
      dataDir: temp.dir,
      vault: new MemoryVault(),
      version: '1',
      shell: 'test',
      fetch: hidingTotp,
      retryPolicy: { attempts: 1 },
      clock,
    });
    try {
      const accountId = await signedIn(core, server, 'totp');
      expect((await call(core, 'security.get', { accountId })).method).toBe('password');

      const surprise = await callResult(core, 'security.changePassword', {
        accountId,
        newPassword: 'roxie-next-pass-3',
        proof: { currentPassword: demo.totp.password },
      });
      expect(surprise).toMatchObject({ ok: false, error: { code: 'two-factor-required', twoFactor: { method: 'totp' } } });
      const tooSoon = await callResult(core, 'security.changePassword', {
        accountId,
        newPassword: 'roxie-next-pass-3',
        proof: { method: 'totp', code: totpCode() },
      });
      expect(tooSoon).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAfter: expect.any(Number) } });
      expect((await call(core, 'security.changeWait', { accountId })).waitSeconds).toBeGreaterThan(0);
      server.advanceClock(61_000);
      // The test clock stood still while the sign-in took real time; the server's did not.
      await clock.advance(Date.now() - clock.now() + 61_000);
      expect(await call(core, 'security.changeWait', { accountId })).toEqual({ waitSeconds: 0, reason: null });
      await call(core, 'security.changePassword', {
        accountId,
        newPassword: 'roxie-next-pass-3',
        proof: { method: 'totp', code: totpCode(demo.totp.secret, 2) } /* the server's clock is 61 s ahead now */,
      });
    } finally {
      core.close();
      await server.close();
      temp.cleanup();
    }
  });
});

describe('security settings against the reference users API (one-a-minute limit on)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: Server;
  let core: Core;
  const dev = async (path: string, init?: RequestInit) =>
    (await fetch(server.url + path, { ...init, headers: { 'Content-Type': 'application/json' } })).json() as Promise<
      Record<string, unknown>
    >;
  const login = (user: string, password: string, code?: string) =>
    fetch(`${server.url}/api/v1/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, password, ...(code ? { code } : {}) }),
    });
  const statuses = async () => ((await dev('/_dev/requests')).requests as { status: number; path: string }[]).map((r) => r.status);
  const mailedCode = async (to: string) => {
    const messages = (await dev(`/_dev/mailbox?to=${encodeURIComponent(to)}`)).messages as { code?: string }[];
    return messages
      .filter((m) => m.code)
      .at(-1)!
      .code!.replace(/\D/g, '');
  };

  beforeEach(async () => {
    temp = makeTempDir();
    server = await startUsersApi({ port: 0, dev: true, rateLimit: false, bcryptRounds: testBcryptRounds });
    core = createCore({
      dataDir: temp.dir,
      vault: new MemoryVault(),
      version: '1',
      shell: 'test',
      retryPolicy: { attempts: 1 },
    });
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('changes the password of a user without 2FA with the current password; other sessions end, this one stays', async () => {
    const other = (await (await login(demo.plain.user, demo.plain.password)).json()) as { data: { userId: string; authToken: string } };
    const accountId = await signedIn(core, server, 'plain');
    expect(await call(core, 'security.get', { accountId })).toMatchObject({
      available: true,
      method: 'password',
      hasPassword: true,
    });
    const done = await callResult(core, 'security.changePassword', {
      accountId,
      newPassword: 'brand-new-pass-2',
      proof: { currentPassword: demo.plain.password },
    });
    expect(done).toMatchObject({ ok: true, value: { message: expect.stringContaining('Other devices were signed out') } });
    expect((await login(demo.plain.user, 'brand-new-pass-2')).status).toBe(200);
    expect((await login(demo.plain.user, demo.plain.password)).status).toBe(401);
    const otherMe = await fetch(`${server.url}/api/v1/me`, {
      headers: { 'X-User-Id': other.data.userId, 'X-Auth-Token': other.data.authToken },
    });
    expect(otherMe.status).toBe(401);
    expect((await call(core, 'profile.refresh', { accountId })).refreshError).toBeNull();
    expect(await statuses()).not.toContain(429);
  });

  it('changes the password of a TOTP user with a code, and of an email-2FA user with the mailed code', async () => {
    // Requests that carry a change (background profile reads may come and go meanwhile).
    const requestCount = async () =>
      ((await dev('/_dev/requests')).requests as { path: string }[]).filter((r) => r.path === '/api/v1/users.updateOwnBasicInfo').length;
    const roxie = await signedIn(core, server, 'totp');
    expect((await call(core, 'security.get', { accountId: roxie })).method).toBe('totp');
    // A code that cannot be right is not sent: each wrong one spends a try.
    const before = await requestCount();
    expect(
      await callResult(core, 'security.changePassword', { accountId: roxie, newPassword: 'roxie-new-pass-2', proof: { code: '12345' } }),
    ).toMatchObject({ ok: false, error: { code: 'validation', fields: { code: expect.stringMatching(/6-digit code/) } } });
    expect(await requestCount()).toBe(before);
    // As the app shows it: "123 456".
    const shown = totpCode().replace(/^(\d{3})/, '$1 ');
    await call(core, 'security.changePassword', { accountId: roxie, newPassword: 'roxie-new-pass-2', proof: { code: shown } });
    expect(await requestCount()).toBe(before + 1);
    expect((await login(demo.totp.user, 'roxie-new-pass-2', totpCode())).status).toBe(200);

    const john = await signedIn(core, server, 'email2fa');
    expect((await call(core, 'security.get', { accountId: john })).method).toBe('email');
    expect((await call(core, 'security.sendCode', { accountId: john })).sentTo).toBe(demo.email2fa.email);
    const beforeJohn = await requestCount();
    expect(
      await callResult(core, 'security.changePassword', { accountId: john, newPassword: 'john-new-pass-2', proof: { code: '1234' } }),
    ).toMatchObject({ ok: false, error: { code: 'validation', fields: { code: 'The code from the email has 6 digits.' } } });
    expect(await requestCount()).toBe(beforeJohn);
    // As the email writes it: "123-456".
    const mailed = (await mailedCode(demo.email2fa.email)).replace(/^(\d{3})/, '$1-');
    await call(core, 'security.changePassword', { accountId: john, newPassword: 'john-new-pass-2', proof: { code: mailed } });
    expect((await login(demo.email2fa.user, 'john-new-pass-2')).status).toBe(401); // asks for its code: the password itself was accepted
    expect(((await (await login(demo.email2fa.user, 'john-new-pass-2')).json()) as { error: string }).error).toBe('totp-required');
    expect(await statuses()).not.toContain(429);
  });

  it('puts a wrong current password, a policy miss and "same as current" on their own fields, spending one request only', async () => {
    const accountId = await signedIn(core, server, 'plain');
    await dev('/_dev/settings', {
      method: 'POST',
      body: JSON.stringify({
        Accounts_Password_Policy_Enabled: true,
        Accounts_Password_Policy_MinLength: 12,
        Accounts_Password_Policy_AtLeastOneNumber: true,
      }),
    });
    await dev('/_dev/requests', { method: 'DELETE' });
    const policy = await callResult(core, 'security.changePassword', {
      accountId,
      newPassword: 'short',
      proof: { currentPassword: demo.plain.password },
    });
    expect(policy).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { newPassword: expect.stringContaining('at least 12 characters') } },
    });
    const same = await callResult(core, 'security.changePassword', {
      accountId,
      newPassword: demo.plain.password,
      proof: { currentPassword: demo.plain.password },
    });
    expect(same).toMatchObject({ ok: false, error: { fields: { newPassword: 'The new password is the same as your current one.' } } });
    expect(((await dev('/_dev/requests')).requests as { path: string }[]).filter((r) => r.path.endsWith('updateOwnBasicInfo'))).toEqual([]);
    const wrong = await callResult(core, 'security.changePassword', {
      accountId,
      newPassword: 'a-long-password-123',
      proof: { currentPassword: 'not-my-password' },
    });
    expect(wrong).toMatchObject({ ok: false, error: { fields: { currentPassword: 'Your current password is not right.' } } });
    expect(await statuses()).not.toContain(429);
  });

  it('knows the minute is not over before a second factor is asked for, and says when the change can be made', async () => {
    const changes = async () =>
      ((await dev('/_dev/requests')).requests as { path: string }[]).filter((r) => r.path === '/api/v1/users.updateOwnBasicInfo').length;
    const roxie = await signedIn(core, server, 'totp');
    expect(await call(core, 'security.changeWait', { accountId: roxie })).toEqual({ waitSeconds: 0, reason: null });
    await call(core, 'security.changeEmail', { accountId: roxie, email: 'funke@new.example.com', proof: { code: totpCode() } });
    // The server's answer said no call is left this minute: the app knows it before asking for a code.
    const wait = await call(core, 'security.changeWait', { accountId: roxie });
    expect(wait.waitSeconds).toBeGreaterThan(50);
    expect(wait.waitSeconds).toBeLessThanOrEqual(60);
    expect(wait.reason).toMatch(/one change to your profile, email or password a minute/);
    const sent = await changes();
    const refused = await callResult(core, 'security.changePassword', {
      accountId: roxie,
      newPassword: 'roxie-new-pass-2',
      proof: { code: totpCode() },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'rate-limited', message: expect.stringMatching(/^You can change your password in \d+ seconds\./) },
    });
    expect(await changes()).toBe(sent);
    expect(await statuses()).not.toContain(429);
    // An admin is exempt from the limit: the server sends no limit headers, and nothing is waited for.
    const john = await signedIn(core, server, 'email2fa');
    await call(core, 'security.sendCode', { accountId: john });
    const code = await mailedCode(demo.email2fa.email);
    await call(core, 'security.changeEmail', { accountId: john, email: 'john@new.example.com', proof: { code } });
    expect(await call(core, 'security.changeWait', { accountId: john })).toEqual({ waitSeconds: 0, reason: null });
  });

  it('changes the email (unverified afterwards) and sends the confirmation again', async () => {
    const accountId = await signedIn(core, server, 'plain');
    await call(core, 'security.changeEmail', {
      accountId,
      email: 'new.me@example.com',
      proof: { currentPassword: demo.plain.password },
    });
    const profile = (await call(core, 'profile.get', { accountId })).profile;
    expect(profile?.emails).toEqual([{ address: 'new.me@example.com', verified: false }]);
    await dev('/_dev/mailbox', { method: 'DELETE' });
    await call(core, 'security.resendConfirmation', { accountId, email: 'new.me@example.com' });
    expect(((await dev('/_dev/mailbox?to=new.me@example.com')).messages as unknown[]).length).toBe(1);
  });

  it('sets up an authenticator app (secret, QR, code, backup codes), asks for it at sign-in, and turns it off', async () => {
    const accountId = await signedIn(core, server, 'plain');
    const proof = { currentPassword: demo.plain.password };
    const setup = await call(core, 'security.startTotp', { accountId, proof });
    expect(setup.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const totp = new TOTP({ secret: setup.secret, digits: 6, period: 30, algorithm: 'SHA1' });
    const wrong = await callResult(core, 'security.confirmTotp', { accountId, code: '000000', proof });
    expect(wrong).toMatchObject({ ok: false, error: { fields: { totpCode: expect.stringContaining('not right') } } });
    const confirmed = await call(core, 'security.confirmTotp', { accountId, code: totp.generate(), proof });
    expect(confirmed.backupCodes).toHaveLength(12);
    expect((await call(core, 'security.get', { accountId })).method).toBe('totp');
    const challenge = (await (await login(demo.plain.user, demo.plain.password)).json()) as { error: string; details: { method: string } };
    expect(challenge).toMatchObject({ error: 'totp-required', details: { method: 'totp' } });
    await call(core, 'security.disableTotp', { accountId, code: totp.generate() });
    expect((await call(core, 'security.get', { accountId })).method).toBe('password');
  });

  it('an email-2FA user confirms authenticator setup with a second emailed code when the first was used up', async () => {
    const john = await signedIn(core, server, 'email2fa');
    await call(core, 'security.sendCode', { accountId: john });
    const first = await mailedCode(demo.email2fa.email);
    const setup = await call(core, 'security.startTotp', { accountId: john, proof: { code: first } });
    const totp = new TOTP({ secret: setup.secret, digits: 6, period: 30, algorithm: 'SHA1' });
    // The emailed code worked once; the server asks again (and mails a new one).
    const again = await callResult(core, 'security.confirmTotp', { accountId: john, code: totp.generate(), proof: { code: first } });
    expect(again).toMatchObject({ ok: false, error: { fields: { code: expect.any(String) } } });
    const second = await mailedCode(demo.email2fa.email);
    expect(second).not.toBe(first);
    const done = await call(core, 'security.confirmTotp', { accountId: john, code: totp.generate(), proof: { code: second } });
    expect(done.backupCodes).toHaveLength(12);
  });

  it('signs out other sessions and keeps this one', async () => {
    const other = (await (await login(demo.plain.user, demo.plain.password)).json()) as { data: { userId: string; authToken: string } };
    const accountId = await signedIn(core, server, 'plain');
    await call(core, 'security.signOutOthers', { accountId });
    expect(
      (await fetch(`${server.url}/api/v1/me`, { headers: { 'X-User-Id': other.data.userId, 'X-Auth-Token': other.data.authToken } }))
        .status,
    ).toBe(401);
    expect((await call(core, 'security.get', { accountId })).available).toBe(true);
  });

  it('turns everything off with the reason while the server cannot be reached', async () => {
    const accountId = await signedIn(core, server, 'plain');
    await usersApiControls(server.url).dropConnections();
    await callResult(core, 'profile.refresh', { accountId });
    const view = await call(core, 'security.get', { accountId });
    expect(view).toMatchObject({ available: false, reason: expect.stringContaining('cannot be reached') });
    const attempt = await callResult(core, 'security.changePassword', {
      accountId,
      newPassword: 'whatever-123',
      proof: { currentPassword: demo.plain.password },
    });
    expect(attempt).toMatchObject({ ok: false, error: { code: 'network-unreachable' } });
  });
});
