import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../../tests/support/tempDatabase';
import { migration001 } from './001_servers_accounts';
import { migration011 } from './011_preferences';

describe('migration 011: cached preferences', () => {
  let opened: TempDatabase;
  beforeEach(() => {
    opened = openTempDatabase([migration001]);
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
  });
  afterEach(() => opened.close());

  it('keeps one JSON object per account, and goes with the account', () => {
    opened.db.exec(
      "INSERT INTO accounts (id, server_id, user_id, username, state, created_at, updated_at) VALUES ('a', 's', 'u', 'me', 'signed-in', 1, 1)",
    );
    migration011.up(opened.db);
    const put = opened.db.prepare('INSERT INTO preferences (account_id, preferences, fetched_at) VALUES (?, ?, 1)');
    put.run('a', JSON.stringify({ language: 'de', highlights: ['x'] }));
    expect(() => put.run('a', '{}')).toThrow(/UNIQUE/);
    expect(() => put.run('nobody', '{}')).toThrow(/FOREIGN KEY/);
    opened.db.exec("UPDATE preferences SET preferences = '{}' WHERE account_id = 'a'");
    expect(() => opened.db.exec("UPDATE preferences SET preferences = '[1]' WHERE account_id = 'a'")).toThrow(/CHECK/);
    expect(() => opened.db.exec("UPDATE preferences SET preferences = 'not json' WHERE account_id = 'a'")).toThrow(/CHECK/);
    opened.db.exec("DELETE FROM accounts WHERE id = 'a'");
    expect(opened.db.prepare('SELECT count(*) FROM preferences').pluck().get()).toBe(0);
  });
});
