import keytar from '@github/keytar';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callFailure } from '../../../tests/support/coreCall';
import { requireKeychain, secretServiceAvailable } from '../../../tests/support/secretService';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { startCore } from '../createCore';
import { KeychainVault } from '../vault/keychainVault';
import { MemoryVault } from '../vault/memoryVault';

const available = await secretServiceAvailable();
if (!available && requireKeychain) {
  throw new Error('No Secret Service answers: run the tests through tools/with-keyring.sh (CI requires the real keychain).');
}

describe('Forget this computer (D102)', () => {
  let server: TestServer;
  const temp = makeTempDir();
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  it.runIf(available)('lists what would be lost, then leaves the keychain service and the data folder empty', async () => {
    const service = `account-manager-test-${randomUUID()}`;
    const dataDir = path.join(temp.dir, 'forget');
    const core = await startCore({ dataDir, vault: new KeychainVault(service), version: '1', shell: 'test' });
    const { id: serverId } = await call(core, 'servers.add', { url: server.url });
    const account = await call(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: demo.plain.password });
    // An edit the server refuses for now stays unsent: the confirmation must count it.
    await server.failWith(503, { route: '/api/v1/users.updateOwnBasicInfo' });
    await call(core, 'profile.edit', { accountId: account.id, changes: { bio: 'not sent yet' } });
    expect((await keytar.findCredentials(service)).length).toBe(2); // the session and the cache's key

    expect(await call(core, 'app.forgetPreview', {})).toEqual({
      accounts: [{ name: expect.stringContaining(demo.plain.user), unsentEdits: 1 }],
      unsentEdits: 1,
      dataDir,
    });
    const forgotten = new Promise<void>((resolve) => core.events.on('app.forgotten', () => resolve()));
    expect(await call(core, 'app.forgetComputer', {})).toEqual({});
    await forgotten;

    expect(await keytar.findCredentials(service)).toEqual([]);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    core.close();
    await server.restore();

    // The next start is a first start: no account, a new key.
    const again = await startCore({ dataDir, vault: new KeychainVault(service), version: '1', shell: 'test' });
    try {
      expect((await call(again, 'accounts.list', {})).accounts).toEqual([]);
      expect((await call(again, 'app.info', {})).database.recovered).toBeUndefined();
    } finally {
      again.close();
      for (const entry of await keytar.findCredentials(service)) await keytar.deletePassword(service, entry.account);
    }
  });

  it('removes nothing when the keychain does not answer, and says so', async () => {
    const dataDir = path.join(temp.dir, 'locked');
    const vault = new MemoryVault();
    const core = await startCore({ dataDir, vault, version: '1', shell: 'test' });
    try {
      vault.setUnavailable('The system keychain is locked.');
      const failure = await callFailure(core, 'app.forgetComputer', {});
      expect(failure).toMatchObject({ code: 'keychain-unavailable', message: expect.stringContaining('Nothing was removed') });
      expect(fs.readdirSync(dataDir)).toContain('account-manager.sqlite');
      vault.setUnavailable(null);
      expect(await vault.accounts()).toHaveLength(1);
    } finally {
      core.close();
    }
  });
});
