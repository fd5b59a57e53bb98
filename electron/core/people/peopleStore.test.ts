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
  const cached = (server: string) => opened.db.prepare('SELECT people FROM people_counts WHERE server_id = ?').pluck().get(server);

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

  it('after a finished round drops people no longer listed, but keeps those looked up by hand, a slice at a time', () => {
    store.saveListed(
      's',
      [
        { _id: 'a', username: 'a1' },
        { _id: 'b', username: 'b1' },
        { _id: 'd', username: 'd1' },
      ],
      1,
      1,
    );
    store.save('s', { _id: 'c', username: 'c1' }, 1, true);
    store.saveListed('t', [{ _id: 'b', username: 'b1' }], 1, 1);
    store.saveListed('s', [{ _id: 'a', username: 'a1' }], 2, 2);
    expect(cached('s')).toBe(4);
    // Windows of two rows: the first holds a (kept) and b (gone), the next c (looked up) and d (gone).
    expect(store.pruneUnlisted('s', 2, 0, 2)).toEqual({ deleted: 1, next: 2 });
    expect(store.pruneUnlisted('s', 2, 2, 2)).toEqual({ deleted: 1, next: 4 });
    expect(store.pruneUnlisted('s', 2, 4, 2)).toMatchObject({ deleted: 0 });
    expect(store.pruneUnlisted('s', 2, 5, 2)).toEqual({ deleted: 0, next: null });
    expect(['a', 'b', 'c', 'd'].map((id) => store.findCached('s', 'userId', id) !== null)).toEqual([true, false, true, false]);
    expect(search.search('s', 'b1', 10).people).toEqual([]);
    expect(search.search('t', 'b1', 10).people.map((p) => p.userId)).toEqual(['b']); // the other server's b stays
    expect([cached('s'), cached('t')]).toEqual([2, 1]);
  });

  it('re-indexes a person whose name changed, and counts each person once', () => {
    store.saveListed('s', [{ _id: 'u1', username: 'ann', name: 'Ann Lee' }], 1, 1);
    store.saveListed('s', [{ _id: 'u1', username: 'ann', name: 'Ann Okafor' }], 2, 2);
    store.save('s', { _id: 'u1', username: 'ann', name: 'Ann Okafor', nickname: 'Nan' }, 3, true);
    expect(search.search('s', 'lee', 10).people).toEqual([]);
    expect(search.search('s', 'okafor', 10).people.map((p) => p.userId)).toEqual(['u1']);
    expect(search.search('s', 'nan', 10).people.map((p) => p.userId)).toEqual(['u1']);
    expect(cached('s')).toBe(1);
  });

  it('counts a person listed twice in one page once, indexed as the page left them', () => {
    store.saveListed(
      's',
      [
        { _id: 'u1', username: 'ann', name: 'Ann Lee' },
        { _id: 'u1', username: 'ann', name: 'Ann Okafor' },
      ],
      1,
      1,
    );
    expect(cached('s')).toBe(1);
    expect(search.search('s', 'okafor', 10).people.map((p) => p.userId)).toEqual(['u1']);
    expect(search.search('s', 'lee', 10).people).toEqual([]);
  });

  it('keeps a looked-up nickname and address searchable when a listing without them renames the person', () => {
    store.save('s', { _id: 'u1', username: 'ann', name: 'Ann Lee', nickname: 'Nan', emails: [{ address: 'ann@x.example' }] }, 1, true);
    store.saveListed('s', [{ _id: 'u1', username: 'ann', name: 'Ann Okafor' }], 1, 2);
    for (const query of ['nan', 'ann@x', 'okafor']) expect(search.search('s', query, 10).people.map((p) => p.userId)).toEqual(['u1']);
    expect(search.search('s', 'lee', 10).people).toEqual([]);
    expect(cached('s')).toBe(1);
  });

  it('answers an offline lookup by username or email, any case, through the search index', () => {
    store.saveListed(
      's',
      [
        { _id: 'u1', username: 'Roxie', emails: [{ address: 'Funke@Test.com' }] },
        { _id: 'u2', username: 'roxie2', emails: [{ address: 'funke@test.com.ng' }] },
      ],
      1,
      1,
    );
    expect(store.findCached('s', 'username', 'roxie')?.userId).toBe('u1');
    expect(store.findCached('s', 'email', 'FUNKE@test.com')?.userId).toBe('u1');
    expect(store.findCached('t', 'username', 'roxie')).toBeNull();
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
    // Two letters find inside words too, prefix matches first.
    expect(search.search('s', 'an', 10).people.map((p) => p.name)).toEqual(['Anna Berg', 'Annika Roe', 'Zed Annabel', 'Hanna Kay']);
    expect(search.search('s', 'an', 1)).toMatchObject({ more: true, people: [{ name: 'Anna Berg' }] });
    expect(search.search('s', '"ann"', 10).people).toEqual([]); // quotes are text, not FTS syntax
    expect(search.search('s', '  ', 10).people).toEqual([]);
  });
});
