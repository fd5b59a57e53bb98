import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../../tests/support/tempDatabase';
import { migrations } from './index';
import { migration012 } from './012_not_kept';

describe('migration 012: the history outcome not-kept', () => {
  let opened: TempDatabase;
  beforeEach(() => {
    opened = openTempDatabase(migrations.filter((step) => step.version < migration012.version));
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
    opened.db.exec(
      "INSERT INTO accounts (id, server_id, user_id, username, state, created_at, updated_at) VALUES ('a', 's', 'u', 'me', 'signed-in', 1, 1)",
    );
  });
  afterEach(() => opened.close());

  const record = (outcome: string) =>
    opened.db.prepare("INSERT INTO edit_history (account_id, at, changes, outcome, detail) VALUES ('a', 2, '{}', ?, 'why')").run(outcome);

  it('keeps the rows there were, accepts not-kept, and still refuses unknown outcomes', () => {
    expect(() => record('not-kept')).toThrow(/CHECK/);
    record('saved');
    migration012.up(opened.db);
    record('not-kept');
    expect(() => record('lost')).toThrow(/CHECK/);
    const rows = opened.db.prepare('SELECT id, outcome, detail FROM edit_history ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, outcome: 'saved', detail: 'why' },
      { id: 2, outcome: 'not-kept', detail: 'why' },
    ]);
    opened.db.exec("DELETE FROM accounts WHERE id = 'a'");
    expect(opened.db.prepare('SELECT count(*) FROM edit_history').pluck().get()).toBe(0);
  });
});
