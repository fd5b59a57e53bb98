import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../tests/support/tempDatabase';
import { PeopleSearch } from './peopleSearch';
import { PeopleStore } from './peopleStore';

describe('PeopleStore listings and PeopleSearch on a real database file', () => {
  let opened: TempDatabase;
  let store: PeopleStore;
  let search: PeopleSearch;

  beforeEach(() => {
    opened = openTempDatabase();
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1), ('t', 'https://y.example', 1)");
    store = new PeopleStore(opened.db);
    search = new PeopleSearch(opened.db);
  });
  afterEach(() => {
    opened.close();
  });

  it('merges a listing into a looked-up person instead of dropping their details', () => {
    store.save(
      's',
      { _id: 'u1', username: 'ann', name: 'Ann Lee', bio: 'Hello', emails: [{ address: 'ann@x.example', verified: true }] },
      1,
      true,
    );
    store.saveListed('s', [{ _id: 'u1', username: 'ann', name: 'Ann Lee-Smith', status: 'away' }], 1, 2);
    const saved = store.findCached('s', 'userId', 'u1')!;
    expect(saved.document).toMatchObject({ name: 'Ann Lee-Smith', bio: 'Hello', status: 'away', emails: [{ address: 'ann@x.example' }] });
    expect(search.search('s', 'ann@x', 10).people.map((p) => p.userId)).toEqual(['u1']);
    expect(search.search('s', 'smith', 10).people.map((p) => p.userId)).toEqual(['u1']);
  });

  it('after a finished round drops people no longer listed, but keeps those looked up by hand', () => {
    store.saveListed(
      's',
      [
        { _id: 'a', username: 'a1' },
        { _id: 'b', username: 'b1' },
      ],
      1,
      1,
    );
    store.save('s', { _id: 'c', username: 'c1' }, 1, true);
    store.saveListed('s', [{ _id: 'a', username: 'a1' }], 2, 2);
    expect(store.pruneUnlisted('s', 2)).toBe(1);
    expect(['a', 'b', 'c'].map((id) => store.findCached('s', 'userId', id) !== null)).toEqual([true, false, true]);
  });

  it('keeps servers apart, ranks prefix matches first and reports when there are more', () => {
    const names = ['Zed Annabel', 'Anna Berg', 'Hanna Kay', 'Annika Roe'];
    store.saveListed(
      's',
      names.map((name, i) => ({ _id: `s${i}`, username: name.toLowerCase().replace(' ', '.'), name })),
      1,
      1,
    );
    store.saveListed('t', [{ _id: 't1', username: 'anna.other', name: 'Anna Other' }], 1, 1);
    const found = search.search('s', 'ann', 10).people.map((p) => p.name);
    expect(found.slice(0, 2)).toEqual(['Anna Berg', 'Annika Roe']);
    expect(found).toHaveLength(4);
    expect(found).not.toContain('Anna Other');
    // Two letters: a prefix search (a trigram index needs three).
    expect(search.search('s', 'an', 10).people.map((p) => p.name)).toEqual(['Anna Berg', 'Annika Roe']);
    expect(search.search('s', 'an', 1)).toMatchObject({ more: true, people: [{ name: 'Anna Berg' }] });
    expect(search.search('s', '"ann"', 10).people).toEqual([]); // quotes are text, not FTS syntax
    expect(search.search('s', '  ', 10).people).toEqual([]);
  });
});
