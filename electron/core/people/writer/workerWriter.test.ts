import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePeople } from '../../../../tests/support/fakePeople';
import { recordingLog } from '../../../../tests/support/recordingLog';
import { makeTempDir } from '../../../../tests/support/tempDir';
import { writerThreadFromSource } from '../../../../tests/support/writerThread';
import { openDatabase } from '../../db/openDatabase';
import { PeopleSearch } from '../peopleSearch';
import { DirectoryStore, type DirectorySyncRow } from '../directoryStore';
import { PeopleStore } from '../peopleStore';
import { inThreadWriter, type DirectoryWriter } from './directoryWriter';
import { workerWriter } from './workerWriter';
import { writerStopped } from './writerFailure';

const people = fakePeople(1_000);

describe(
  'the directory writer on a thread of its own (a real Worker, its own connection to the encrypted cache)',
  { timeout: 60_000 },
  () => {
    let temp: ReturnType<typeof makeTempDir>;
    let opened: ReturnType<typeof openDatabase>;
    let key: string;
    let writer: DirectoryWriter | null;
    const recorded = recordingLog();

    beforeEach(() => {
      temp = makeTempDir();
      key = randomBytes(32).toString('hex');
      opened = openDatabase({ dataDir: temp.dir, clock: { now: () => 1 }, storage: { kind: 'encrypted', key, keyIsNew: true } });
      opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
      recorded.entries.length = 0;
      writer = null;
    });
    afterEach(async () => {
      vi.restoreAllMocks();
      await writer?.close();
      opened.db.close();
      temp.cleanup();
    });

    const here = () =>
      inThreadWriter(
        opened.db,
        { people: new PeopleStore(opened.db), directory: new DirectoryStore(opened.db) },
        { yieldBetweenSteps: true },
      );
    const onThread = (entry = writerThreadFromSource, threadKey = key) =>
      (writer = workerWriter(entry, { file: opened.path, key: threadKey }, here(), recorded.log));
    const savedHere = () => vi.spyOn(PeopleStore.prototype, 'saveListed');
    const page = (documents: typeof people, round = 1) => ({ serverId: 's', documents, round, now: 5 });
    const pages = (size: number) =>
      Array.from({ length: Math.ceil(people.length / size) }, (_, i) => people.slice(i * size, (i + 1) * size));
    const progress = (nextOffset: number): DirectorySyncRow => ({
      serverId: 's',
      accountId: 'a',
      source: 'users.list',
      round: 1,
      nextOffset,
      total: people.length,
      loaded: nextOffset,
      state: 'syncing',
      startedAt: 1,
      syncedAt: null,
      lastError: null,
      maxPeople: null,
      refreshes: 'full',
      changesMark: null,
      fullAt: null,
      needsPass: false,
    });

    it('writes pages with the sync’s progress and merges the index there; the main connection reads them at once, and wrote none', async () => {
      const spy = savedHere();
      const thread = onThread();
      let offset = 0;
      for (const documents of pages(100)) await thread.savePage(page(documents), progress((offset += documents.length)), 4);
      while (await thread.tidyIndex(32));
      expect(spy).not.toHaveBeenCalled();
      expect(new DirectoryStore(opened.db).get('s')).toMatchObject({ nextOffset: people.length, loaded: people.length });
      const store = new PeopleStore(opened.db);
      expect(store.listedCount('s')).toBe(people.length);
      const someone = people[417]!;
      const found = new PeopleSearch(opened.db).search('s', someone.username, 10);
      expect(found.people.map((hit) => hit.userId)).toContain(someone._id);
      expect(recorded.entries.filter((entry) => entry.level === 'warn')).toEqual([]);
    });

    it('prunes and forgets on the thread too', async () => {
      const thread = onThread();
      await thread.savePage(page(people.slice(0, 300)), null, 0);
      await thread.savePage(page(people.slice(0, 200), 2), null, 0);
      let after: number | null = 0;
      let deleted = 0;
      while (after !== null) {
        const step = await thread.pruneUnlisted('s', 2, after);
        deleted += step.deleted;
        after = step.next;
      }
      expect(deleted).toBe(100);
      expect(await thread.forgetListed('s', [people[0]!._id, people[1]!._id])).toBe(2);
      expect(new PeopleStore(opened.db).listedCount('s')).toBe(198);
    });

    it('a thread that cannot open the file (another key): every write runs here instead, and the log says why', async () => {
      const spy = savedHere();
      const thread = onThread(writerThreadFromSource, randomBytes(32).toString('hex'));
      await thread.savePage(page(people.slice(0, 50)), null, 4);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(new PeopleStore(opened.db).listedCount('s')).toBe(50);
      const warnings = recorded.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.message);
      expect(warnings).toEqual([expect.stringMatching(/written on the main thread from now on: its connection could not open/)]);
    });

    it('a thread that ends mid-write: that write is refused as interrupted, the next runs here and nothing is lost', async () => {
      // A thread that says it is ready, then ends as a crash would, at the first write it is sent.
      const dying = path.join(temp.dir, 'dying.cjs');
      fs.writeFileSync(
        dying,
        `const { parentPort } = require('node:worker_threads');
         parentPort.on('message', () => process.exit(3));
         parentPort.postMessage({ kind: 'ready' });`,
      );
      const thread = onThread({ file: dying });
      await expect(thread.savePage(page(people.slice(0, 50)), progress(50), 4)).rejects.toMatchObject({ code: writerStopped });
      await thread.savePage(page(people.slice(0, 50)), progress(50), 4);
      expect(new PeopleStore(opened.db).listedCount('s')).toBe(50);
      expect(new DirectoryStore(opened.db).get('s')).toMatchObject({ nextOffset: 50 });
    });

    it('keeps a process with nothing else to do alive until the thread has answered', () => {
      const child = path.resolve(import.meta.dirname, '../../../../tests/support/lonelyWriterChild.ts');
      const run = spawnSync(process.execPath, ['--import', 'tsx', child, temp.dir], { encoding: 'utf8', timeout: 30_000 });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('100');
    });

    it('closed: the thread lets go of the file, and a later write is refused rather than run anywhere', async () => {
      const thread = onThread();
      await thread.savePage(page(people.slice(0, 10)), null, 4);
      await thread.close();
      await expect(thread.savePage(page(people.slice(10, 20)), null, 4)).rejects.toThrow(/closed/);
      expect(new PeopleStore(opened.db).listedCount('s')).toBe(10);
      // Nothing but the main connection holds the file: it checkpoints the whole WAL away.
      expect(opened.db.pragma('wal_checkpoint(TRUNCATE)', { simple: false })).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
    });
  },
);
