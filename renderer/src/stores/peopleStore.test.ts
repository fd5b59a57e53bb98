import { beforeEach, describe, expect, it } from 'vitest';
import { fail } from '../../../shared/errors';
import type { LookupResult } from '../../../shared/profileSchemas';
import { createFakeApi, repliesRun, type FakeApi } from '../../../tests/support/fakeApi';
import { createPeopleStore } from './peopleStore';

const person = { userId: 'u2', username: 'ana', name: 'Ana', lookedUpAt: '2025-01-01T00:00:00.000Z' };

describe('people store', () => {
  let fake: FakeApi;
  let store: ReturnType<typeof createPeopleStore>;

  beforeEach(() => {
    fake = createFakeApi();
    store = createPeopleStore(() => fake.api);
  });

  it('a successful lookup answers with the person and puts them in the recent ones', async () => {
    const found: LookupResult = { person: { _id: 'u2', username: 'ana' }, fromCache: false, fetchedAt: '2025-01-01T00:00:00.000Z' };
    fake.succeed('people.lookup', found);
    fake.succeed('people.recent', { people: [person] });
    const request = { accountId: 'a', key: 'username' as const, value: 'ana', includeRooms: false };
    expect(await store.getState().lookup(request)).toEqual({ ok: true, value: found });
    await repliesRun();
    expect(fake.requests('people.lookup')).toEqual([request]);
    expect(fake.requests('people.recent')).toEqual([{ accountId: 'a' }]);
    expect(store.getState().recent.a).toEqual([person]);
  });

  it('a failed lookup answers with the reason and reads nothing else', async () => {
    fake.answer('people.lookup', async () => fail('not-found', 'No one by that name.'));
    const answer = await store.getState().lookup({ accountId: 'a', key: 'username', value: 'nobody' });
    expect(answer).toMatchObject({ ok: false, error: { message: 'No one by that name.' } });
    await repliesRun();
    expect(fake.requests('people.recent')).toEqual([]);
  });
});
