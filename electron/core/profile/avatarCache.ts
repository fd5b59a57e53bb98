import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

export interface CachedAvatar {
  contentType: string;
  bytes: Buffer;
  lastModified: string | null;
  etag: string | null;
  fetchedAt: number;
}

/** The avatars table: image bytes per server and username, with what a refresh needs. */
export class AvatarCache {
  private readonly select: Statement;
  private readonly upsert: Statement;
  private readonly touch: Statement;

  constructor(private readonly db: Database) {
    this.select = db.prepare(
      `SELECT content_type AS contentType, bytes, last_modified AS lastModified, etag, fetched_at AS fetchedAt
       FROM avatars WHERE server_id = ? AND username = ?`,
    );
    this.upsert = db.prepare(
      `INSERT INTO avatars (server_id, username, content_type, bytes, last_modified, etag, fetched_at)
       VALUES (@serverId, @username, @contentType, @bytes, @lastModified, @etag, @fetchedAt)
       ON CONFLICT (server_id, username) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes,
         last_modified = excluded.last_modified, etag = excluded.etag, fetched_at = excluded.fetched_at`,
    );
    this.touch = db.prepare('UPDATE avatars SET fetched_at = ?, etag = coalesce(?, etag) WHERE server_id = ? AND username = ?');
  }

  get(serverId: string, username: string): CachedAvatar | null {
    return (this.select.get(serverId, username) as CachedAvatar | undefined) ?? null;
  }

  put(serverId: string, username: string, avatar: CachedAvatar): void {
    this.upsert.run({ serverId, username, ...avatar });
  }

  /** A deleted account's own picture; every picture of the server when no other account there needs them. */
  forget(serverId: string, username: string | null): void {
    if (username === null) this.db.prepare('DELETE FROM avatars WHERE server_id = ?').run(serverId);
    else this.db.prepare('DELETE FROM avatars WHERE server_id = ? AND username = ?').run(serverId, username);
  }

  /** A 304: the bytes stay, only the check time (and a newly known etag) change. */
  confirm(serverId: string, username: string, fetchedAt: number, etag: string | null): void {
    this.touch.run(fetchedAt, etag, serverId, username);
  }
}
