import type { Migration } from '../migration';

/**
 * The signed-in user's own profile, as the server sent it after sanitising (no token,
 * hash or key ever reaches this table), with the server's _updatedAt and when we fetched it.
 */
export const migration002: Migration = {
  version: 2,
  description: 'cached profiles',
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        document TEXT NOT NULL CHECK (json_valid(document)),
        server_updated_at TEXT,
        fetched_at INTEGER NOT NULL
      );
    `);
  },
};
