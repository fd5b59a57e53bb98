import type { Database, Statement } from 'better-sqlite3';
import type { LookupKey } from '../../../shared/profileSchemas';

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

/** The people table: users looked up or listed on each server, sanitised. */
export class PeopleStore {
  private readonly upsert: Statement;
  private readonly upsertListed: Statement;

  constructor(private readonly db: Database) {
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
  }

  save(serverId: string, document: Record<string, unknown> & { _id: string }, now: number, lookedUp: boolean): void {
    this.upsert.run({ ...columnsOf(serverId, document, now), lookedUpAt: lookedUp ? now : null });
  }

  /**
   * One page of a directory listing, in one transaction. Listings carry fewer fields than
   * a lookup, so they are merged into what is already saved (json_patch) rather than
   * replacing it; `round` marks who the current sync has seen.
   */
  saveListed(serverId: string, documents: (Record<string, unknown> & { _id: string })[], round: number, now: number): void {
    this.db.transaction(() => {
      for (const document of documents) this.upsertListed.run({ ...columnsOf(serverId, document, now), round });
    })();
  }

  /** After a complete sync: people the server no longer lists go, unless looked up by hand. */
  pruneUnlisted(serverId: string, round: number): number {
    return this.db
      .prepare('DELETE FROM people WHERE server_id = ? AND looked_up_at IS NULL AND (sync_round IS NULL OR sync_round < ?)')
      .run(serverId, round).changes;
  }

  findCached(serverId: string, key: LookupKey, value: string): StoredPerson | null {
    const row = this.db
      .prepare(`SELECT user_id, document, fetched_at FROM people WHERE server_id = @serverId AND ${cachedMatch[key]} LIMIT 1`)
      .get({ serverId, value }) as { user_id: string; document: string; fetched_at: number } | undefined;
    return row ? { userId: row.user_id, document: JSON.parse(row.document) as Record<string, unknown>, fetchedAt: row.fetched_at } : null;
  }

  recent(serverId: string, limit = 20): { userId: string; username: string | null; name: string | null; lookedUpAt: number }[] {
    return this.db
      .prepare(
        `SELECT user_id AS userId, username, name, looked_up_at AS lookedUpAt FROM people
         WHERE server_id = ? AND looked_up_at IS NOT NULL ORDER BY looked_up_at DESC LIMIT ?`,
      )
      .all(serverId, limit) as { userId: string; username: string | null; name: string | null; lookedUpAt: number }[];
  }
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
