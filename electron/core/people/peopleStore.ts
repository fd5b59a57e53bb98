import type { Database } from 'better-sqlite3';
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
  constructor(private readonly db: Database) {}

  save(serverId: string, document: Record<string, unknown> & { _id: string }, now: number, lookedUp: boolean): void {
    const emails = Array.isArray(document.emails) ? document.emails.map((email) => (email as { address?: unknown }).address).filter((a) => typeof a === 'string').join(' ') : null;
    this.db
      .prepare(
        `INSERT INTO people (server_id, user_id, username, name, nickname, emails, document, fetched_at, looked_up_at)
         VALUES (@serverId, @userId, @username, @name, @nickname, @emails, @document, @now, @lookedUpAt)
         ON CONFLICT (server_id, user_id) DO UPDATE SET username = excluded.username, name = excluded.name,
           nickname = excluded.nickname, emails = excluded.emails, document = excluded.document, fetched_at = excluded.fetched_at,
           looked_up_at = coalesce(excluded.looked_up_at, people.looked_up_at)`,
      )
      .run({
        serverId,
        userId: document._id,
        username: typeof document.username === 'string' ? document.username : null,
        name: typeof document.name === 'string' ? document.name : null,
        nickname: typeof document.nickname === 'string' ? document.nickname : null,
        emails,
        document: JSON.stringify(document),
        now,
        lookedUpAt: lookedUp ? now : null,
      });
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
