import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../tests/support/tempDir';
import { migration001 } from './001_servers_accounts';
import { migration002 } from './002_profiles';

describe('migration 002: cached profiles', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    temp = makeTempDir();
    db = new Database(path.join(temp.dir, 'm2.sqlite'));
    db.pragma('foreign_keys = ON');
    migration001.up(db);
    db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
    db.exec(
      "INSERT INTO accounts (id, server_id, user_id, username, state, created_at, updated_at) VALUES ('a', 's', 'u', 'n', 'signed-in', 1, 1)",
    );
    migration002.up(db);
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  it('stores one JSON document per account and drops it with the account', () => {
    db.prepare("INSERT INTO profiles (account_id, document, fetched_at) VALUES ('a', ?, 5)").run(JSON.stringify({ _id: 'u' }));
    expect(JSON.parse(db.prepare('SELECT document FROM profiles').pluck().get() as string)).toEqual({ _id: 'u' });
    db.exec("DELETE FROM accounts WHERE id = 'a'");
    expect(db.prepare('SELECT count(*) FROM profiles').pluck().get()).toBe(0);
  });

  it('refuses a document that is not JSON', () => {
    expect(() => db.prepare("INSERT INTO profiles (account_id, document, fetched_at) VALUES ('a', 'nope', 5)").run()).toThrow(/CHECK/);
  });
});
