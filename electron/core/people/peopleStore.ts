import type { Database, RunResult, Statement } from 'better-sqlite3-multiple-ciphers';
import type { LookupKey } from '../../../shared/profileSchemas';
import { PeopleIndex, type IndexedRow } from '../db/peopleIndex/peopleIndex';
import { planSearch } from '../db/peopleIndex/searchTokens';

export interface StoredPerson {
  userId: string;
  document: Record<string, unknown>;
  fetchedAt: number;
}

/** Column (or JSON path) that answers each lookup key from the cache when offline. */
const cachedMatch: Record<LookupKey, string> = {
  userId: 'user_id = @value',
  username: 'lower(username) = lower(@value)',
  email: "EXISTS (SELECT 1 FROM json_each(document, '$.emails') WHERE lower(json_extract(value, '$.address')) = lower(@value))",
  importId: "EXISTS (SELECT 1 FROM json_each(document, '$.importIds') WHERE value = @value)",
  freeSwitchExtension: "json_extract(document, '$.freeSwitchExtension') = @value",
};
/**
 * Keys the search index narrows down first: an exact username or address always contains
 * its own folded text, so the index's candidates include it, and the exact check above
 * then reads a handful of rows instead of every person of the server.
 */
const indexedKeys = new Set<LookupKey>(['username', 'email']);

type SavedColumns = Omit<IndexedRow, 'serverId'>;
type Columns = ReturnType<typeof columnsOf>;

/** The people table: users looked up or listed on each server, sanitised, with their search index. */
export class PeopleStore {
  private readonly existing: Statement;
  private readonly existingOfPage: Statement;
  private readonly upsert: Statement;
  private readonly upsertListed: Statement;
  private readonly count: Statement;
  private readonly index: PeopleIndex;

  constructor(private readonly db: Database) {
    this.existing = db.prepare('SELECT id, username, name, nickname, emails FROM people WHERE server_id = ? AND user_id = ?');
    this.existingOfPage = db.prepare(
      `SELECT id, user_id AS userId, username, name, nickname, emails FROM people
       WHERE server_id = ? AND user_id IN (SELECT value FROM json_each(?))`,
    );
    this.upsert = db.prepare(
      `INSERT INTO people (server_id, user_id, username, name, nickname, emails, status, document, fetched_at, looked_up_at)
       VALUES (@serverId, @userId, @username, @name, @nickname, @emails, @status, @document, @now, @lookedUpAt)
       ON CONFLICT (server_id, user_id) DO UPDATE SET username = excluded.username, name = excluded.name,
         nickname = excluded.nickname, emails = excluded.emails, status = excluded.status, document = excluded.document, fetched_at = excluded.fetched_at,
         looked_up_at = coalesce(excluded.looked_up_at, people.looked_up_at)`,
    );
    this.upsertListed = db.prepare(
      `INSERT INTO people (server_id, user_id, username, name, nickname, emails, status, document, fetched_at, sync_round)
       VALUES (@serverId, @userId, @username, @name, @nickname, @emails, @status, @document, @now, @round)
       ON CONFLICT (server_id, user_id) DO UPDATE SET username = excluded.username, name = excluded.name,
         nickname = coalesce(excluded.nickname, people.nickname), emails = coalesce(excluded.emails, people.emails),
         status = coalesce(excluded.status, people.status),
         document = json_patch(people.document, excluded.document), fetched_at = excluded.fetched_at, sync_round = excluded.sync_round`,
    );
    this.count = db.prepare(
      `INSERT INTO people_counts (server_id, people) VALUES (?, ?) ON CONFLICT (server_id) DO UPDATE SET people = people + excluded.people`,
    );
    this.index = new PeopleIndex(db);
  }

  save(serverId: string, document: Record<string, unknown> & { _id: string }, now: number, lookedUp: boolean): void {
    this.db.transaction(() => {
      const columns = columnsOf(serverId, document, now);
      this.finish(serverId, [this.write(columns, () => this.upsert.run({ ...columns, lookedUpAt: lookedUp ? now : null }))]);
    })();
  }

