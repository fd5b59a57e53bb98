import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { indexTokens } from './indexTokens';
import type { IndexedFields } from './indexVocabulary';

/** The columns of a people row the search index is made from. */
export interface IndexedRow {
  id: number;
  serverId: string;
  username: string | null;
  name: string | null;
  nickname: string | null;
  /** Addresses separated by spaces, as the people table keeps them. */
  emails: string | null;
}

export const indexedFieldsOf = (row: Omit<IndexedRow, 'id' | 'serverId'>): IndexedFields => ({
  username: row.username,
  name: row.name,
  nickname: row.nickname,
  emails: row.emails ? row.emails.split(' ') : [],
});

/** Leaf pages of FTS5 merge work per tidy() step: a few milliseconds at 500,000 people. */
const mergePagesPerStep = 32;

/**
 * Writes people_index, the search index over the people table (searchTokens.ts says what
 * it holds). Rows are written here, by the code that changed the person; a trigger removes
 * them when the person goes (so a pruned sync or a removed server leaves nothing behind).
 *
 * FTS5 merges its segments itself by default, inside whichever write happens to trigger it:
 * at 500,000 people one page of 100 then took 300 ms. The index is created with automerge
 * off instead (migration 9) and merged here in bounded steps that the sync runs between
 * pages, yielding in between; crisismerge stays as the backstop for lone writes (lookups).
 *
 * Those merges leave up to `usermerge` segments per level, and FTS5 answers an AND of a rare
 * token with a common one (every search: the server's token is in every row) by reading the
 * common token's whole row list in each of them: 2.4 ms at 500,000 people against 0.05 ms in
 * one segment. So a complete copy ends by merging every segment into one (`compact`, D120).
 */
export class PeopleIndex {
  private readonly replace: Statement;
  private readonly merge: Statement;
  private readonly changes: Statement;

  constructor(db: Database) {
    this.replace = db.prepare('INSERT OR REPLACE INTO people_index (rowid, tokens) VALUES (?, ?)');
    this.merge = db.prepare("INSERT INTO people_index (people_index, rank) VALUES ('merge', ?)");
    this.changes = db.prepare('SELECT total_changes()').pluck();
  }

  put(row: IndexedRow): void {
    this.replace.run(row.id, indexTokens(row.serverId, indexedFieldsOf(row)));
  }

  /** One bounded step of merging; false when there was nothing left to merge. */
  tidy(): boolean {
    return this.mergeStep(mergePagesPerStep);
  }

  /**
   * One bounded step towards a single segment: FTS5's 'merge' with a negative count merges
   * segments of every level, whatever their number (an 'optimize' done in steps, each
   * resuming the last); false once the index is one segment.
   */
  compact(): boolean {
    return this.mergeStep(-mergePagesPerStep);
  }

  private mergeStep(pages: number): boolean {
    const before = this.changes.get() as number;
    this.merge.run(pages);
    // FTS5's documented signal: fewer than two rows changed means no merge work was done.
    return (this.changes.get() as number) - before >= 2;
  }
}

/** Indexes every saved person again, a batch at a time (the migration that creates the index uses it). */
export function indexAllPeople(db: Database, batch = 2000): number {
  const index = new PeopleIndex(db);
  const next = db.prepare(
    `SELECT id, server_id AS serverId, username, name, nickname, emails FROM people WHERE id > ? ORDER BY id LIMIT ${batch}`,
  );
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = next.all(after) as IndexedRow[];
    for (const row of rows) index.put(row);
    count += rows.length;
    if (rows.length < batch) return count;
    after = rows[rows.length - 1]!.id;
  }
}
