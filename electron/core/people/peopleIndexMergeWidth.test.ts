import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../tests/support/tempDatabase';
import { PeopleSearch } from './peopleSearch';
import { PeopleStore } from './peopleStore';

// Fully migrated, whatever number the migration that sets it has (index_merge_width).
describe('the people index merges sixteen segments at a time', () => {
  let opened: TempDatabase;
  beforeEach(() => {
    opened = openTempDatabase();
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
  });
  afterEach(() => opened.close());

  /** The index's b-tree pages: each segment keeps at least one (FTS5 writes one segment per transaction). */
  const indexRows = () => opened.db.prepare('SELECT count(*) FROM people_index_data').pluck().get() as number;

  /** Segments of the index: each leaf page's entry in its page index names its segment. */
  const segments = () => opened.db.prepare('SELECT count(DISTINCT segid) FROM people_index_idx').pluck().get() as number;

  it('compacting folds every segment into one, and every search answers as before', () => {
    const store = new PeopleStore(opened.db);
    for (let page = 0; page < 15; page++) {
      store.saveListed('s', [{ _id: `u${page}`, username: `person${page}`, name: `Person ${page % 3}` }], 1, 1);
    }
    while (store.tidyIndex());
    expect(segments()).toBe(15);
    const search = new PeopleSearch(opened.db);
    const answers = () => ['p', 'person1', 'son 2', 'rson'].map((query) => search.search('s', query, 50).people.map((p) => p.username));
    const before = answers();
    expect(before[0]).toHaveLength(15);

    let steps = 0;
    while (store.compactIndex()) steps++;
    expect(steps).toBeGreaterThan(0);
    expect(segments()).toBe(1);
    expect(answers()).toEqual(before);
    // Nothing left to do: a later call says so at once.
    expect(store.compactIndex()).toBe(false);
  });

  it('leaves up to fifteen one-page segments unmerged, where four would have been merged', () => {
    const store = new PeopleStore(opened.db);
    let written = 0;
    const writeSegments = (count: number) => {
      for (let page = 0; page < count; page++, written++) {
        store.saveListed('s', [{ _id: `u${written}`, username: `person${written}`, name: `Person ${written}` }], 1, 1);
      }
    };
    writeSegments(15);
    const beforeTidy = indexRows();
    while (store.tidyIndex());
    expect(indexRows()).toBe(beforeTidy);
    // The sixteenth makes a full level: one merge step then folds them into one segment.
    writeSegments(1);
    while (store.tidyIndex());
    expect(indexRows()).toBeLessThan(beforeTidy);
    expect(opened.db.prepare("SELECT v FROM people_index_config WHERE k = 'usermerge'").pluck().get()).toBe(16);
  });
});
