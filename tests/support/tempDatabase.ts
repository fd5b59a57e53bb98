import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Migration } from '../../electron/core/db/migration';
import { openDatabase } from '../../electron/core/db/openDatabase';
import { makeTempDir } from './tempDir';

export interface TempDatabase {
  db: Database;
  /** Closes the database and removes its folder. */
  close(): void;
}

/** The app's database, fully migrated (or up to the given steps), in a fresh temp folder: real SQLite on disk. */
export function openTempDatabase(migrations?: readonly Migration[]): TempDatabase {
  const temp = makeTempDir();
  const { db } = openDatabase({ dataDir: temp.dir, clock: { now: () => 1 }, migrations });
  return {
    db,
    close() {
      db.close();
      temp.cleanup();
    },
  };
}
