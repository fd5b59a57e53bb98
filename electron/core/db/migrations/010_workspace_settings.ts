import type { Migration } from '../migration';

/**
 * What each workspace lets a person change (its public `Accounts_Allow…Change` and two-factor
 * settings), as last read, so the window offers only what the server will do — offline too
 * (docs/decisions.md D66). Public settings: nothing secret is kept here.
 */
export const migration010: Migration = {
  version: 10,
  description: 'the public settings each workspace was last seen with',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_settings (
        server_id TEXT PRIMARY KEY REFERENCES servers(id) ON DELETE CASCADE,
        settings TEXT NOT NULL CHECK (json_valid(settings) AND json_type(settings) = 'object'),
        fetched_at INTEGER NOT NULL
      );
    `);
  },
};
