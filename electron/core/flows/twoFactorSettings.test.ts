import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startUsersApi } from '../../../tools/users-api/src/index';
import { call, callFailure, callResult } from '../../../tests/support/coreCall';
import { signedIn } from '../../../tests/support/coreSignIn';
import { makeTempDir } from '../../../tests/support/tempDir';
import { usersApiControls, type UsersApiControls } from '../../../tests/support/usersApiControls';
import { demo, testBcryptRounds, totpCode } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

/**
 * Emailed codes on and off, backup codes left and renewed, against the reference server with
 * Rocket.Chat's rate limits on (its defaults): each change is one request carrying its proof.
 */
describe('two-factor settings against the reference users API (rate limits on)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: Awaited<ReturnType<typeof startUsersApi>>;
  let controls: UsersApiControls;
  let core: Core;

  const requestsTo = async (route: string) => (await controls.requests()).filter((r) => r.path === `/api/v1/${route}`);
  const statuses = async () => (await controls.requests()).map((r) => r.status);
  const login = async (user: string, password: string, code?: string) =>
    fetch(`${server.url}/api/v1/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, password, ...(code ? { code } : {}) }),
    });
  /** Every byte the app wrote to its data folder (database, WAL, logs). */
  const dataFolder = () =>
    fs
      .readdirSync(temp.dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name)).toString('latin1'))
      .join('\n');

  beforeEach(async () => {
    temp = makeTempDir();
    server = await startUsersApi({ port: 0, dev: true, bcryptRounds: testBcryptRounds });
    controls = usersApiControls(server.url);
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test', retryPolicy: { attempts: 1 } });
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('a user without a second factor turns emailed codes on (other sessions end) and off with the code mailed', async () => {
    const other = (await (await login(demo.plain.user, demo.plain.password)).json()) as { data: { userId: string; authToken: string } };
    const accountId = await signedIn(core, server, 'plain');
    const before = await call(core, 'security.twoFactorSettings', { accountId });
    expect(before).toMatchObject({
      accountLabel: expect.stringMatching(/^demouser on /),
      available: true,
      emailCodes: { on: false, offMethod: 'password' },
      backupCodes: null,
    });
    expect(before.emailCodes.turnOnBlocked).toBeUndefined();

    expect(await call(core, 'security.enableEmailCodes', { accountId })).toEqual({
      message: 'Emailed codes turned on. Other devices were signed out; this one stays signed in.',
    });
    const otherMe = await fetch(`${server.url}/api/v1/me`, {
      headers: { 'X-User-Id': other.data.userId, 'X-Auth-Token': other.data.authToken },
    });
    expect(otherMe.status).toBe(401);
    expect(((await (await login(demo.plain.user, demo.plain.password)).json()) as { details?: { method?: string } }).details?.method).toBe(
      'email',
    );
    const on = await call(core, 'security.twoFactorSettings', { accountId });
    expect(on.emailCodes).toEqual({ on: true, offMethod: 'email' });

    // Without the code nothing is sent: the route would answer "code required" and spend the request.
    expect(await callFailure(core, 'security.disableEmailCodes', { accountId, proof: {} })).toMatchObject({
      code: 'validation',
      fields: { code: 'Enter the code sent to your email.' },
    });
    expect(await requestsTo('users.2fa.disableEmail')).toEqual([]);
    await call(core, 'security.sendCode', { accountId });
    const code = await controls.latestEmailCode(demo.plain.email);
    expect(await call(core, 'security.disableEmailCodes', { accountId, proof: { code } })).toEqual({
      message: 'Emailed codes turned off.',
    });
    // One request, carrying the emailed code from the start.
    expect(await requestsTo('users.2fa.disableEmail')).toEqual([expect.objectContaining({ status: 200, secondFactor: 'email' })]);
    expect((await login(demo.plain.user, demo.plain.password)).status).toBe(200);
    expect(await statuses()).not.toContain(429);
  });

  it('an email-2FA user: a wrong code leaves them on and says so; the right one turns them off in its first request', async () => {
    const accountId = await signedIn(core, server, 'email2fa');
    expect((await call(core, 'security.twoFactorSettings', { accountId })).emailCodes).toEqual({ on: true, offMethod: 'email' });
    await controls.emptyMailbox();
    await call(core, 'security.sendCode', { accountId });
    const code = await controls.latestEmailCode(demo.email2fa.email);
    const wrong = code === '111111' ? '222222' : '111111';
    expect(await callFailure(core, 'security.disableEmailCodes', { accountId, proof: { code: wrong } })).toMatchObject({
      fields: { code: 'That code is not right. Check it and try again.' },
    });
    expect((await call(core, 'security.twoFactorSettings', { accountId })).emailCodes.on).toBe(true);
    await call(core, 'security.disableEmailCodes', { accountId, proof: { code: code.replace(/^(\d{3})/, '$1-') } });
    expect((await requestsTo('users.2fa.disableEmail')).map((r) => [r.status, r.secondFactor])).toEqual([
      [400, 'email'],
      [200, 'email'],
    ]);
    expect((await login(demo.email2fa.user, demo.email2fa.password)).status).toBe(200);
    expect(await statuses()).not.toContain(429);
  });

  it('a TOTP user: backup codes left with a warning at three, new ones for a code (never on disk), emailed codes off with the app', async () => {
    const accountId = await signedIn(core, server, 'totp');
    const seeded = await call(core, 'security.twoFactorSettings', { accountId });
    expect(seeded.backupCodes).toEqual({ remaining: 4, warning: null, problem: null });
    expect(seeded.emailCodes).toEqual({ on: true, offMethod: 'totp' });

    // Signing in with a backup code elsewhere spends one: three left is "few".
    expect((await login(demo.totp.user, demo.totp.password, 'rx7Kp2Qa')).status).toBe(200);
    expect((await call(core, 'security.twoFactorSettings', { accountId })).backupCodes).toEqual({
      remaining: 3,
      warning: 'Only 3 backup codes left. Make new ones before they run out.',
      problem: null,
    });

    // A code of the wrong shape is not sent; a wrong one leaves the codes as they were.
    expect(await callFailure(core, 'security.regenerateBackupCodes', { accountId, code: '12345' })).toMatchObject({
      fields: { code: expect.stringContaining('6-digit code') },
    });
    expect(await requestsTo('users.regenerateTotpCodes')).toEqual([]);
    const wrong = totpCode() === '000000' ? '111111' : '000000';
    expect(await callFailure(core, 'security.regenerateBackupCodes', { accountId, code: wrong })).toMatchObject({
      fields: { code: expect.stringContaining('your backup codes are unchanged') },
    });
    const fresh = await call(core, 'security.regenerateBackupCodes', { accountId, code: totpCode() });
    expect(fresh.backupCodes).toHaveLength(12);
    expect((await call(core, 'security.twoFactorSettings', { accountId })).backupCodes).toEqual({
      remaining: 12,
      warning: null,
      problem: null,
    });
    // The old codes stop working; the new ones sign in.
    expect((await login(demo.totp.user, demo.totp.password, 'rx8Lq3Rb')).status).toBe(401);
    expect((await login(demo.totp.user, demo.totp.password, fresh.backupCodes[0])).status).toBe(200);

    await call(core, 'security.disableEmailCodes', { accountId, proof: { code: totpCode() } });
    expect(await requestsTo('users.2fa.disableEmail')).toEqual([expect.objectContaining({ status: 200, secondFactor: 'totp' })]);
    expect((await call(core, 'security.twoFactorSettings', { accountId })).emailCodes).toEqual({
      on: false,
      offMethod: 'totp',
    });

    const stored = dataFolder();
    for (const shownOnce of fresh.backupCodes) expect(stored.includes(shownOnce), 'a backup code was written to disk').toBe(false);
    expect(await statuses()).not.toContain(429);
  });

  it('says in words why emailed codes cannot be turned on, and sends nothing', async () => {
    const accountId = await signedIn(core, server, 'plain');
    await controls.changeSettings({ Accounts_TwoFactorAuthentication_By_Email_Enabled: false });
    await call(core, 'security.get', { accountId }); // the screen's load reads the workspace again
    const off = 'This workspace does not send sign-in codes by email, so they cannot be turned on.';
    expect((await call(core, 'security.twoFactorSettings', { accountId })).emailCodes.turnOnBlocked).toBe(off);
    expect(await callFailure(core, 'security.enableEmailCodes', { accountId })).toMatchObject({ code: 'validation', message: off });

    await controls.changeSettings({ Accounts_TwoFactorAuthentication_By_Email_Enabled: true });
    await call(core, 'security.get', { accountId });
    await controls.changeUser(demo.plain.userId, {
      emails: [
        { address: demo.plain.email, verified: true },
        { address: 'second@example.com', verified: false },
      ],
    });
    const unconfirmed =
      'Confirm second@example.com first: the server turns emailed codes on only when every address of the account is confirmed.';
    expect((await call(core, 'security.twoFactorSettings', { accountId })).emailCodes.turnOnBlocked).toBe(unconfirmed);
    expect(await callFailure(core, 'security.enableEmailCodes', { accountId })).toMatchObject({ message: unconfirmed });
    expect(await requestsTo('users.2fa.enableEmail')).toEqual([]);
  });

  it('turns everything off with the reason while the server cannot be reached', async () => {
    const accountId = await signedIn(core, server, 'totp');
    await controls.dropConnections();
    await callResult(core, 'profile.refresh', { accountId });
    const view = await call(core, 'security.twoFactorSettings', { accountId });
    expect(view.available).toBe(false);
    expect(view.reason).toMatch(/cannot be reached now/);
    expect(view.accountLabel).toMatch(/^Funke Olasupo \(roxie\) on /);
    expect(await callFailure(core, 'security.regenerateBackupCodes', { accountId, code: totpCode() })).toMatchObject({
      code: 'network-unreachable',
    });
  });
});
