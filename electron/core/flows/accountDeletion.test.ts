import keytar from '@github/keytar';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callFailure } from '../../../tests/support/coreCall';
import { signedIn, type DemoAccount } from '../../../tests/support/coreSignIn';
import { requireKeychain, secretServiceAvailable } from '../../../tests/support/secretService';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { databaseFileName } from '../db/openDatabase';
import { deletionNotAllowed } from '../security/accountDeletion';
import { KeychainVault } from '../vault/keychainVault';
import { MemoryVault } from '../vault/memoryVault';
import type { Vault } from '../vault/vault';

const DELETE = '/api/v1/users.deleteOwnAccount';
const userIds: Record<DemoAccount, string> = { plain: demo.plain.userId, totp: 'rbAXPnMktTFbNpwtJ', email2fa: demo.email2fa.userId };

let temp: ReturnType<typeof makeTempDir>;
let server: TestServer;
let core: Core;
let vault: Vault;

const start = (with_: Vault) => {
  vault = with_;
  core = createCore({ dataDir: temp.dir, vault, version: '1', shell: 'test', retryPolicy: { attempts: 1 } });
};

beforeEach(async () => {
  temp = makeTempDir();
  server = await startTestServer();
});
afterEach(async () => {
  core.close();
  await server.close();
  temp.cleanup();
});

/** The requests to users.deleteOwnAccount since the log was emptied, each with whether its body carried the proof. */
async function deletions(): Promise<{ status: number; proof: boolean; relinquish: boolean }[]> {
  return (await server.requests())
    .filter((r) => r.path === DELETE)
    .map((r) => ({ status: r.status, proof: r.body?.password === '[redacted]', relinquish: r.body?.confirmRelinquish === true }));
}

