import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../tests/support/tempDatabase';
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
