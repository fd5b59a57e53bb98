import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { databaseFileName } from '../../electron/core/db/openDatabase';

export { changesEveryMs } from '../../electron/core/people/refreshPlan';

/** A person of a directory copy, as compared with the server's own list. */
export interface CopiedPerson {
  _id: string;
  username: string | null;
  name: string | null;
  active: boolean | null;
}

/** The directory copy of a core's data folder (a plain database), read from its SQLite file, in `_id` order. */
export function directoryCopy(dataDir: string): CopiedPerson[] {
  const db = new Database(path.join(dataDir, databaseFileName), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT user_id AS _id, username, name, json_extract(document, '$.active') AS active FROM people
         WHERE sync_round IS NOT NULL ORDER BY user_id`,
      )
      .all() as (Omit<CopiedPerson, 'active'> & { active: number | null })[];
    return rows.map((row) => ({ ...row, active: row.active === null ? null : row.active === 1 }));
  } finally {
    db.close();
  }
}

/** How many segments the search index of a core's data folder (a plain database) is in. */
export function indexSegments(dataDir: string): number {
  const db = new Database(path.join(dataDir, databaseFileName), { readonly: true });
  try {
    return db.prepare('SELECT count(DISTINCT segid) FROM people_index_idx').pluck().get() as number;
  } finally {
    db.close();
  }
}
