import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LookupResult, RecentLookups } from '../../../shared/profileSchemas';
import { signInThroughCore } from '../../../tests/support/coreSignIn';
import { value } from '../../../tests/support/result';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

describe('people lookups against the reference users API', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let server: TestServer | null;

  beforeEach(async () => {
    temp = makeTempDir();
    server = await startTestServer();
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test' });
  });
  afterEach(async () => {
    core.close();
    await server?.close();
    temp.cleanup();
  });

  const signIn = (kind: 'plain' | 'email2fa') =>
    signInThroughCore(core, server!.url, demo[kind].user, demo[kind].password, () => server!.latestEmailCode(demo.email2fa.email));

  const lookup = (accountId: string, key: string, lookupValue: string, includeRooms = false) =>
    core.dispatch('people.lookup', { accountId, key, value: lookupValue, includeRooms });

  it('finds people by each of the five keys', async () => {
    const accountId = await signIn('email2fa');
    expect(value<LookupResult>(await lookup(accountId, 'username', 'roxie')).person).toMatchObject({
      name: 'Funke Olasupo',
      nickname: 'baby girl',
    });
    const roxieId = value<LookupResult>(await lookup(accountId, 'username', 'roxie')).person._id;
    expect(value<LookupResult>(await lookup(accountId, 'userId', roxieId)).person.username).toBe('roxie');
    expect(value<LookupResult>(await lookup(accountId, 'email', 'FUNKE@test.com')).person.username).toBe('roxie');
    expect(value<LookupResult>(await lookup(accountId, 'freeSwitchExtension', '1234')).person.username).toBe('test.john');
    const withRooms = value<LookupResult>(await lookup(accountId, 'importId', 'slack:U05JOHN1234', true));
    expect(withRooms.person.username).toBe('test.john');
    expect(withRooms.person.rooms?.find((room) => room.name === 'Livestream')?.unread).toBe(1);
    expect(value<RecentLookups>(await core.dispatch('people.recent', { accountId })).people.map((person) => person.username)).toEqual(
      expect.arrayContaining(['roxie', 'test.john']),
    );
  });

  it('answers not-found for an unknown user, and shows a caller without permission only public fields', async () => {
    const accountId = await signIn('plain');
    expect(await lookup(accountId, 'username', 'nobody.here')).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('username') },
    });
    const john = value<LookupResult>(await lookup(accountId, 'username', 'test.john')).person;
    expect(john.name).toBe('Test John');
    expect(john.emails).toBeUndefined();
    expect(john.roles).toBeUndefined();
  });

  it('answers from the saved copy when the server cannot be reached', async () => {
    const accountId = await signIn('plain');
    value(await lookup(accountId, 'username', 'roxie'));
    await server!.close();
    server = null;
    const offline = value<LookupResult>(await lookup(accountId, 'username', 'Roxie'));
    expect(offline).toMatchObject({ fromCache: true, person: { username: 'roxie' } });
    expect(await lookup(accountId, 'username', 'never.seen')).toMatchObject({ ok: false, error: { code: 'network-unreachable' } });
  });
});
