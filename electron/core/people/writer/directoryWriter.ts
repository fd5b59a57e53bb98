import type { PeopleStore } from '../peopleStore';

type Listed = Parameters<PeopleStore['saveListed']>[1];

/**
 * The directory sync's writes to the people table and its search index: a page saved, a slice
 * of the unlisted pruned, people the server no longer lists forgotten, one step of index
 * merging. Asynchronous, so they can run on a thread of their own (workerWriter.ts) and the
 * window's thread only waits for their answer, never for SQLite.
 */
export interface DirectoryWriter {
  saveListed(serverId: string, documents: Listed, round: number, now: number): Promise<void>;
  pruneUnlisted(serverId: string, round: number, after: number): Promise<{ deleted: number; next: number | null }>;
  forgetListed(serverId: string, userIds: readonly string[]): Promise<number>;
  /** One bounded step of index merging; false when there is nothing left to merge. */
  tidyIndex(): Promise<boolean>;
  /** Lets go of the writer's connection; resolves once nothing more can be written. */
  close(): Promise<void>;
}

/** The operations a writer thread is asked to run, by name. */
export type WriterOperation = Exclude<keyof DirectoryWriter, 'close'>;

/**
 * The same writes on the calling thread, through its own connection: where no thread of its
 * own can share the database (an in-memory cache) or none could be started.
 */
export function inThreadWriter(store: PeopleStore): DirectoryWriter {
  return {
    saveListed: async (serverId, documents, round, now) => store.saveListed(serverId, documents, round, now),
    pruneUnlisted: async (serverId, round, after) => store.pruneUnlisted(serverId, round, after),
    forgetListed: async (serverId, userIds) => store.forgetListed(serverId, userIds),
    tidyIndex: async () => store.tidyIndex(),
    close: async () => undefined,
  };
}
