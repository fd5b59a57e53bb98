import type { Migration } from '../migration';

/**
 * Servers the person added and the accounts they hold on them. No secret lives here:
 * session tokens are in the OS keychain, keyed by `<origin>#<userId>`.
 */
export const migration001: Migration = {
  version: 1,
  description: 'servers and accounts',
  up(db) {
    db.exec(`
      CREATE TABLE servers (
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL UNIQUE,
        name TEXT,
        version TEXT,
        added_at INTEGER NOT NULL
      );
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        server_id TEXT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        username TEXT NOT NULL,
        display_name TEXT,
        state TEXT NOT NULL CHECK (state IN ('signed-in', 'signed-out', 'session-only')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (server_id, user_id)
      );
      CREATE TABLE app_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
