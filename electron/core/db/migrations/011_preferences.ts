import type { Migration } from '../migration';

/**
 * Each account's preferences as users.getPreferences last answered (docs/protocol.md §6
 * "Preferences"), so they stay readable offline; edits wait in the outbox like profile edits.
 */
export const migration011: Migration = {
  version: 11,
  description: 'cached preferences',
  up(db) {
    db.exec(`
      CREATE TABLE preferences (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        preferences TEXT NOT NULL CHECK (json_valid(preferences) AND json_type(preferences) = 'object'),
        fetched_at INTEGER NOT NULL
      );
    `);
  },
};
