import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../tests/support/tempDatabase';
import { PeopleSearch, type PersonHit } from './peopleSearch';
import { PeopleStore } from './peopleStore';
import { everyoneOf, foldPerson, planSearch, tierOf } from '../db/peopleIndex/searchTokens';

type Listed = Record<string, unknown> & { _id: string };

// The properties run hundreds of directories through real SQLite: room for a busy machine.
describe('PeopleSearch finds every match, best first, a full page at a time', { timeout: 60_000 }, () => {
  let opened: TempDatabase;
  let store: PeopleStore;
  let search: PeopleSearch;
  const list = (server: string, people: Listed[]) => store.saveListed(server, people, 1, 1);
  const person = (username: string, name: string, more: Record<string, unknown> = {}): Listed => ({
    _id: `id-${username}`,
    username,
    name,
    ...more,
  });
  const usernames = (query: string, limit = 50) => search.search('s', query, limit).people.map((hit) => hit.username);
  /** Every page of a search, following `next` until there is none. */
  const allPages = (server: string, query: string, limit: number) => {
    const pages: { people: PersonHit[]; more: boolean }[] = [];
    let after: string | undefined;
    do {
      const page = search.search(server, query, limit, after);
      pages.push(page);
      after = page.next ?? undefined;
      expect(page.more).toBe(page.next !== null);
    } while (after !== undefined && pages.length < 1000);
    return pages;
  };

  beforeEach(() => {
    opened = openTempDatabase();
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1), ('t', 'https://y.example', 1)");
    store = new PeopleStore(opened.db);
    search = new PeopleSearch(opened.db);
  });
  afterEach(() => {
    opened.close();
  });

  it('matches without regard to case or diacritics, in any script', () => {
    list('s', [
      person('ana.gomez', 'Ana Gómez'),
      person('lukasz.w', 'Łukasz Wójcik'),
      person('jmueller', 'Jörg Müller', { emails: [{ address: 'JOERG@MUELLER.example' }] }),
      person('ivan', 'Иван Петров'),
      person('nikos', 'Νίκος Παπαδόπουλος'),
      person('wei', '王伟', { nickname: 'Straße' }),
    ]);
    expect(usernames('gomez')).toEqual(['ana.gomez']);
    expect(usernames('GÓMEZ')).toEqual(['ana.gomez']);
    expect(usernames('lukasz')).toEqual(['lukasz.w']);
    expect(usernames('Łuk')).toEqual(['lukasz.w']);
    expect(usernames('MÜLLER')).toEqual(['jmueller']);
    expect(usernames('muller')).toEqual(['jmueller']);
    expect(usernames('joerg@mu')).toEqual(['jmueller']);
    expect(usernames('иван')).toEqual(['ivan']);
    expect(usernames('ПЕТ')).toEqual(['ivan']);
    expect(usernames('παπαδο')).toEqual(['nikos']);
    expect(usernames('伟')).toEqual(['wei']);
    expect(usernames('strasse')).toEqual(['wei']);
  });

  it('finds one- and two-character words anywhere, and words in any order', () => {
    list('s', [person('mei.kim', 'Mei Kim'), person('kofi.mei', 'Kofi Meier'), person('ana.eze', 'Ana Eze'), person('bo', 'Bo')]);
    expect(usernames('ez').sort()).toEqual(['ana.eze']);
    expect(usernames(' ez ')).toEqual(['ana.eze']);
    expect(usernames('k').sort()).toEqual(['kofi.mei', 'mei.kim']);
    expect(usernames('im')).toEqual(['mei.kim']);
    expect(usernames('k mei').sort()).toEqual(usernames('mei k').sort());
    expect(usernames('mei k').sort()).toEqual(['kofi.mei', 'mei.kim']);
    expect(usernames('a b c d e f g h')).toEqual([]);
    expect(search.search('s', 'a b c d e f g h', 10)).toEqual({ people: [], more: false, next: null });
  });

  it('puts the query itself first, then usernames, then names starting with it, then the rest', () => {
    list('s', [
      person('ana.larsen', 'Ana Larsen'),
      person('carla', 'Lara Croft'),
      person('lars', 'Lars Berg'),
      person('lars.eriksen', 'Lars Eriksen'),
      person('zed', 'lar'),
      person('olar', 'Lar Olsen'),
    ]);
    // Exact name "lar" first; lars.* (username starts with it) before *.larsen (contains it).
    expect(usernames('lar')).toEqual(['zed', 'lars', 'lars.eriksen', 'carla', 'olar', 'ana.larsen']);
    expect(usernames('lars')).toEqual(['lars', 'lars.eriksen', 'ana.larsen']);
    expect(usernames('LARS BE')).toEqual(['lars']);
    expect(usernames('lars.eriksen')).toEqual(['lars.eriksen']);
  });

  it('puts a later word starting with the query before a match inside a word', () => {
    list('s', [
      person('aaa.nikolai', 'Nikolai Petrov'),
      person('b_ola', 'Bea Smith'),
      person('roxie', 'Funke Olasupo'),
      person('zz', 'Zed Ola-Adeyemi'),
    ]);
    // Surname, or a word of the username after "_", first; "Nikolai" holds "ola" mid-word.
    expect(usernames('ola')).toEqual(['b_ola', 'roxie', 'zz', 'aaa.nikolai']);
    // Past the six characters of a "word starts with" token the rule is checked row by row.
    expect(usernames('ola-adeye')).toEqual(['zz']);
    expect(usernames('olasupo')).toEqual(['roxie']);
    expect(usernames('kolai pe')).toEqual(['aaa.nikolai']);
  });

  it('fills every page while more match, and the pages add up to every match once', () => {
    list(
      's',
      Array.from({ length: 23 }, (_, i) => person(`user${String(i).padStart(2, '0')}`, `Person ${i}`)),
    );
    const pages = allPages('s', 'user', 5);
    expect(pages.map((page) => page.people.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flatMap((page) => page.people.map((hit) => hit.username))).toEqual(
      Array.from({ length: 23 }, (_, i) => `user${String(i).padStart(2, '0')}`),
    );
    expect(search.search('s', 'user', 23)).toMatchObject({ more: false, next: null });
    expect(search.search('s', 'user', 22)).toMatchObject({ more: true });
  });

  it('keeps each server’s people apart', () => {
    list('s', [person('anna', 'Anna Berg')]);
    list('t', [person('anna.other', 'Anna Other')]);
    expect(search.search('s', 'anna', 10).people.map((hit) => hit.username)).toEqual(['anna']);
    expect(search.search('t', 'an', 10).people.map((hit) => hit.username)).toEqual(['anna.other']);
  });

  it('asks the index for the server only while another server’s people are saved', () => {
    const server = everyoneOf('s');
    const mentionsServer = (alone: boolean) => planSearch('s', 'ann', { alone })!.tiers.map((tier) => tier.expression.includes(server));
    expect(mentionsServer(false)).toEqual([true, true, true, true, true]);
    expect(mentionsServer(true)).toEqual([false, false, false, false, false]);
    const seen: string[] = [];
    const spied = new PeopleSearch({
      prepare: (sql: string) => {
        const statement = opened.db.prepare(sql);
        if (!sql.includes('MATCH')) return statement;
        const spy = {
          raw: (raw: boolean) => (statement.raw(raw), spy),
          all: (params: { match: string }) => (seen.push(params.match), statement.all(params)),
        };
        return spy;
      },
    } as unknown as typeof opened.db);
    list('s', [person('anna', 'Anna Berg')]);
    expect(spied.search('s', 'anna', 10).people.map((hit) => hit.username)).toEqual(['anna']);
    expect(seen.some((match) => match.includes(server))).toBe(false);
    list('t', [person('anna.other', 'Anna Other')]);
    seen.length = 0;
    expect(spied.search('s', 'anna', 10).people.map((hit) => hit.username)).toEqual(['anna']);
    expect(seen.length > 0 && seen.every((match) => match.includes(server))).toBe(true);
  });

  it('prepares a lookup once per page length, with the limit written in (a bound LIMIT is planned again at every run)', () => {
    const prepared: string[] = [];
    const counted = new PeopleSearch({
      prepare: (sql: string) => (sql.includes('MATCH') && prepared.push(sql), opened.db.prepare(sql)),
    } as unknown as typeof opened.db);
    list('s', [person('anna', 'Anna Berg'), person('hanna', 'Hanna Lund')]);
    const queries = ['ann', 'anna', 'hanna lund', 'berg', 'lund', 'a'];
    for (const query of queries) counted.search('s', query, 10);
    const lengths = prepared.length;
    expect(lengths).toBeGreaterThan(0);
    // The same lookups again, and other searches with page lengths already seen: nothing new is prepared.
    for (const query of [...queries, 'hann', 'nna']) counted.search('s', query, 10);
    expect(prepared).toHaveLength(lengths);
    expect(new Set(prepared).size).toBe(lengths);
    expect(prepared.every((sql) => /LIMIT \d+\s*$/.test(sql) && !sql.includes('@limit'))).toBe(true);
    expect(counted.search('s', 'ann', 10).people.map((hit) => hit.username)).toEqual(['anna', 'hanna']);
  });

  it('reads quotes, operators and index syntax as text', () => {
    list('s', [person('ann', 'Ann "the" OR*Best', { nickname: 'NEAR(x' })]);
    expect(usernames('"the"')).toEqual(['ann']);
    expect(usernames('or*b')).toEqual(['ann']);
    expect(usernames('near(')).toEqual(['ann']);
    for (const query of ['"', '""', '*', 'a OR', 'NOT', '(', ')', ':', 'name:ann', '^', '-', 'AND AND']) {
      expect(() => search.search('s', query, 10)).not.toThrow();
    }
    expect(usernames('  ')).toEqual([]);
  });

  it.each([
    // Accents, case, strokes, spaces, punctuation and other scripts all occur.
    ['many kinds of letters', ['a', 'b', 'á', 'A', 'ł', 'L', 'l', 'ö', 'ß', 's', ' ', '.', '"', 'ж', 'Ж', '伟'], 14],
    // So few that long words share all their three-letter pieces without containing each other.
    ['two letters', ['a', 'b', 'A', 'á', ' '], 18],
  ])('agrees with the exact rule on any directory and query: %s (property)', (_, letters, length) => {
    const letter = fc.constantFrom(...(letters as string[]));
    const text = fc.string({ unit: letter, maxLength: length as number });
    const directory = fc.array(fc.record({ username: text, name: text, nickname: fc.option(text), email: fc.option(text) }), {
      maxLength: 25,
    });
    // A query is made up, or cut from someone's name (then shouted or not).
    const query = fc.oneof(text, fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 12 }), fc.boolean()));
    fc.assert(
      fc.property(
        directory,
        fc.array(query, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        (people, drawn, limit, another) => {
          const queries = drawn.map((q) => {
            if (typeof q === 'string') return q;
            const [who, from, length, shout] = q;
            const source = people.length === 0 ? 'ab' : people[who % people.length]!.name;
            const cut = source.slice(from % (source.length + 1), (from % (source.length + 1)) + length);
            return shout ? cut.toUpperCase() : cut;
          });
          opened.db.exec('DELETE FROM people');
          const listed = people.map((p, i) => ({
            _id: `u${i}`,
            username: p.username,
            name: p.name,
            ...(p.nickname !== null ? { nickname: p.nickname } : {}),
            ...(p.email !== null ? { emails: [{ address: p.email }] } : {}),
          }));
          list('s', listed);
          // The same people on another server too, half the time: searching then asks for the server.
          if (another) list('t', listed);
          for (const query of queries) {
            const plan = planSearch('s', query);
            const expected = listed
              .map((p, position) => ({
                id: p._id,
                position,
                tier: plan
                  ? tierOf(
                      plan,
                      foldPerson({
                        username: p.username,
                        name: p.name,
                        nickname: p.nickname ?? null,
                        emails: p.emails?.map((e) => e.address) ?? [],
                      }),
                    )
                  : null,
              }))
              .filter((entry) => entry.tier !== null)
              .sort((a, b) => a.tier! - b.tier! || a.position - b.position)
              .map((entry) => entry.id);
            const pages = allPages('s', query, limit);
            expect(pages.flatMap((page) => page.people.map((hit) => hit.userId))).toEqual(expected);
            expect(pages.slice(0, -1).every((page) => page.people.length === limit)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
