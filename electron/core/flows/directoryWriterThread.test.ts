import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryStatus } from '../../../shared/directorySchemas';
import { call, callResult } from '../../../tests/support/coreCall';
import { signedIn } from '../../../tests/support/coreSignIn';
import { makeTempDir } from '../../../tests/support/tempDir';
import { startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { slowWriterThreadFromSource, writerThreadFromSource } from '../../../tests/support/writerThread';
import { createCore, type Core } from '../createCore';
import { databaseFileName } from '../db/openDatabase';
import { pagesPerThreadSave } from '../people/writer/directoryWriter';
import { MemoryVault } from '../vault/memoryVault';

/** Enough people for a sync of 25 pages: two and a half saves of ten on the writer's thread. */
const generated = 2_450;

describe('the directory synced through the writer’s thread, against the reference users API', { timeout: 90_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let vault: MemoryVault;
  let core: Core;
  let accountId: string;
  const start = (directoryWriter = writerThreadFromSource) => {
    core = createCore({
      dataDir: temp.dir,
      vault,
      version: '1',
      shell: 'test',
      directoryWriter,
      retryPolicy: { attempts: 1 },
    });
  };
  const status = () => call(core, 'directory.status', { accountId });
  const settled = (state: DirectoryStatus['state']) => expect.poll(async () => (await status()).state, { timeout: 30_000 }).toBe(state);
  const listCalls = async () => (await server.requests()).filter((request) => request.path.startsWith('/api/v1/users.list')).length;
  /** Where the saved sync stands, read from the file as another program would. */
  const savedOffset = () => {
    const db = new Database(path.join(temp.dir, databaseFileName), { readonly: true });
    try {
      return db.prepare('SELECT next_offset FROM directory_sync').pluck().get() as number;
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    temp = makeTempDir();
    vault = new MemoryVault();
    server = await startTestServer({ people: generated });
    start();
    accountId = await signedIn(core, server, 'plain');
    await callResult(core, 'directory.sync', { accountId });
    await settled('done');
    await server.forgetRequests();
  }, 60_000);
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('a quit mid-sync keeps every page saved with its offset; the restart reads on from there and ends with everyone once', async () => {
    const { total } = await status();
    const perSave = pagesPerThreadSave * 100;
    // The app quits once the status says the first ten pages are saved (the count it shows is what
    // the file holds), however long a busy machine takes to get there.
    const quit = new Promise<DirectoryStatus>((resolve) => {
      let quitting = false;
      core.events.on('directory.changed', (changed) => {
        if (!quitting && changed.state === 'syncing' && changed.loaded >= perSave) {
          quitting = true;
          core.close();
          resolve(changed);
        }
      });
    });
    await callResult(core, 'directory.sync', { accountId, force: true });
    const closedAt = await quit;
    // The file says where the sync stands: whole saves of ten pages, at least those the status
    // counted (a save already handed to the thread may still end after the quit), never the end.
    const saved = savedOffset();
    expect(saved % perSave).toBe(0);
    expect(saved).toBeGreaterThanOrEqual(closedAt.loaded);
    expect(saved).toBeLessThan(total!);
    await server.forgetRequests();

    start();
    await core.ready;
    await callResult(core, 'directory.sync', { accountId });
    await settled('done');
    expect(await status()).toMatchObject({ loaded: total, cached: total, error: null });
    // Read on from the saved offset: the pages after it, the round's catch-up, and at most one
    // request the quit left in flight. Started over, it would read every page again.
    expect(await listCalls()).toBeLessThanOrEqual(Math.ceil((total! - closedAt.loaded) / 100) + 2);
    expect((await call(core, 'directory.search', { accountId, query: 'olasup' })).people.map((p) => p.username)).toEqual(['roxie']);
  });

  it('a server failing while ten pages are being saved: the sync pauses, and the save ending after does not undo the pause', async () => {
    // A writer whose saves are held for seconds: the failure certainly comes while one is on its way.
    core.close();
    start(slowWriterThreadFromSource);
    await core.ready;
    await callResult(core, 'directory.sync', { accountId, force: true });
    // The first save of the round is being held: the server fails from now on.
    const held = path.join(temp.dir, `${databaseFileName}-held`);
    await expect.poll(() => fs.existsSync(held), { timeout: 15_000 }).toBe(true);
    await server.failWith(503, { route: '/api/v1/users.list' });
    await settled('paused');
    // The save handed over before the failure has ended (its pages are kept)…
    await expect.poll(() => fs.existsSync(held), { timeout: 15_000 }).toBe(false);
    expect(savedOffset()).toBeGreaterThanOrEqual(1_000);
    // …and the stop was recorded after it: still paused, saying why, on screen and in the file.
    expect(await status()).toMatchObject({ state: 'paused', error: expect.stringMatching(/continues when the server answers/) });
    const db = new Database(path.join(temp.dir, databaseFileName), { readonly: true });
    try {
      expect(db.prepare('SELECT state FROM directory_sync').pluck().get()).toBe('paused');
    } finally {
      db.close();
    }
  });
});
