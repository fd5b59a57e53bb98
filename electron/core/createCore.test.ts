import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/support/tempDir';
import { createCore, startCore } from './createCore';
import { migrations } from './db/migrations';
import { databaseFileName } from './db/openDatabase';

const latestSchema = migrations.length;
import { MemoryVault } from './vault/memoryVault';

describe('createCore: app.info', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('reports version, data folder, schema, storage and keychain state', async () => {
    const core = await startCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '2.0.0', shell: 'test' });
    const result = await core.dispatch('app.info', {});
    core.close();
    expect(result).toEqual({
      ok: true,
      value: {
        version: '2.0.0',
        dataDir: temp.dir,
        database: {
          path: path.join(temp.dir, databaseFileName),
          schemaVersion: latestSchema,
          storage: { state: 'encrypted', message: 'Encrypted on this computer, with a key kept in the system keychain.' },
        },
        keychain: { state: 'available' },
        shell: 'test',
      },
    });
  });

  it('leaves rocketchat:// links to the desktop app: elsewhere app.claimLinks says so', async () => {
    const core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '2.0.0', shell: 'browser-host' });
    const result = await core.dispatch('app.claimLinks', {});
    core.close();
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: 'Only the desktop app can open rocketchat:// links.' } });
  });

  it('says why the keychain is unavailable', async () => {
    const vault = new MemoryVault();
    vault.setUnavailable('The system keychain is locked.');
    const core = createCore({ dataDir: temp.dir, vault, version: '2.0.0', shell: 'test' });
    const result = await core.dispatch('app.info', {});
    core.close();
    expect(result).toMatchObject({ ok: true, value: { keychain: { state: 'unavailable', reason: 'The system keychain is locked.' } } });
  });

  it('reports that a corrupt database was set aside', async () => {
    fs.writeFileSync(path.join(temp.dir, databaseFileName), 'garbage'.repeat(1000));
    const core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '2.0.0', shell: 'test' });
    const result = await core.dispatch('app.info', {});
    core.close();
    expect(result).toMatchObject({
      ok: true,
      value: { database: { schemaVersion: latestSchema, recovered: { movedTo: expect.stringContaining('.corrupt-') } } },
    });
  });
});