/** Every file of the data folder that holds these bytes, the database after its log was copied back. */
function filesMentioning(text: string): string[] {
  const db = new Database(path.join(temp.dir, databaseFileName));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const needle = Buffer.from(text, 'utf8');
  return (fs.readdirSync(temp.dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => fs.readFileSync(file).includes(needle));
}

describe.each([
  ['plain', 'password'],
  ['totp', 'password'],
  ['email2fa', 'password'],
] as const)('deleting the %s account', (account, confirmWith) => {
  it('is confirmed with the password in its first request, and the account is gone here', async () => {
    start(new MemoryVault());
    await server.changeSettings({ Accounts_AllowDeleteOwnAccount: true });
    const accountId = await signedIn(core, server, account);
    const view = await call(core, 'privacy.deletion', { accountId });
    expect(view).toMatchObject({ available: true, reason: null, confirmWith });
    expect(view.accountLabel).toContain(demo[account].user);
    await server.forgetRequests();

    let answer = await call(core, 'privacy.deleteAccount', { accountId, confirmation: demo[account].password, confirmRelinquish: false });
    if (account === 'email2fa') {
      // test.john owns test-room with roxie in it, and is alone in the team room Support.
      expect(answer).toEqual({
        deleted: false,
        message:
          'You are the last owner of some rooms. If you delete your account, “test-room” will pass to another member, and “Support” will be deleted, as nobody else is left in it. Your account is not deleted yet.',
        shouldChangeOwner: ['test-room'],
        shouldBeRemoved: ['Support'],
      });
      expect((await call(core, 'accounts.list', {})).accounts.map((a) => a.id)).toEqual([accountId]);
      answer = await call(core, 'privacy.deleteAccount', { accountId, confirmation: demo[account].password, confirmRelinquish: true });
    }
    expect(answer).toEqual({ deleted: true, message: expect.stringContaining('nothing of it is left on this computer') });
    // The proof in the first request: no challenge, no retry; the last-owner answer alone asks again.
    expect(await deletions()).toEqual(
      account === 'email2fa'
        ? [
            { status: 400, proof: true, relinquish: false },
            { status: 200, proof: true, relinquish: true },
          ]
        : [{ status: 200, proof: true, relinquish: false }],
    );
    expect((await server.requests()).some((r) => r.status === 429)).toBe(false);
    expect((await call(core, 'accounts.list', {})).accounts).toEqual([]);
    expect(await vault.accounts()).toEqual([]);
    expect(filesMentioning(userIds[account])).toEqual([]);
  });
});

describe('Delete my account', () => {
  it('is not offered, and refused before any request, where the workspace does not allow it', async () => {
    start(new MemoryVault());
    const accountId = await signedIn(core, server, 'plain');
    expect(await call(core, 'privacy.deletion', { accountId })).toMatchObject({ available: false, reason: deletionNotAllowed });
    await server.forgetRequests();
    // The server's own refusal, should the window ask anyway.
    const refused = await callFailure(core, 'privacy.deleteAccount', {
      accountId,
      confirmation: demo.plain.password,
      confirmRelinquish: false,
    });
    expect(refused).toMatchObject({ code: 'unauthorized', message: deletionNotAllowed });
    expect((await call(core, 'accounts.list', {})).accounts).toHaveLength(1);
  });

  it('says a wrong password in words, and the account stays', async () => {
    start(new MemoryVault());
    await server.changeSettings({ Accounts_AllowDeleteOwnAccount: true });
    const accountId = await signedIn(core, server, 'plain');
    const wrong = await callFailure(core, 'privacy.deleteAccount', { accountId, confirmation: 'not-it', confirmRelinquish: false });
    expect(wrong).toMatchObject({
      code: 'validation',
      message: 'Your password is not right.',
      fields: { confirmation: 'Your password is not right.' },
    });
    expect((await call(core, 'accounts.list', {})).accounts).toHaveLength(1);
  });

  it('lists the unsent edits the deletion would lose', async () => {
    start(new MemoryVault());
    await server.changeSettings({ Accounts_AllowDeleteOwnAccount: true });
    const accountId = await signedIn(core, server, 'plain');
    await call(core, 'preferences.refresh', { accountId });
    await server.dropConnections();
    await call(core, 'profile.refresh', { accountId }); // learns the server is unreachable
    await call(core, 'profile.edit', { accountId, changes: { bio: 'Never sent', statusText: 'Away' } });
    await call(core, 'preferences.edit', { accountId, changes: { highlights: ['launch'] } });
    await server.restore();
    const { losses } = await call(core, 'privacy.deletion', { accountId });
    expect(losses).toContain('Your unsent changes (Bio, Status text, Highlighted words): they are never sent.');
  });
});

const available = await secretServiceAvailable();
if (!available && requireKeychain) {
  throw new Error('No Secret Service answers: run the tests through tools/with-keyring.sh (CI requires the real keychain).');
}

// Outside a keyring session (a developer's plain `vitest`) there is no keychain; CI always has one.
describe.runIf(available)('after deletion, nothing is left on this computer', () => {
  const service = `account-manager-test-${randomUUID()}`;
  afterEach(async () => {
    for (const entry of await keytar.findCredentials(service)) await keytar.deletePassword(service, entry.account);
  });

  it('keeps what another account on that server still uses, and nothing that mentions the deleted one', async () => {
    start(new KeychainVault(service));
    await server.changeSettings({ Accounts_AllowDeleteOwnAccount: true });
    const plain = await signedIn(core, server, 'plain');
    const totp = await signedIn(core, server, 'totp');
    // Each looks the other up: people rows and pictures are kept per server, not per account.
    await call(core, 'people.lookup', { accountId: plain, key: 'username', value: 'roxie' });
    await call(core, 'people.lookup', { accountId: totp, key: 'username', value: 'demouser' });
    await call(core, 'people.lookup', { accountId: totp, key: 'username', value: 'test.john' });
    expect((await keytar.findCredentials(service)).map((c) => c.account)).toHaveLength(2);

    await call(core, 'privacy.deleteAccount', { accountId: plain, confirmation: demo.plain.password, confirmRelinquish: false });
    expect((await keytar.findCredentials(service)).map((c) => c.account)).toEqual([`${server.url}#${userIds.totp}`]);
    expect(filesMentioning(userIds.plain)).toEqual([]);
    // People are kept per server: roxie's account still has those looked up there, the deleted account's own entry aside.
    const recent = await call(core, 'people.recent', { accountId: totp });
    expect(recent.people.map((p) => p.username)).toEqual(['test.john', 'roxie']);
    expect(filesMentioning(demo.email2fa.userId)).not.toEqual([]);

    // The server's last account goes: the people copied from it go too.
    await call(core, 'privacy.deleteAccount', { accountId: totp, confirmation: demo.totp.password, confirmRelinquish: false });
    expect(await keytar.findCredentials(service)).toEqual([]);
    expect(filesMentioning(userIds.totp)).toEqual([]);
    expect(filesMentioning(demo.email2fa.userId)).toEqual([]);
  });
});
