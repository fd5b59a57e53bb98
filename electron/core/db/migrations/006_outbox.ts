import type { Migration } from '../migration';

/**
 * The outbox: one row per edited field, written before any network call, holding the
 * value the person wants and the value they edited from (`base`, for conflict checks).
 * `sending` rows carry the attempt that took them; found at start, they mean the app
 * stopped mid-send and are checked against the server before anything is resent.
 * History keeps every outcome per account.
 */
export const migration006: Migration = {
  version: 6,
  description: 'outbox and edit history',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        base TEXT NOT NULL,
        theirs TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'conflict', 'failed')),
        attempt TEXT,
        sent_value TEXT,
        not_before INTEGER,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (account_id, field)
      );
      CREATE TABLE edit_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        changes TEXT NOT NULL CHECK (json_valid(changes)),
        outcome TEXT NOT NULL CHECK (outcome IN ('saved', 'failed', 'kept-mine', 'took-theirs', 'discarded', 'already-there')),
        detail TEXT
      );
      CREATE INDEX edit_history_account ON edit_history (account_id, at DESC);
    `);
  },
};
