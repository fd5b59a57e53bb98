import { indexAllPeople } from '../peopleIndex/peopleIndex';
import type { Migration } from '../migration';

/**
 * A search index that finds every match (docs/decisions.md D47):
 * - people gets an INTEGER PRIMARY KEY, so the ids the index points at survive VACUUM,
 *   and is rewritten in directory order (server, username), the order results are listed in;
 * - people_index (FTS5, contentless) replaces the trigram index and the NOCASE prefix
 *   indexes: it also answers one- and two-character terms, folds case and diacritics in
 *   every script, and keeps each server's people apart (searchTokens.ts); it merges in
 *   bounded steps the sync runs, not inside whichever write (PeopleIndex.tidy);
 * - people_counts keeps how many people each server has, so a progress event need not count 500,000 rows
 *   (PeopleStore keeps it, in the transactions that add or remove people: a trigger on every
 *   insert would make FTS5 flush its pending rows at each person, doubling the cost of a sync);
 * - directory_sync.max_people: the most people a sync copies for that server, which the person may raise.
 */
export const migration009: Migration = {
  version: 9,
  description: 'people search index that finds every match',
  up(db) {
    db.exec(`
      DROP TRIGGER people_ai;
      DROP TRIGGER people_ad;
      DROP TRIGGER people_au;
      DROP TABLE people_search;
      CREATE TABLE people_sorted (
        id INTEGER PRIMARY KEY,
        server_id TEXT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        username TEXT,
        name TEXT,
        nickname TEXT,
        emails TEXT,
        status TEXT,
        document TEXT NOT NULL CHECK (json_valid(document)),
        fetched_at INTEGER NOT NULL,
        looked_up_at INTEGER,
        sync_round INTEGER,
        UNIQUE (server_id, user_id)
      );
      INSERT INTO people_sorted (server_id, user_id, username, name, nickname, emails, status, document, fetched_at, looked_up_at, sync_round)
        SELECT server_id, user_id, username, name, nickname, emails, status, document, fetched_at, looked_up_at, sync_round
        FROM people ORDER BY server_id, username, user_id;
      DROP TABLE people;
      ALTER TABLE people_sorted RENAME TO people;
      CREATE INDEX people_lookups ON people (server_id, looked_up_at) WHERE looked_up_at IS NOT NULL;

      CREATE VIRTUAL TABLE people_index USING fts5(
        tokens, tokenize = 'ascii', content = '', contentless_delete = 1, detail = none
      );
      INSERT INTO people_index (people_index, rank) VALUES ('automerge', 0);
      INSERT INTO people_index (people_index, rank) VALUES ('crisismerge', 64);
      CREATE TRIGGER people_unindexed AFTER DELETE ON people BEGIN
        DELETE FROM people_index WHERE rowid = old.id;
      END;

      CREATE TABLE people_counts (
        server_id TEXT PRIMARY KEY REFERENCES servers(id) ON DELETE CASCADE,
        people INTEGER NOT NULL
      );
      INSERT INTO people_counts (server_id, people) SELECT server_id, count(*) FROM people GROUP BY server_id;

      ALTER TABLE directory_sync ADD COLUMN max_people INTEGER;
    `);
    indexAllPeople(db);
  },
};
