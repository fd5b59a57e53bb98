import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../tests/support/tempDir';
import { migration001 } from './001_servers_accounts';

describe('migration 001: servers and accounts', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    temp = makeTempDir();
    db = new Database(path.join(temp.dir, 'm1.sqlite'));
    db.pragma('foreign_keys = ON');
    migration001.up(db);
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  const addServer = () => db.prepare("INSERT INTO servers (id, origin, added_at) VALUES ('s1', 'https://chat.example', 1)").run();
  const addAccount = (state = 'signed-in') =>
    db
      .prepare(
        "INSERT INTO accounts (id, server_id, user_id, username, state, created_at, updated_at) VALUES ('a1', 's1', 'u1', 'demo', ?, 1, 1)",
      )
      .run(state);

  it('creates servers and accounts with no column for a secret', () => {
    addServer();
    addAccount();
    const columns = db.prepare("SELECT name FROM pragma_table_info('accounts')").pluck().all() as string[];
    expect(columns).toEqual(['id', 'server_id', 'user_id', 'username', 'display_name', 'state', 'created_at', 'updated_at']);
    expect(columns.some((name) => /token|password|secret/i.test(name))).toBe(false);
  });

  it('removes a server’s accounts with it', () => {
    addServer();
    addAccount();
    db.prepare("DELETE FROM servers WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
  });

  it('rejects unknown account states and orphans', () => {
    addServer();
    expect(() => addAccount('hacked')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO accounts (id, server_id, user_id, username, state, created_at, updated_at) VALUES ('a2', 'nope', 'u', 'x', 'signed-in', 1, 1)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('keeps one origin per server', () => {
    addServer();
    expect(() => db.prepare("INSERT INTO servers (id, origin, added_at) VALUES ('s2', 'https://chat.example', 1)").run()).toThrow(/UNIQUE/);
  });
});
