import type { Migration } from '../migration';

/**
 * Avatar images per server and username, kept with the server's Last-Modified so a
 * refresh asks If-Modified-Since and a 304 keeps the bytes (docs/protocol.md §6 avatars).
 */
export const migration005: Migration = {
  version: 5,
  description: 'avatar images',
  up(db) {
    db.exec(`
      CREATE TABLE avatars (
        server_id TEXT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
        username TEXT NOT NULL,
        content_type TEXT NOT NULL,
        bytes BLOB NOT NULL,
        last_modified TEXT,
        etag TEXT,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (server_id, username)
      );
    `);
  },
};
