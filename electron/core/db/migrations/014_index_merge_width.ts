import type { Migration } from '../migration';

/**
 * The people index merges sixteen segments of a level into one instead of FTS5's four
 * (docs/decisions.md D116): each person's index entries are then rewritten about half as
 * often while a sync writes one segment per page (log16 rather than log4 of the pages),
 * which was a fifth of the sync's index work. A query reads at most fifteen segments per
 * level, a handful of levels. A setting of the index, kept in its own config table: no rows change.
 */
export const migration014: Migration = {
  version: 14,
  description: 'people index merges sixteen segments at a time',
  up(db) {
    db.exec("INSERT INTO people_index (people_index, rank) VALUES ('usermerge', 16)");
  },
};