  /**
   * One page of a directory listing, in one transaction. Listings carry fewer fields than
   * a lookup, so they are merged into what is already saved (json_patch) rather than
   * replacing it; `round` marks who the current sync has seen.
   */
  saveListed(serverId: string, documents: (Record<string, unknown> & { _id: string })[], round: number, now: number): void {
    this.db.transaction(() => {
      // Who is known already, in one statement for the page rather than one per person.
      const known = new Map<string, SavedColumns & { id: number }>();
      const ids = JSON.stringify(documents.map((document) => document._id));
      for (const row of this.existingOfPage.all(serverId, ids) as (SavedColumns & { id: number; userId: string })[])
        known.set(row.userId, row);
      const written = documents.map((document) => {
        const columns = columnsOf(serverId, document, now);
        const before = known.get(columns.userId);
        const result = this.upsertListed.run({ ...columns, round });
        if (!before) {
          const id = Number(result.lastInsertRowid);
          known.set(columns.userId, { ...columns, id }); // listed twice in one page: the second is an update
          return { added: true, index: { ...columns, id } };
        }
        // What upsertListed leaves, without reading it back: a listing's missing nickname or addresses keep the saved ones.
        const after = {
          username: columns.username,
          name: columns.name,
          nickname: columns.nickname ?? before.nickname,
          emails: columns.emails ?? before.emails,
        };
        known.set(columns.userId, { ...after, id: before.id });
        return { added: false, index: sameIndexed(before, after) ? null : { ...after, id: before.id, serverId } };
      });
      this.finish(serverId, written);
    })();
  }

  /**
   * After a complete sync: people the server no longer lists go, unless looked up by hand.
   * One step reads at most `window` rows, so a large directory is pruned a slice at a time
   * (the caller yields between steps); `next` is where the following step starts, null at the end.
   */
  pruneUnlisted(serverId: string, round: number, after = 0, window = 2000): { deleted: number; next: number | null } {
    const last = this.db
      .prepare(`SELECT max(id) FROM (SELECT id FROM people WHERE id > ? ORDER BY id LIMIT ${window})`)
      .pluck()
      .get(after) as number | null;
    if (last === null) return { deleted: 0, next: null };
    const deleted = this.db.transaction(() => {
      const changes = this.db
        .prepare(
          // "+server_id": the id range drives the delete; the server index would visit all of its people per slice.
          `DELETE FROM people WHERE id > ? AND id <= ? AND +server_id = ? AND looked_up_at IS NULL AND (sync_round IS NULL OR sync_round < ?)`,
        )
        .run(after, last, serverId, round).changes;
      if (changes > 0) this.count.run(serverId, -changes);
      return changes;
    })();
    return { deleted, next: last };
  }

  /** How many people the directory copy holds (listed by a sync; looked-up-only people are not). */
  listedCount(serverId: string): number {
    return this.db.prepare('SELECT count(*) FROM people WHERE server_id = ? AND sync_round IS NOT NULL').pluck().get(serverId) as number;
  }

  /** The ids of the directory copy, in the server's `_id` order (binary, as MongoDB compares strings). */
  listedIds(serverId: string): string[] {
    return this.db
      .prepare('SELECT user_id FROM people WHERE server_id = ? AND sync_round IS NOT NULL ORDER BY user_id')
      .pluck()
      .all(serverId) as string[];
  }

  /**
   * People the server no longer lists leave the directory copy: gone, unless looked up by
   * hand (kept, no longer counted as listed), as pruneUnlisted does after a full pass.
   */
  forgetListed(serverId: string, userIds: readonly string[]): number {
    const remove = this.db.prepare('DELETE FROM people WHERE server_id = ? AND user_id = ? AND looked_up_at IS NULL');
    const unlist = this.db.prepare('UPDATE people SET sync_round = NULL WHERE server_id = ? AND user_id = ?');
    return this.db.transaction(() => {
      let deleted = 0;
      for (const userId of userIds) {
        deleted += remove.run(serverId, userId).changes;
        unlist.run(serverId, userId);
      }
      if (deleted > 0) this.count.run(serverId, -deleted);
      return deleted;
    })();
  }

  /**
   * A deleted account's own entry, or (userId null) every person of the server, with their
   * counts; the index follows through its trigger.
   */
  forget(serverId: string, userId: string | null): void {
    this.db.transaction(() => {
      if (userId === null) {
        this.db.prepare('DELETE FROM people WHERE server_id = ?').run(serverId);
        this.db.prepare('DELETE FROM people_counts WHERE server_id = ?').run(serverId);
        return;
      }
      const gone = this.db.prepare('DELETE FROM people WHERE server_id = ? AND user_id = ?').run(serverId, userId).changes;
      if (gone > 0) this.count.run(serverId, -gone);
    })();
  }

