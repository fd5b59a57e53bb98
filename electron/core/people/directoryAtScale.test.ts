import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../tests/support/tempDatabase';
import { fakePeople } from '../../../tests/support/fakePeople';
import { expectedResults, truthPeople, type TruthPerson } from '../../../tests/support/groundTruth';
import { PeopleSearch } from './peopleSearch';
import { PeopleStore } from './peopleStore';

/** The bench's directory: 50,000 people in several scripts, stored as a sync stores them. */
const size = 50_000;

describe(
  'search on the bench’s 50,000-person directory finds every match (ground truth worked out without the app)',
  { timeout: 60_000 },
  () => {
    let opened: TempDatabase;
    let search: PeopleSearch;
    let truth: TruthPerson[];
    /** Every page of a search, in order. */
    const everything = (query: string, limit = 100) => {
      const pages: { ids: string[]; more: boolean }[] = [];
      let after: string | undefined;
      do {
        const page = search.search('s', query, limit, after);
        pages.push({ ids: page.people.map((hit) => hit.userId), more: page.more });
        after = page.next ?? undefined;
      } while (after !== undefined);
      return pages;
    };

    beforeAll(() => {
      opened = openTempDatabase();
      opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
      const people = fakePeople(size);
      truth = truthPeople(people);
      const store = new PeopleStore(opened.db);
      for (let offset = 0; offset < people.length; offset += 1000) store.saveListed('s', people.slice(offset, offset + 1000), 1, 1);
      search = new PeopleSearch(opened.db);
    }, 120_000);
    afterAll(() => {
      opened.close();
    });

    it.each(['ki', 'ez', ' ez', 'rosa w', 'mei k', 'k mei', 'lar', 'ros', 'gomez', 'MÜLLER', 'łuk', 'иван', '王', 'a b c d e f g h', 'q'])(
      '%j: every match, best first, in full pages',
      (query) => {
        const expected = expectedResults(truth, query);
        const pages = everything(query);
        expect(pages.flatMap((page) => page.ids)).toEqual(expected);
        expect(pages.slice(0, -1).every((page) => page.ids.length === 100 && page.more)).toBe(true);
        expect(pages.at(-1)!.more).toBe(false);
      },
    );

    it('finds some of each: the queries above are not trivially empty', () => {
      for (const query of ['ki', 'ez', 'rosa w', 'mei k', 'gomez', 'MÜLLER', 'łuk', 'иван', '王']) {
        expect(expectedResults(truth, query).length, query).toBeGreaterThan(10);
      }
      expect(expectedResults(truth, 'k mei').sort()).toEqual(expectedResults(truth, 'mei k').sort());
    });

    it('puts lars.* (username starts with it) above *.larsen for "lar"', () => {
      const first = search.search('s', 'lar', 50).people.map((hit) => hit.username!);
      expect(first.length).toBe(50);
      expect(first.every((username) => username.startsWith('lar'))).toBe(true);
      const ranked = everything('lar').flatMap((page) => page.ids);
      const byId = new Map(truth.map((person) => [person.userId, person.username]));
      const firstLarsen = ranked.findIndex((id) => byId.get(id)!.endsWith('.larsen') && !byId.get(id)!.startsWith('lar'));
      const lastLars = ranked.findLastIndex((id) => byId.get(id)!.startsWith('lars.'));
      expect(lastLars).toBeLessThan(firstLarsen);
    });
  },
);
