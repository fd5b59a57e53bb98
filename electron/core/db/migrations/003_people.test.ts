import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../tests/support/tempDir';
import { migration001 } from './001_servers_accounts';
import { migration003 } from './003_people';

describe('migration 003: people and their search index', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  const insert = (userId: string, username: string, name: string) =>
    db
      .prepare(
        "INSERT INTO people (server_id, user_id, username, name, nickname, emails, document, fetched_at) VALUES ('s', ?, ?, ?, NULL, NULL, '{}', 1)",
      )
      .run(userId, username, name);
  const search = (text: string) =>
    db
      .prepare(
        'SELECT p.username FROM people_search JOIN people p ON p.rowid = people_search.rowid WHERE people_search MATCH ? ORDER BY p.username',
      )
      .pluck()
      .all(`"${text}"`);

  beforeEach(() => {
    temp = makeTempDir();
    db = new Database(path.join(temp.dir, 'm3.sqlite'));
    db.pragma('foreign_keys = ON');
    migration001.up(db);
    db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
    migration003.up(db);
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  it('finds people by a substring of name or username, and follows updates and deletes', () => {
    insert('u1', 'funke.olasupo', 'Funke Olasupo');
    insert('u2', 'test.john', 'Test John');
    expect(search('olas')).toEqual(['funke.olasupo']);
    expect(search('john')).toEqual(['test.john']);
    db.exec("UPDATE people SET name = 'Johnny Walker', username = 'walker' WHERE user_id = 'u2'");
    expect(search('test.john')).toEqual([]);
    expect(search('walk')).toEqual(['walker']);
    db.exec("DELETE FROM servers WHERE id = 's'");
    expect(db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(0);
    expect(search('olas')).toEqual([]);
  });
});
