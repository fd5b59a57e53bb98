import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRequest } from '../../../shared/contract';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call, callResult } from '../../../tests/support/coreCall';
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

  const lookupRequest = (accountId: string, key: ChannelRequest<'people.lookup'>['key'], lookupValue: string, includeRooms = false) => ({
    accountId,
    key,
    value: lookupValue,
    includeRooms,
  });
  /** The person found; a refusal fails the test. */
  const lookup = (...request: Parameters<typeof lookupRequest>) => call(core, 'people.lookup', lookupRequest(...request));
  /** The whole reply, for the lookups that are meant to fail. */
  const lookupResult = (...request: Parameters<typeof lookupRequest>) => callResult(core, 'people.lookup', lookupRequest(...request));

  it('finds people by each of the five keys', async () => {
    const accountId = await signedIn(core, server!, 'email2fa');
    expect((await lookup(accountId, 'username', 'roxie')).person).toMatchObject({
      name: 'Funke Olasupo',
      nickname: 'baby girl',
    });
    const roxieId = (await lookup(accountId, 'username', 'roxie')).person._id;
    expect((await lookup(accountId, 'userId', roxieId)).person.username).toBe('roxie');
    expect((await lookup(accountId, 'email', 'FUNKE@test.com')).person.username).toBe('roxie');
    expect((await lookup(accountId, 'freeSwitchExtension', '1234')).person.username).toBe('test.john');
    const withRooms = await lookup(accountId, 'importId', 'slack:U05JOHN1234', true);
    expect(withRooms.person.username).toBe('test.john');
    expect(withRooms.person.rooms?.find((room) => room.name === 'Livestream')?.unread).toBe(1);
    expect((await call(core, 'people.recent', { accountId })).people.map((person) => person.username)).toEqual(
      expect.arrayContaining(['roxie', 'test.john']),
    );
  });

  it('answers not-found for an unknown user, and shows a caller without permission only public fields', async () => {
    const accountId = await signedIn(core, server!, 'plain');
    expect(await lookupResult(accountId, 'username', 'nobody.here')).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('username') },
    });
    const john = (await lookup(accountId, 'username', 'test.john')).person;
    expect(john.name).toBe('Test John');
    expect(john.emails).toBeUndefined();
    expect(john.roles).toBeUndefined();
  });

  it('reads "@name" as the username, in a lookup and in a directory search', async () => {
    const accountId = await signedIn(core, server!, 'plain');
    expect((await lookup(accountId, 'username', '@test.john')).person.name).toBe('Test John');
    await call(core, 'directory.sync', { accountId });
    await expect.poll(async () => (await call(core, 'directory.status', { accountId })).state, { timeout: 15_000 }).toBe('done');
    const found = await call(core, 'directory.search', { accountId, query: '@test' });
    expect(found.people.map((person) => person.username)).toContain('test.john');
    expect(found.query).toBe('@test');
  });

  it('lists everyone saved, in directory order and page by page, before anything is typed', async () => {
    const accountId = await signedIn(core, server!, 'plain');
    await call(core, 'directory.sync', { accountId });
    await expect.poll(async () => (await call(core, 'directory.status', { accountId })).state, { timeout: 15_000 }).toBe('done');
    const saved = (await call(core, 'directory.status', { accountId })).cached;
    const first = await call(core, 'directory.search', { accountId, query: '', limit: 3 });
    expect(first.people).toHaveLength(3);
    expect(first.more).toBe(true);
    const listed = [...first.people];
    for (let next = first.next; next;) {
      const page = await call(core, 'directory.search', { accountId, query: '  ', limit: 3, after: next });
      listed.push(...page.people);
      next = page.next;
    }
    expect(listed).toHaveLength(saved);
    const usernames = listed.map((person) => person.username ?? '');
    expect(usernames).toContain('test.john');
    expect(new Set(usernames).size).toBe(usernames.length);
  });

  it('says the server hides emails from this account instead of "no one has that email"', async () => {
    const accountId = await signedIn(core, server!, 'plain');
    // demouser may not see other people's addresses (view-full-other-user-info is the admins').
    const hidden = await lookupResult(accountId, 'email', demo.email2fa.email);
    expect(hidden).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('shows email addresses only') },
    });
    // Their own address is theirs to look up, as Rocket.Chat's getFullUserData allows.
    expect((await lookup(accountId, 'email', demo.plain.email)).person.username).toBe('demouser');
    // An account that may see addresses is told the plain truth.
    const adminId = await signedIn(core, server!, 'email2fa');
    expect(await lookupResult(adminId, 'email', 'nobody@test.com')).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'No one on this server has that email address.' },
    });
  });

  it('answers from the saved copy when the server cannot be reached', async () => {
    const accountId = await signedIn(core, server!, 'plain');
    await lookup(accountId, 'username', 'roxie');
    await server!.close();
    server = null;
    const offline = await lookup(accountId, 'username', 'Roxie');
    expect(offline).toMatchObject({ fromCache: true, person: { username: 'roxie' } });
    expect(await lookupResult(accountId, 'username', 'never.seen')).toMatchObject({ ok: false, error: { code: 'network-unreachable' } });
  });
});
