import type { Migration } from '../migration';

/**
 * Directory sync: one resumable state row per server, the presence status as a column
 * (search results show it; reading it out of the JSON cost a third of a search), a sync round on people so a
 * finished sync can drop those the server no longer lists (never the looked-up ones),
 * and case-insensitive indexes that answer one- and two-letter prefix searches, which
 * a trigram index cannot.
 */
export const migration004: Migration = {
  version: 4,
  description: 'directory sync state and prefix indexes',
  up(db) {
    db.exec(`
      ALTER TABLE people ADD COLUMN sync_round INTEGER;
      ALTER TABLE people ADD COLUMN status TEXT;
      UPDATE people SET status = json_extract(document, '$.status');
      CREATE INDEX people_username_nocase ON people (server_id, username COLLATE NOCASE);
      CREATE INDEX people_name_nocase ON people (server_id, name COLLATE NOCASE);
      CREATE TABLE directory_sync (
        server_id TEXT PRIMARY KEY REFERENCES servers(id) ON DELETE CASCADE,
        account_id TEXT NOT NULL,
        source TEXT CHECK (source IN ('users.list', 'directory')),
        round INTEGER NOT NULL,
        next_offset INTEGER NOT NULL,
        total INTEGER,
        loaded INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL CHECK (state IN ('syncing', 'paused', 'failed', 'done')),
        started_at INTEGER NOT NULL,
        synced_at INTEGER,
        last_error TEXT
      );
    `);
  },
};
