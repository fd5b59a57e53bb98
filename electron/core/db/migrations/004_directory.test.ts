import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../../tests/support/tempDatabase';
import { migrations } from './index';

describe('migration 004: directory sync state', () => {
  let opened: TempDatabase;
  const row = (state: string) =>
    opened.db
      .prepare(
        "INSERT OR REPLACE INTO directory_sync (server_id, account_id, round, next_offset, state, started_at) VALUES ('s', 'a', 1, 0, ?, 1)",
      )
      .run(state);

  beforeEach(() => {
    // This step's schema: migration 9 replaces its prefix indexes.
    opened = openTempDatabase(migrations.slice(0, 4));
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
  });
  afterEach(() => {
    opened.close();
  });

  it('accepts only the known states, and goes with its server', () => {
    row('paused');
    expect(() => row('half-done')).toThrow(/CHECK constraint/);
    opened.db.exec("DELETE FROM servers WHERE id = 's'");
    expect(opened.db.prepare('SELECT count(*) FROM directory_sync').pluck().get()).toBe(0);
  });

  it('answers a prefix range from the case-insensitive username index', () => {
    const plan = opened.db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT user_id FROM people WHERE server_id = 's' AND username >= 'ab' COLLATE NOCASE AND username < 'ac' COLLATE NOCASE",
      )
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toContain('people_username_nocase');
  });
});