  findCached(serverId: string, key: LookupKey, value: string): StoredPerson | null {
    const plan = indexedKeys.has(key) ? planSearch(serverId, value) : null;
    const candidates = plan ? `AND id IN (SELECT rowid FROM people_index WHERE people_index MATCH @match)` : '';
    const row = this.db
      .prepare(`SELECT user_id, document, fetched_at FROM people WHERE server_id = @serverId AND ${cachedMatch[key]} ${candidates} LIMIT 1`)
      .get({ serverId, value, ...(plan ? { match: plan.anyMatch.expression } : {}) }) as
      { user_id: string; document: string; fetched_at: number } | undefined;
    return row ? { userId: row.user_id, document: JSON.parse(row.document) as Record<string, unknown>, fetchedAt: row.fetched_at } : null;
  }

  /** One bounded step of index upkeep after writes; false when there is nothing left to do. */
  tidyIndex(): boolean {
    return this.index.tidy();
  }

  /** One bounded step of merging the index into one segment, as a complete copy ends; false once it is one. */
  compactIndex(): boolean {
    return this.index.compact();
  }

  recent(serverId: string, limit = 20): { userId: string; username: string | null; name: string | null; lookedUpAt: number }[] {
    return this.db
      .prepare(
        `SELECT user_id AS userId, username, name, looked_up_at AS lookedUpAt FROM people
         WHERE server_id = ? AND looked_up_at IS NOT NULL ORDER BY looked_up_at DESC LIMIT ?`,
      )
      .all(serverId, limit) as { userId: string; username: string | null; name: string | null; lookedUpAt: number }[];
  }

  /**
   * Saves one person; says whether they are new and what to index (null when what the index
   * is made of did not change: a re-sync mostly changes nothing). Saved values are read back
   * rather than RETURNed (see finish() for why).
   */
  private write(columns: Columns, save: () => RunResult): { added: boolean; index: IndexedRow | null } {
    const { serverId, userId } = columns;
    const before = this.existing.get(serverId, userId) as SavedColumns | undefined;
    const result = save();
    // New: stored exactly as given. Known: listings merge into what was saved, so read it back.
    if (!before) return { added: true, index: { ...columns, id: Number(result.lastInsertRowid) } };
    const after = this.existing.get(serverId, userId) as SavedColumns;
    return { added: false, index: sameIndexed(before, after) ? null : { ...after, serverId } };
  }

  /**
   * Counts the new people, then indexes: last in the transaction, all together. FTS5 writes
   * its pending rows out at every statement savepoint, and every write to people opens one
   * (its foreign key to servers); index rows written between them cost a tiny segment each,
   * four times the work of one segment per page. RETURNING did the same.
   */
  private finish(serverId: string, written: readonly { added: boolean; index: IndexedRow | null }[]): void {
    const added = written.filter((entry) => entry.added).length;
    if (added > 0) this.count.run(serverId, added);
    for (const { index } of written) if (index) this.index.put(index);
  }
}

/** Whether what the search index is made of is the same. */
function sameIndexed(before: Omit<SavedColumns, 'id'>, after: Omit<SavedColumns, 'id'>): boolean {
  return (
    before.username === after.username && before.name === after.name && before.nickname === after.nickname && before.emails === after.emails
  );
}

function columnsOf(serverId: string, document: Record<string, unknown> & { _id: string }, now: number) {
  const addresses = Array.isArray(document.emails)
    ? document.emails.map((email) => (email as { address?: unknown }).address).filter((a) => typeof a === 'string')
    : [];
  return {
    serverId,
    userId: document._id,
    username: typeof document.username === 'string' ? document.username : null,
    name: typeof document.name === 'string' ? document.name : null,
    nickname: typeof document.nickname === 'string' ? document.nickname : null,
    emails: addresses.length > 0 ? addresses.join(' ') : null,
    status: typeof document.status === 'string' ? document.status : null,
    document: JSON.stringify(document),
    now,
  };
}
