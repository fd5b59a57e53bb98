import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../../tests/support/tempDatabase';
import { migration001 } from './001_servers_accounts';
import { migration007 } from './007_sign_in_kind';

describe('migration 007: how each account signed in', () => {
  let opened: TempDatabase;
  beforeEach(() => {
    opened = openTempDatabase([migration001]);
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
    opened.db.exec(
      "INSERT INTO accounts (id, server_id, user_id, username, state, created_at, updated_at) VALUES ('a', 's', 'u', 'ann', 'signed-in', 1, 1)",
    );
  });
  afterEach(() => opened.close());

  it('calls accounts from before it password accounts, and takes only the three kinds', () => {
    migration007.up(opened.db);
    expect(opened.db.prepare("SELECT sign_in_kind FROM accounts WHERE id = 'a'").pluck().get()).toBe('password');
    opened.db.exec("UPDATE accounts SET sign_in_kind = 'access-token' WHERE id = 'a'");
    expect(() => opened.db.exec("UPDATE accounts SET sign_in_kind = 'magic' WHERE id = 'a'")).toThrow(/CHECK/);
  });
});
