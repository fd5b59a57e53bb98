import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../../tests/support/tempDatabase';

describe('migration 006: outbox and edit history', () => {
  let opened: TempDatabase;
  const queue = (field: string, state = 'pending') =>
    opened.db
      .prepare(
        `INSERT INTO outbox (account_id, field, value, base, state, created_at, updated_at)
         VALUES ('a', ?, '"new"', '"old"', ?, 1, 1)`,
      )
      .run(field, state);
  const record = (changes: string, outcome: string) =>
    opened.db.prepare("INSERT INTO edit_history (account_id, at, changes, outcome) VALUES ('a', 1, ?, ?)").run(changes, outcome);
  const count = (table: string) => opened.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

  beforeEach(() => {
    opened = openTempDatabase();
    opened.db.exec(`
      INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1);
      INSERT INTO accounts (id, server_id, user_id, username, state, created_at, updated_at) VALUES ('a', 's', 'u', 'n', 'signed-in', 1, 1);
    `);
  });
  afterEach(() => {
    opened.close();
  });

  it('keeps one waiting edit per field of an account, in one of the four states', () => {
    queue('bio');
    expect(() => queue('bio')).toThrow(/UNIQUE/);
    for (const state of ['sending', 'conflict', 'failed']) queue(`name-${state}`, state);
    expect(() => queue('nickname', 'lost')).toThrow(/CHECK/);
    expect(count('outbox')).toBe(4);
  });

  it('keeps history as JSON with a known outcome', () => {
    record('{"bio":"new"}', 'saved');
    expect(() => record('not json', 'saved')).toThrow(/CHECK/);
    expect(() => record('{}', 'sent somewhere')).toThrow(/CHECK/);
    expect(count('edit_history')).toBe(1);
  });

  it('drops an account’s edits and history with the account', () => {
    queue('bio');
    record('{"bio":"new"}', 'saved');
    opened.db.exec("DELETE FROM accounts WHERE id = 'a'");
    expect([count('outbox'), count('edit_history')]).toEqual([0, 0]);
  });
});
