import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRequest, ChannelResult } from '../../../shared/contract';
import type { DirectoryStatus, PersonHit } from '../../../shared/directorySchemas';
import { fail, ok } from '../../../shared/errors';
import { createFakeApi, type FakeApi } from '../../../tests/support/fakeApi';
import { createDirectoryStore, searchPageSize } from './directoryStore';

const status = (serverId: string, state: DirectoryStatus['state'], loaded = 0): DirectoryStatus => ({
  serverId,
  state,
  loaded,
  total: 100,
  cached: loaded,
  syncedAt: null,
  error: null,
  limit: 100_000,
  capped: false,
  note: null,
});
const person = (n: number): PersonHit => ({
  userId: `u${n}`,
  username: `user${n}`,
  name: `User ${n}`,
  nickname: null,
  emails: [],
  status: null,
});

/** Answers held back until the test lets each go, in whatever order it chooses. */
function heldAnswers(fake: FakeApi) {
  const held: { request: ChannelRequest<'directory.search'>; release(answer: ChannelResult<'directory.search'>): void }[] = [];
  fake.answer(
    'directory.search',
    (request) => new Promise<ChannelResult<'directory.search'>>((resolve) => held.push({ request, release: resolve })),
  );
  return held;
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('directory store', () => {
  let fake: FakeApi;
  let store: ReturnType<typeof createDirectoryStore>;

  beforeEach(() => {
    fake = createFakeApi();
    store = createDirectoryStore(() => fake.api);
    store.getState().follow();
  });

  it('starts a sync, learns the account’s server, and follows the progress of that server', async () => {
    fake.succeed('directory.sync', status('s1', 'syncing'));
    await store.getState().sync('a');
    expect(fake.requests('directory.sync')).toEqual([{ accountId: 'a' }]);
    expect(store.getState().servers).toEqual({ a: 's1' });
    expect(store.getState().statuses.s1?.state).toBe('syncing');

    fake.emit('directory.changed', status('s1', 'syncing', 50));
    fake.emit('directory.changed', status('s1', 'done', 100));
    fake.emit('directory.changed', status('s2', 'paused', 3));
    expect(store.getState().statuses.s1).toMatchObject({ state: 'done', loaded: 100 });
    expect(store.getState().progress).toEqual({ s1: 2, s2: 1 });
  });

  it('"sync now" forces a new sync; raising the limit asks for it', async () => {
    fake.succeed('directory.sync', status('s1', 'syncing'));
    await store.getState().sync('a', { force: true });
    await store.getState().sync('a', { maxPeople: 450_000 });
    expect(fake.requests('directory.sync')).toEqual([
      { accountId: 'a', force: true },
      { accountId: 'a', maxPeople: 450_000 },
    ]);
  });

  it('a later query’s answer is never replaced by an earlier one’s that comes after it', async () => {
    const held = heldAnswers(fake);
    const first = store.getState().search('a', 'k');
    const second = store.getState().search('a', 'ki');
    expect(store.getState().asked).toEqual({ accountId: 'a', query: 'ki' });
    // The answer to "ki" comes first, then the slower one to "k".
    held[1]!.release(ok({ query: 'ki', people: [person(1)], more: false, next: null }));
    await second;
    held[0]!.release(ok({ query: 'k', people: [person(1), person(2)], more: false, next: null }));
    await first;
    expect(store.getState().results).toMatchObject({ query: 'ki', people: [person(1)] });
  });

  it('reads page after page with the cursor, once at a time, without listing anyone twice', async () => {
    const held = heldAnswers(fake);
    const searching = store.getState().search('a', 'an');
    held[0]!.release(ok({ query: 'an', people: [person(1), person(2)], more: true, next: '1.2' }));
    await searching;
    const loading = store.getState().loadMore();
    void store.getState().loadMore(); // a second scroll event while the page is on its way
    expect(held).toHaveLength(2);
    expect(held[1]!.request).toEqual({ accountId: 'a', query: 'an', limit: searchPageSize, after: '1.2' });
    expect(store.getState().results?.loadingMore).toBe(true);
    held[1]!.release(ok({ query: 'an', people: [person(2), person(3)], more: false, next: null }));
    await loading;
    expect(store.getState().results).toMatchObject({ people: [person(1), person(2), person(3)], more: false, loadingMore: false });
    await store.getState().loadMore(); // nothing more to read
    expect(held).toHaveLength(2);
  });

  it('drops a page that comes after a new query was typed', async () => {
    const held = heldAnswers(fake);
    const searching = store.getState().search('a', 'an');
    held[0]!.release(ok({ query: 'an', people: [person(1)], more: true, next: '0.1' }));
    await searching;
    const loading = store.getState().loadMore();
    const next = store.getState().search('a', 'ann');
    held[1]!.release(ok({ query: 'an', people: [person(9)], more: false, next: null }));
    await loading;
    held[2]!.release(ok({ query: 'ann', people: [person(5)], more: false, next: null }));
    await next;
    expect(store.getState().results).toMatchObject({ query: 'ann', people: [person(5)] });
  });

  it('says why a page could not be read and keeps what was listed; an empty query lists everyone saved', async () => {
    fake.succeed('directory.search', { query: 'an', people: [person(1)], more: true, next: '0.1' });
    await store.getState().search('a', 'an');
    fake.answer('directory.search', () => fail('internal', 'The saved directory could not be read.'));
    await store.getState().loadMore();
    expect(store.getState().results).toMatchObject({ people: [person(1)], error: 'The saved directory could not be read.' });
    fake.succeed('directory.search', ({ query }) => ({ query, people: [person(1), person(2)], more: false, next: null }));
    await store.getState().search('a', '  ');
    await flush();
    expect(store.getState().results).toMatchObject({ query: '  ', people: [person(1), person(2)], error: null });
    expect(store.getState().asked).toEqual({ accountId: 'a', query: '  ' });
  });

  it('a refresh reads the list again as far as it was scrolled, with people saved since in their places', async () => {
    const pages = (people: PersonHit[]) => (request: ChannelRequest<'directory.search'>) => {
      const from = request.after ? Number(request.after) : 0;
      const to = from + request.limit!;
      return {
        query: request.query,
        people: people.slice(from, to),
        more: to < people.length,
        next: to < people.length ? String(to) : null,
      };
    };
    const saved = Array.from({ length: 250 }, (_, n) => person(n * 2));
    fake.succeed('directory.search', pages(saved));
    await store.getState().search('a', 'user');
    await store.getState().loadMore();
    const twoPages = 2 * searchPageSize;
    expect(store.getState().results?.people).toHaveLength(twoPages);

    // Saved since: one between the first two, and one after everyone.
    const now = [saved[0]!, person(1), ...saved.slice(1), person(999)];
    fake.succeed('directory.search', pages(now));
    await store.getState().refresh();
    const shown = store.getState().results!;
    expect(shown.people).toEqual(now.slice(0, twoPages));
    expect(shown).toMatchObject({ query: 'user', more: true, next: String(twoPages) });
    expect(
      fake
        .requests('directory.search')
        .slice(-2)
        .map((request) => request.after),
    ).toEqual([undefined, String(searchPageSize)]);
  });

  it('a refresh asked while one runs runs once more after it; one that ends after a new query is dropped', async () => {
    fake.succeed('directory.search', { query: 'an', people: [person(1)], more: false, next: null });
    await store.getState().search('a', 'an');
    const held = heldAnswers(fake);
    const first = store.getState().refresh();
    // Two more sync reports while the first read runs: their promises settle with it, awaited through `first`.
    void store.getState().refresh();
    void store.getState().refresh(); // the same: it only asks for one more read
    expect(held).toHaveLength(1);
    held[0]!.release(ok({ query: 'an', people: [person(1), person(2)], more: false, next: null }));
    await flush();
    expect(held).toHaveLength(2); // the two asked while it ran: one more read
    const next = store.getState().search('a', 'ann');
    held[1]!.release(ok({ query: 'an', people: [person(7)], more: false, next: null }));
    held[2]!.release(ok({ query: 'ann', people: [person(5)], more: false, next: null }));
    await Promise.all([first, next]);
    expect(store.getState().results).toMatchObject({ query: 'ann', people: [person(5)] });
  });
});
