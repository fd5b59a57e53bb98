import type { Migration } from '../migration';

/**
 * The history learns one more outcome: `not-kept`, a value the server answered with success
 * but did not keep (a custom field the workspace does not define, docs/protocol.md §4 step 11).
 * SQLite cannot change a CHECK constraint in place, so the table is built anew with its rows.
 */
export const migration012: Migration = {
  version: 12,
  description: 'history outcome not-kept',
  up(db) {
    db.exec(`
      CREATE TABLE edit_history_next (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        changes TEXT NOT NULL CHECK (json_valid(changes)),
        outcome TEXT NOT NULL CHECK (outcome IN ('saved', 'failed', 'kept-mine', 'took-theirs', 'discarded', 'already-there', 'not-kept')),
        detail TEXT
      );
      INSERT INTO edit_history_next (id, account_id, at, changes, outcome, detail)
        SELECT id, account_id, at, changes, outcome, detail FROM edit_history;
      DROP TABLE edit_history;
      ALTER TABLE edit_history_next RENAME TO edit_history;
      CREATE INDEX edit_history_account ON edit_history (account_id, at DESC);
    `);
  },
};
