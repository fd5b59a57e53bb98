import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../../tests/support/tempDatabase';
import { migrations } from './index';
import { migration013 } from './013_directory_changes';

describe('migration 013: directory refreshes by change', () => {
  let opened: TempDatabase;
  beforeEach(() => {
    opened = openTempDatabase(migrations.filter((step) => step.version < migration013.version));
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1), ('t', 'https://y.example', 1)");
  });
  afterEach(() => opened.close());

  it('counts the daily full pass from the last finished copy, knows nothing yet of what the server allows, and checks the kind', () => {
    const insert = opened.db.prepare(
      `INSERT INTO directory_sync (server_id, account_id, round, next_offset, state, started_at, synced_at) VALUES (?, 'a', 1, 0, ?, 1, ?)`,
    );
    insert.run('s', 'done', 500);
    insert.run('t', 'paused', null);
    migration013.up(opened.db);
    const rows = opened.db
      .prepare('SELECT server_id, refreshes, changes_mark, full_at, needs_pass FROM directory_sync ORDER BY server_id')
      .all();
    expect(rows).toEqual([
      { server_id: 's', refreshes: null, changes_mark: null, full_at: 500, needs_pass: 0 },
      { server_id: 't', refreshes: null, changes_mark: null, full_at: null, needs_pass: 0 },
    ]);
    expect(() => opened.db.exec("UPDATE directory_sync SET refreshes = 'sometimes'")).toThrow(/CHECK/);
  });
});
