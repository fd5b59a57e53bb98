import type { Migration } from '../migration';

/**
 * People looked up or listed, per server, with a trigram FTS5 index over username, name,
 * nickname and emails so searches by prefix or substring are answered locally, offline too.
 */
export const migration003: Migration = {
  version: 3,
  description: 'people and their search index',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        server_id TEXT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        username TEXT,
        name TEXT,
        nickname TEXT,
        emails TEXT,
        document TEXT NOT NULL CHECK (json_valid(document)),
        fetched_at INTEGER NOT NULL,
        looked_up_at INTEGER,
        PRIMARY KEY (server_id, user_id)
      );
      CREATE INDEX people_lookups ON people (server_id, looked_up_at) WHERE looked_up_at IS NOT NULL;
      CREATE VIRTUAL TABLE people_search USING fts5(
        username, name, nickname, emails,
        content = 'people', content_rowid = 'rowid', tokenize = 'trigram'
      );
      CREATE TRIGGER people_ai AFTER INSERT ON people BEGIN
        INSERT INTO people_search (rowid, username, name, nickname, emails) VALUES (new.rowid, new.username, new.name, new.nickname, new.emails);
      END;
      CREATE TRIGGER people_ad AFTER DELETE ON people BEGIN
        INSERT INTO people_search (people_search, rowid, username, name, nickname, emails) VALUES ('delete', old.rowid, old.username, old.name, old.nickname, old.emails);
      END;
      CREATE TRIGGER people_au AFTER UPDATE ON people BEGIN
        INSERT INTO people_search (people_search, rowid, username, name, nickname, emails) VALUES ('delete', old.rowid, old.username, old.name, old.nickname, old.emails);
        INSERT INTO people_search (rowid, username, name, nickname, emails) VALUES (new.rowid, new.username, new.name, new.nickname, new.emails);
      END;
    `);
  },
};
