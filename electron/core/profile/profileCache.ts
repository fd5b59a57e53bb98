import type { Database } from 'better-sqlite3-multiple-ciphers';
import { withEdits, type EditField } from '../../../shared/profileEdits';

export interface CachedProfile {
  document: Record<string, unknown>;
  serverUpdatedAt: string | null;
  fetchedAt: number;
}

/** The profiles table, its only writer: one sanitised document per account. */
export class ProfileCache {
  constructor(private readonly db: Database) {}

  get(accountId: string): CachedProfile | null {
    const row = this.db.prepare('SELECT document, server_updated_at, fetched_at FROM profiles WHERE account_id = ?').get(accountId) as
      { document: string; server_updated_at: string | null; fetched_at: number } | undefined;
    if (!row) return null;
    return {
      document: JSON.parse(row.document) as Record<string, unknown>,
      serverUpdatedAt: row.server_updated_at,
      fetchedAt: row.fetched_at,
    };
  }

  put(accountId: string, profile: CachedProfile): void {
    this.db
      .prepare(
        `INSERT INTO profiles (account_id, document, server_updated_at, fetched_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET document = excluded.document,
           server_updated_at = excluded.server_updated_at, fetched_at = excluded.fetched_at`,
      )
      .run(accountId, JSON.stringify(profile.document), profile.serverUpdatedAt, profile.fetchedAt);
  }

  /**
   * The server removed the direct conversations of a deleted user (apps/meteor/server/lib/users/deleteUser.ts):
   * the cached profile of another account loses them too, as its next read from the server would.
   */
  forgetDirectRoomsWith(accountId: string, userId: string, username: string): void {
    const stored = this.db.prepare('SELECT document FROM profiles WHERE account_id = ?').pluck().get(accountId) as string | undefined;
    if (!stored) return;
    const document = JSON.parse(stored) as { rooms?: unknown };
    if (!Array.isArray(document.rooms)) return;
    const rooms = (document.rooms as { t?: unknown; rid?: unknown; name?: unknown }[]).filter(
      (room) => !(room.t === 'd' && ((typeof room.rid === 'string' && room.rid.includes(userId)) || room.name === username)),
    );
    if (rooms.length === document.rooms.length) return;
    this.db.prepare('UPDATE profiles SET document = ? WHERE account_id = ?').run(JSON.stringify({ ...document, rooms }), accountId);
  }

  /**
   * Values the server confirmed, written into the cached document (an edit the outbox sent):
   * one read and one write, however many fields. Joins the caller's transaction when it has one.
   */
  applyEdits(accountId: string, edits: readonly { field: EditField; value: string }[]): void {
    if (edits.length === 0) return;
    const stored = this.db.prepare('SELECT document FROM profiles WHERE account_id = ?').pluck().get(accountId) as string | undefined;
    if (stored === undefined) return;
    const document = withEdits(JSON.parse(stored) as Record<string, unknown>, edits);
    this.db.prepare('UPDATE profiles SET document = ? WHERE account_id = ?').run(JSON.stringify(document), accountId);
  }
}
