import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../tests/support/tempDatabase';
import { PeopleSearch } from './peopleSearch';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';

describe('migration 009: a people search index that finds every match', () => {
  let opened: TempDatabase;
  const insert = (server: string, userId: string, username: string, name: string, lookedUp: number | null = null) =>
    opened.db
      .prepare(
        `INSERT INTO people (server_id, user_id, username, name, nickname, emails, status, document, fetched_at, looked_up_at, sync_round)
         VALUES (?, ?, ?, ?, NULL, ?, 'online', ?, 1, ?, 1)`,
      )
      .run(server, userId, username, name, `${username}@x.example`, JSON.stringify({ _id: userId, username }), lookedUp);
  const names = (server: string, query: string) =>
    new PeopleSearch(opened.db)
      .search(server, query, 50)
      .people.map((person) => person.username)
      .sort();
  const objects = () => opened.db.prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();

  beforeEach(() => {
    // Data saved by the previous version: migrated up to step 8, then step 9 runs on it.
    opened = openTempDatabase(migrations.slice(0, 8));
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1), ('t', 'https://y.example', 1)");
    insert('t', 'u9', 'zed', 'Zed Gómez');
    insert('s', 'u2', 'lukasz', 'Łukasz Wójcik', 5);
    insert('s', 'u1', 'ana.gomez', 'Ana Gómez');
    insert('s', 'u3', 'MUELLER', 'Jörg Müller');
    opened.db.exec(
      "INSERT INTO directory_sync (server_id, account_id, round, next_offset, state, started_at, loaded) VALUES ('s', 'a', 1, 3, 'done', 1, 3)",
    );
    expect(migrate(opened.db, migrations.slice(0, 9))).toBe(9);
  });
  afterEach(() => {
    opened.close();
  });

  it('keeps every person and their details, numbered in directory order', () => {
    const rows = opened.db.prepare('SELECT id, server_id, user_id, username, looked_up_at, document FROM people ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, server_id: 's', user_id: 'u3', username: 'MUELLER', looked_up_at: null, document: '{"_id":"u3","username":"MUELLER"}' },
      { id: 2, server_id: 's', user_id: 'u1', username: 'ana.gomez', looked_up_at: null, document: '{"_id":"u1","username":"ana.gomez"}' },
      { id: 3, server_id: 's', user_id: 'u2', username: 'lukasz', looked_up_at: 5, document: '{"_id":"u2","username":"lukasz"}' },
      { id: 4, server_id: 't', user_id: 'u9', username: 'zed', looked_up_at: null, document: '{"_id":"u9","username":"zed"}' },
    ]);
  });

  it('indexes the saved people: folded, any length, one server at a time', () => {
    expect(names('s', 'gomez')).toEqual(['ana.gomez']);
    expect(names('t', 'GOMEZ')).toEqual(['zed']);
    expect(names('s', 'ó')).toEqual(['MUELLER', 'ana.gomez', 'lukasz']); // every o: Gómez, Wójcik, Jörg
    expect(names('s', 'WOJC')).toEqual(['lukasz']);
    expect(names('s', 'łu')).toEqual(['lukasz']);
    expect(names('s', 'muller j')).toEqual(['MUELLER']);
    expect(opened.db.prepare('SELECT server_id, people FROM people_counts ORDER BY server_id').all()).toEqual([
      { server_id: 's', people: 3 },
      { server_id: 't', people: 1 },
    ]);
  });

  it('removes a person from the index with their row, and a server’s people and count with the server', () => {
    opened.db.exec("DELETE FROM people WHERE user_id = 'u1'");
    expect(names('s', 'gomez')).toEqual([]);
    opened.db.exec("DELETE FROM servers WHERE id = 't'");
    expect(names('t', 'zed')).toEqual([]);
    expect(opened.db.prepare('SELECT count(*) FROM people_index').pluck().get()).toBe(2);
    expect(opened.db.prepare("SELECT count(*) FROM people_counts WHERE server_id = 't'").pluck().get()).toBe(0);
  });

  it('replaces the trigram and prefix indexes, and gives each server a directory limit', () => {
    expect(objects()).not.toContain('people_search');
    expect(objects()).not.toContain('people_username_nocase');
    expect(objects()).not.toContain('people_name_nocase');
    expect(objects()).toEqual(expect.arrayContaining(['people_index', 'people_counts', 'people_lookups', 'people_unindexed']));
    expect(opened.db.prepare("SELECT max_people FROM directory_sync WHERE server_id = 's'").pluck().get()).toBeNull();
    // Merged by the sync in steps, not by whichever write comes along.
    expect(opened.db.prepare("SELECT v FROM people_index_config WHERE k = 'automerge'").pluck().get()).toBe(0);
  });
});
