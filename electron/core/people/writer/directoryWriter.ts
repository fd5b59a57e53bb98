import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DirectoryStore, DirectorySyncRow } from '../directoryStore';
import type { PeopleStore } from '../peopleStore';

/** One page of a directory listing, cleaned, as `round` saw it at `now`. */
export interface ListedPage {
  serverId: string;
  documents: Parameters<PeopleStore['saveListed']>[1];
  round: number;
  now: number;
}

/**
 * The directory sync's writes to the people table and its search index: a page saved (with
 * where the sync stands), a slice of the unlisted pruned, people the server no longer lists
 * forgotten, index merging. Asynchronous, so they can run on a thread of their own
 * (workerWriter.ts) and the window's thread only waits for their answer, never for SQLite.
 */
export interface DirectoryWriter {
  /** How many pages the sync gives one savePage: more where a save does not hold the window's thread. */
  pagesPerSave(): number;
  /**
   * The page and the sync's progress row in one transaction (a crash keeps both or neither),
   * then up to `tidySteps` steps of index merging, which one page's writes make due.
   */
  savePage(page: ListedPage, progress: DirectorySyncRow | null, tidySteps: number): Promise<void>;
  pruneUnlisted(serverId: string, round: number, after: number): Promise<{ deleted: number; next: number | null }>;
  forgetListed(serverId: string, userIds: readonly string[]): Promise<number>;
  /** Up to `steps` bounded steps of index merging; false once nothing is left to merge. */
  tidyIndex(steps: number): Promise<boolean>;
  /** Up to `steps` bounded steps of merging the index into one segment (a complete copy's end); false once it is one. */
  compactIndex(steps: number): Promise<boolean>;
  /** Lets go of the writer's connection; resolves once nothing more can be written. */
  close(): Promise<void>;
}

/** The operations a writer thread is asked to run, by name. */
export type WriterOperation = Exclude<keyof DirectoryWriter, 'close' | 'pagesPerSave'>;

/**
 * Pages per save on the writer's thread: a thousand people per transaction cut a sync's writes
 * by about 40 % against a hundred (commits rewrite the b-trees' last pages each time, D119).
 */
export const pagesPerThreadSave = 10;

/** Yields to the event loop: a thread that also answers the window must not hold it for long. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The same writes through one connection on the calling thread. On the main thread (a cache in
 * memory, or no thread could start) it yields before each merge step, so the window waits at
 * most one step (`yieldBetweenSteps`); the writer's thread runs its steps straight on.
 */
export function inThreadWriter(
  db: Database,
  stores: { people: PeopleStore; directory: DirectoryStore },
  options: { yieldBetweenSteps: boolean },
): DirectoryWriter {
  const { people, directory } = stores;
  const save = db.transaction((page: ListedPage, progress: DirectorySyncRow | null) => {
    people.saveListed(page.serverId, page.documents, page.round, page.now);
    if (progress) directory.put(progress);
  });
  const stepper = (step: () => boolean) => async (steps: number) => {
    for (let done = 0; done < steps; done++) {
      if (options.yieldBetweenSteps) await nextTurn();
      if (!step()) return false;
    }
    return true;
  };
  const tidyIndex = stepper(() => people.tidyIndex());
  return {
    // On the window's thread a page at a time: a save of ten would hold it well beyond P6's 50 ms.
    pagesPerSave: () => (options.yieldBetweenSteps ? 1 : pagesPerThreadSave),
    savePage: async (page, progress, tidySteps) => {
      save(page, progress);
      await tidyIndex(tidySteps);
    },
    pruneUnlisted: async (serverId, round, after) => people.pruneUnlisted(serverId, round, after),
    forgetListed: async (serverId, userIds) => people.forgetListed(serverId, userIds),
    tidyIndex,
    compactIndex: stepper(() => people.compactIndex()),
    close: async () => undefined,
  };
}
