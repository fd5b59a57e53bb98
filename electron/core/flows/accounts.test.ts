import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import { call, callFailure, callResult } from '../../../tests/support/coreCall';
import { challengeIdOf } from '../../../tests/support/coreSignIn';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, totpCode, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { databaseFileName } from '../db/openDatabase';
import { MemoryVault } from '../vault/memoryVault';

describe('accounts against the reference users API', () => {
  let server: TestServer;
  let temp: ReturnType<typeof makeTempDir>;
  let vault: MemoryVault;
  let core: Core;
  const start = () => createCore({ dataDir: temp.dir, vault, version: '1.0.0', shell: 'test' });

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    temp = makeTempDir();
    vault = new MemoryVault();
    core = start();
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const addServer = async () => await call(core, 'servers.add', { url: server.url });

  it('adds a server by URL and shows its version', async () => {
    const added = await addServer();
    expect(added).toMatchObject({ url: server.url, name: new URL(server.url).host });
    expect(added.version).toMatch(/^\d+\.\d+/);
    expect(await call(core, 'servers.list', {})).toHaveLength(1);
    expect((await addServer()).id).toBe(added.id);
  });

  it('refuses plain http off this computer, an unreachable server and a web page that is not a users API', async () => {
    expect(await callResult(core, 'servers.add', { url: 'http://chat.example.com' })).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { url: expect.stringContaining('https') } },
    });

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await callResult(core, 'servers.add', { url: `http://127.0.0.1:${closedPort}` })).toMatchObject({
      ok: false,
      error: { code: 'network-unreachable', message: expect.stringContaining('cannot be reached') },
    });

    const website = http.createServer((_request, response) =>
      response.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Hello</h1>'),
    );
    await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
    const result = await callResult(core, 'servers.add', { url: `http://127.0.0.1:${(website.address() as AddressInfo).port}` });
    website.close();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('not a Rocket.Chat users API server') },
    });
  });

  it('signs in without 2FA, keeps the token in the vault only, and makes the account active', async () => {
    const { id: serverId } = await addServer();
    const account = await call(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: demo.plain.password });
    expect(account).toMatchObject({ username: 'demouser', state: 'signed-in', active: true, userId: demo.plain.userId });
    const [entry] = await vault.accounts();
    expect(entry).toBe(`${server.url}#${demo.plain.userId}`);
    const token = (await vault.get(entry!))!;
    expect(token.length).toBeGreaterThan(10);
    core.close();
    const bytes = fs.readFileSync(path.join(temp.dir, databaseFileName));
    const wal = fs.existsSync(path.join(temp.dir, `${databaseFileName}-wal`))
      ? fs.readFileSync(path.join(temp.dir, `${databaseFileName}-wal`))
      : Buffer.alloc(0);
    for (const secret of [token, demo.plain.password]) {
      expect(bytes.includes(secret)).toBe(false);
      expect(wal.includes(secret)).toBe(false);
    }
    core = start();
  });

  it('says so for a wrong password', async () => {
    const { id: serverId } = await addServer();
    expect(await callResult(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: 'wrong-pass-9' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: 'Wrong username, email or password.' },
    });
  });

  it('asks a TOTP user for a code, refuses a wrong one once, then accepts the right one', async () => {
    const { id: serverId } = await addServer();
    const first = await callFailure(core, 'accounts.signIn', { serverId, user: demo.totp.user, password: demo.totp.password });
    expect(first).toMatchObject({ code: 'two-factor-required', twoFactor: { method: 'totp', challengeId: expect.any(String) } });
    const challengeId = challengeIdOf(first);
    const wrong = await callResult(core, 'accounts.answerTwoFactor', { challengeId, code: '000000' === totpCode() ? '111111' : '000000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'two-factor-invalid', twoFactor: { challengeId } } });
    const account = await call(core, 'accounts.answerTwoFactor', { challengeId, code: totpCode() });
    expect(account).toMatchObject({ username: 'roxie', state: 'signed-in' });
    expect(await callResult(core, 'accounts.answerTwoFactor', { challengeId, code: totpCode() })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('signs in an email-2FA user with the mailed code, and can send it again', async () => {
    const { id: serverId } = await addServer();
    const first = await callFailure(core, 'accounts.signIn', { serverId, user: demo.email2fa.user, password: demo.email2fa.password });
    expect(first).toMatchObject({ code: 'two-factor-required', twoFactor: { method: 'email' } });
    const challengeId = challengeIdOf(first);
    expect(await call(core, 'accounts.sendEmailCode', { challengeId })).toEqual({ sent: true });
    const code = await server.latestEmailCode(demo.email2fa.email);
    const account = await call(core, 'accounts.answerTwoFactor', { challengeId, code });
    expect(account).toMatchObject({ username: 'test.john', displayName: 'Test John' });
  });

  it('stops after too many wrong email codes instead of looping', async () => {
    const { id: serverId } = await addServer();
    const challengeId = challengeIdOf(
      await callFailure(core, 'accounts.signIn', { serverId, user: demo.email2fa.user, password: demo.email2fa.password }),
    );
    let last: Result<unknown> | undefined;
    for (let attempt = 0; attempt < 6; attempt++) {
      last = await callResult(core, 'accounts.answerTwoFactor', { challengeId, code: '999999' });
      if (!last.ok && last.error.code === 'two-factor-locked') break;
    }
    expect(last).toMatchObject({ ok: false, error: { code: 'two-factor-locked' } });
    expect(await callResult(core, 'accounts.answerTwoFactor', { challengeId, code: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('offers a session-only sign-in when the keychain is unavailable, storing nothing', async () => {
    const { id: serverId } = await addServer();
    vault.setUnavailable('The system keychain is locked.');
    const refused = await callResult(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: demo.plain.password });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'keychain-unavailable', message: expect.stringContaining('this session only') },
    });
    const account = await call(core, 'accounts.signIn', {
      serverId,
      user: demo.plain.user,
      password: demo.plain.password,
      sessionOnly: true,
    });
    expect(account.state).toBe('session-only');
    vault.setUnavailable(null);
    expect(await vault.accounts()).toEqual([]);

    core.close();
    core = start();
    await core.ready;
    expect((await call(core, 'accounts.list', {})).accounts[0]!.state).toBe('signed-out');
  });

  it('restores sessions from the vault after a restart, and marks a revoked one signed out', async () => {
    const { id: serverId } = await addServer();
    await call(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: demo.plain.password });
    const challengeId = challengeIdOf(
      await callFailure(core, 'accounts.signIn', { serverId, user: demo.totp.user, password: demo.totp.password }),
    );
    await call(core, 'accounts.answerTwoFactor', { challengeId, code: totpCode() });

    core.close();
    core = start();
    await core.ready;
    const restored = await call(core, 'accounts.list', {});
    expect(restored.accounts.map((account) => [account.username, account.state])).toEqual([
      ['demouser', 'signed-in'],
      ['roxie', 'signed-in'],
    ]);
    expect(restored.accounts.find((account) => account.active)?.username).toBe('roxie');

    await server.revokeTokens(demo.plain.userId);
    core.close();
    core = start();
    await core.ready;
    const after = await call(core, 'accounts.list', {});
    expect(after.accounts.find((account) => account.username === 'demouser')?.state).toBe('signed-out');
    expect(after.accounts.find((account) => account.username === 'roxie')?.state).toBe('signed-in');
    expect(await vault.accounts()).toHaveLength(1);
  });

  it('signs out (server token revoked, vault entry gone), switches and removes', async () => {
    const { id: serverId } = await addServer();
    const first = await call(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: demo.plain.password });
    const key = `${server.url}#${demo.plain.userId}`;
    const firstToken = (await vault.get(key))!;
    const second = await call(core, 'accounts.signIn', { serverId, user: demo.plain.email, password: demo.plain.password });
    expect(second.id).toBe(first.id);
    const token = (await vault.get(key))!;
    expect(token).not.toBe(firstToken);
    const replaced = await fetch(`${server.url}/api/v1/me`, { headers: { 'X-User-Id': demo.plain.userId, 'X-Auth-Token': firstToken } });
    expect(replaced.status).toBe(401);

    const switched = await call(core, 'accounts.switch', { accountId: first.id });
    expect(switched.activeAccountId).toBe(first.id);

    const signedOut = await call(core, 'accounts.signOut', { accountId: first.id });
    expect(signedOut.accounts[0]!.state).toBe('signed-out');
    expect(await vault.get(key)).toBeNull();
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { 'X-User-Id': demo.plain.userId, 'X-Auth-Token': token } });
    expect(me.status).toBe(401);

    const removed = await call(core, 'accounts.remove', { accountId: first.id });
    expect(removed).toEqual({ accounts: [], activeAccountId: null, revision: expect.any(Number) });
    expect(await callResult(core, 'accounts.switch', { accountId: first.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('adds the servers of a managed install, and reports a broken servers.json without failing', async () => {
    core.close();
    fs.writeFileSync(path.join(temp.dir, 'servers.json'), JSON.stringify({ 'Team chat': server.url, Broken: 'http://chat.example.com' }));
    core = start();
    const servers = await call(core, 'servers.list', {});
    expect(servers).toEqual([expect.objectContaining({ name: 'Team chat', url: server.url })]);
    expect(await call(core, 'app.info', {})).toMatchObject({ managedServers: { problem: expect.stringContaining('Broken') } });

    core.close();
    fs.writeFileSync(path.join(temp.dir, 'servers.json'), '{ not json');
    core = start();
    expect(await call(core, 'app.info', {})).toMatchObject({
      managedServers: { problem: expect.stringContaining('not valid JSON') },
    });
  });
});
