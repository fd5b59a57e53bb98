// The data folder of someone with 20 accounts whose active server's directory is cached —
// written with the app's own modules, in directory order and with the index merged as a
// sync leaves it, so the schema and the index are the real ones.
import { AccountRepository, systemClock, openDatabase, PeopleStore, ProfileCache } from '../../electron/core';
import type { ListedPerson } from '../../tests/support/fakePeople';
import { benchStorage } from './benchStorage';

export interface Fixture {
  dataDir: string;
  activeAccountId: string;
  activeUsername: string;
  /** The server whose directory holds the people. */
  serverId: string;
}

export function writeFixtureDataDir(dataDir: string, accounts: number, people: ListedPerson[]): Fixture {
  const { db } = openDatabase({ dataDir, clock: systemClock, storage: benchStorage() });
  const repository = new AccountRepository(db);
  const profiles = new ProfileCache(db);
  const now = Date.now();
  for (let i = 0; i < accounts; i++) {
    const serverId = `server-${i}`;
    const username = `bench.user${i}`;
    repository.saveServer({ id: serverId, origin: `https://chat${i}.example.com`, name: `Chat ${i}`, version: '8.0.0', added_at: now + i });
    repository.saveAccount({
      id: `account-${i}`,
      server_id: serverId,
      user_id: `user-${i}`,
      username,
      display_name: `Bench User ${i}`,
      sign_in_kind: 'password',
      state: 'signed-in',
      created_at: now + i,
      updated_at: now + i,
    });
    profiles.put(`account-${i}`, { document: ownProfile(i, username), serverUpdatedAt: new Date(now).toISOString(), fetchedAt: now });
  }
  repository.setActiveAccountId('account-0');
  // Pages of 1,000 rather than the sync's 100: only the result matters here, not the pace.
  const store = new PeopleStore(db);
  for (let offset = 0; offset < people.length; offset += 1000) {
    store.saveListed('server-0', people.slice(offset, offset + 1000), 1, now);
    for (let step = 0; step < 40 && store.tidyIndex(); step++);
  }
  while (store.compactIndex()); // as a complete copy ends (D120)
  db.close();
  return { dataDir, activeAccountId: 'account-0', activeUsername: 'bench.user0', serverId: 'server-0' };
}

/** A full own-profile document as ProfileService caches it (already sanitised). */
function ownProfile(i: number, username: string): Record<string, unknown> {
  const at = new Date(Date.UTC(2024, 0, 1 + i)).toISOString();
  return {
    _id: `user-${i}`,
    username,
    name: `Bench User ${i}`,
    nickname: `bench${i}`,
    bio: 'Keeps an eye on how fast the app starts.',
    emails: [{ address: `${username}@example.com`, verified: true }],
    status: 'online',
    statusText: 'Measuring',
    statusConnection: 'online',
    utcOffset: 1,
    type: 'user',
    active: true,
    roles: ['user'],
    createdAt: at,
    lastLogin: at,
    requirePasswordChange: false,
    customFields: { department: 'Engineering', twitter: `@${username}` },
    avatarETag: `etag${i}`,
    _updatedAt: at,
    services: { totp: { enabled: false }, email2fa: { enabled: true }, password: { exists: true } },
    rooms: [
      { _id: `sub-${i}-1`, rid: 'GENERAL', name: 'general', t: 'c', unread: 4 },
      { _id: `sub-${i}-2`, rid: `dm-${i}`, t: 'd', unread: 0 },
    ],
  };
}
