import type { Migration } from '../migration';

/**
 * Refreshes that read only what changed (docs/sync.md "Sync"): what the server allows
 * (`changes`: users.list gives `_updatedAt` and orders by it; `full`: it does not, so the
 * directory is copied whole, as before), the newest change the copy holds in the server's
 * time (`changes_mark`, ms), and when the last full copy finished (`full_at`, this computer's
 * time), which the next full pass counts from, and whether a refresh left the server's count
 * unexplained (`needs_pass`: a full pass is due within a day).
 */
export const migration013: Migration = {
  version: 13,
  description: 'directory refreshes by change',
  up(db) {
    db.exec(`
      ALTER TABLE directory_sync ADD COLUMN refreshes TEXT CHECK (refreshes IN ('changes', 'full'));
      ALTER TABLE directory_sync ADD COLUMN changes_mark INTEGER;
      ALTER TABLE directory_sync ADD COLUMN full_at INTEGER;
      ALTER TABLE directory_sync ADD COLUMN needs_pass INTEGER NOT NULL DEFAULT 0 CHECK (needs_pass IN (0, 1));
      UPDATE directory_sync SET full_at = synced_at WHERE state = 'done';
    `);
  },
};
