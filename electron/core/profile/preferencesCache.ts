import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PreferenceValue } from '../../../shared/preferences';

export interface CachedPreferences {
  preferences: Record<string, unknown>;
  fetchedAt: number;
}

/** The preferences table, its only writer: what users.getPreferences last answered, per account. */
export class PreferencesCache {
  constructor(private readonly db: Database) {}

  get(accountId: string): CachedPreferences | null {
    const row = this.db.prepare('SELECT preferences, fetched_at FROM preferences WHERE account_id = ?').get(accountId) as
      { preferences: string; fetched_at: number } | undefined;
    return row ? { preferences: JSON.parse(row.preferences) as Record<string, unknown>, fetchedAt: row.fetched_at } : null;
  }

  put(accountId: string, preferences: Record<string, unknown>, fetchedAt: number): void {
    this.db
      .prepare(
        `INSERT INTO preferences (account_id, preferences, fetched_at) VALUES (?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET preferences = excluded.preferences, fetched_at = excluded.fetched_at`,
      )
      .run(accountId, JSON.stringify(preferences), fetchedAt);
  }

  /**
   * Values the server confirmed (an edit the outbox sent), written into the cached set: one read
   * and one write. Joins the caller's transaction when it has one.
   */
  applyEdits(accountId: string, edits: readonly { key: string; value: PreferenceValue | undefined }[]): void {
    if (edits.length === 0) return;
    const cached = this.get(accountId);
    if (!cached) return;
    const next = Object.fromEntries([
      ...Object.entries(cached.preferences).filter(([key]) => !edits.some((edit) => edit.key === key)),
      ...edits.flatMap((edit) => (edit.value === undefined ? [] : [[edit.key, edit.value] as const])),
    ]);
    this.db.prepare('UPDATE preferences SET preferences = ? WHERE account_id = ?').run(JSON.stringify(next), accountId);
  }
}
