import keytar from '@github/keytar';
import PlainDatabase from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../tests/support/coreCall';
import { requireKeychain, secretServiceAvailable } from '../../../tests/support/secretService';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, startCore, type Core } from '../createCore';
import { databaseKeyEntry } from '../databaseKey';
import { databaseFileName } from '../db/openDatabase';
import { KeychainVault } from '../vault/keychainVault';
import { MemoryVault } from '../vault/memoryVault';

const available = await secretServiceAvailable();
if (!available && requireKeychain) {
  throw new Error('No Secret Service answers: run the tests through tools/with-keyring.sh (CI requires the real keychain).');
}

/** Every byte the data folder holds (database, WAL, anything else). */
function folderBytes(dir: string): Buffer {
  if (!fs.existsSync(dir)) return Buffer.alloc(0);
  return Buffer.concat(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name))),
  );
}

describe('the cache at rest (D98–D100)', () => {
  let server: TestServer;
  let temp: ReturnType<typeof makeTempDir>;
  let dataDir: string;
  const cores: Core[] = [];
  beforeEach(async () => {
    server ??= await startTestServer();
    await server.reset();
    temp = makeTempDir();
    dataDir = path.join(temp.dir, 'data');
  });
  afterEach(() => {
    cores.splice(0).forEach((core) => core.close());
    temp.cleanup();
  });
  afterAll(async () => server?.close());

  async function signedInCore(core: Core) {
    cores.push(core);
    const { id: serverId } = await call(core, 'servers.add', { url: server.url });
    const account = await call(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: demo.plain.password });
    await call(core, 'profile.refresh', { accountId: account.id });
    const profile = await call(core, 'profile.get', { accountId: account.id });
    return { account, profile };
  }

  it('is encrypted with the key from the keychain: plain SQLite cannot open it, the core reopens it', async () => {
    const vault = new MemoryVault();
    const core = await startCore({ dataDir, vault, version: '1', shell: 'test' });
    const { account, profile } = await signedInCore(core);
    expect(profile.profile?.name).toBeTruthy();
    core.close();
    cores.length = 0;

    const file = path.join(dataDir, databaseFileName);
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(folderBytes(dataDir).includes(profile.profile!.name!)).toBe(false);
    expect(() => new PlainDatabase(file, { readonly: true }).prepare('SELECT * FROM accounts').all()).toThrow(/not a database/);
    expect(await vault.get(databaseKeyEntry(dataDir))).toMatch(/^[0-9a-f]{64}$/);

    const again = await startCore({ dataDir, vault, version: '1', shell: 'test' });
    cores.push(again);
    expect((await call(again, 'accounts.list', {})).accounts.map((entry) => entry.id)).toEqual([account.id]);
    expect((await call(again, 'profile.get', { accountId: account.id })).profile?.name).toBe(profile.profile!.name);
  });

  it('encrypts an existing plain database in place, keeping everything', async () => {
    const vault = new MemoryVault();
    const plain = createCore({ dataDir, vault, version: '1', shell: 'test' });
    const { account, profile } = await signedInCore(plain);
    plain.close();
    cores.length = 0;
    const file = path.join(dataDir, databaseFileName);
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');

    const core = await startCore({ dataDir, vault, version: '1', shell: 'test' });
    cores.push(core);
    expect((await call(core, 'profile.get', { accountId: account.id })).profile?.name).toBe(profile.profile!.name);
    expect((await call(core, 'app.info', {})).database.storage.state).toBe('encrypted');
    expect(fs.readdirSync(dataDir).filter((name) => !name.startsWith(databaseFileName))).toEqual([]);
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('.encrypting') || name.includes('.corrupt-'))).toEqual([]);
    core.close();
    cores.length = 0;
    expect(folderBytes(dataDir).includes(profile.profile!.name!)).toBe(false);
    expect(folderBytes(dataDir).includes('SQLite format 3')).toBe(false);
  });

  it('without a keychain keeps the cache in memory, writes nothing, and About says so', async () => {
    const vault = new MemoryVault();
    vault.setUnavailable('The system keychain is locked.');
    const core = await startCore({ dataDir, vault, version: '1', shell: 'test' });
    cores.push(core);
    await call(core, 'servers.add', { url: server.url });
    const info = await call(core, 'app.info', {});
    expect(info.database.storage).toEqual({ state: 'memory', message: expect.stringContaining('nothing is written to disk') });
    expect(info.keychain).toEqual({ state: 'unavailable', reason: 'The system keychain is locked.' });
    expect(await call(core, 'servers.list', {})).toHaveLength(1);
    expect(folderBytes(dataDir).length).toBe(0);
  });

  it('sets a file whose key is missing from the keychain aside, says why, and deletes nothing', async () => {
    const vault = new MemoryVault();
    const core = await startCore({ dataDir, vault, version: '1', shell: 'test' });
    await signedInCore(core);
    core.close();
    cores.length = 0;
    const file = path.join(dataDir, databaseFileName);
    const before = fs.readFileSync(file);
    await vault.delete(databaseKeyEntry(dataDir));

    const again = await startCore({ dataDir, vault, version: '1', shell: 'test' });
    cores.push(again);
    const info = await call(again, 'app.info', {});
    expect(info.database.recovered).toMatchObject({ reason: expect.stringContaining('encryption key is not in the system keychain') });
    expect(fs.readFileSync(info.database.recovered!.movedTo)).toEqual(before);
    expect((await call(again, 'accounts.list', {})).accounts).toEqual([]);
    expect(info.database.storage.state).toBe('encrypted');
  });

  describe.runIf(available)('with the real keychain', () => {
    const service = `account-manager-test-${randomUUID()}`;
    afterAll(async () => {
      for (const entry of await keytar.findCredentials(service)) await keytar.deletePassword(service, entry.account);
    });

    it('keeps the key in the keychain: the core opens the file with it, plain SQLite cannot', async () => {
      const core = await startCore({ dataDir, vault: new KeychainVault(service), version: '1', shell: 'test' });
      const { account } = await signedInCore(core);
      core.close();
      cores.length = 0;
      const key = await keytar.getPassword(service, databaseKeyEntry(dataDir));
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(() => new PlainDatabase(path.join(dataDir, databaseFileName)).prepare('SELECT * FROM accounts').all()).toThrow(
        /not a database/,
      );
      const again = await startCore({ dataDir, vault: new KeychainVault(service), version: '1', shell: 'test' });
      cores.push(again);
      expect((await call(again, 'accounts.list', {})).accounts.map((entry) => entry.id)).toEqual([account.id]);
    });
  });
});
