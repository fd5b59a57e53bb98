import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DirectoryStatus } from '../../../shared/directorySchemas';
import { call } from '../../../tests/support/coreCall';
import { signedIn } from '../../../tests/support/coreSignIn';
import { directoryCopy, indexSegments, type CopiedPerson as Person } from '../../../tests/support/directoryCopy';
import { makeTempDir } from '../../../tests/support/tempDir';
import { TestClock } from '../../../tests/support/testClock';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { fullRefreshNote } from '../people/directoryStatus';
import { fullPassDelayMs } from '../people/directoryTimers';
import { changesEveryMs, fullCopyEveryMs, fullPassEveryMs } from '../people/refreshPlan';
import { MemoryVault } from '../vault/memoryVault';
import { PeopleStore } from '../people/peopleStore';
import { writerThreadFromSource } from '../../../tests/support/writerThread';

const generated = 340;

describe('directory refreshes that read only what changed, against the reference users API', { timeout: 90_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let core: Core;
  let clock: TestClock;
  let accountId: string;

  /** demouser with view-full-other-user-info (an admin), so the server gives `_updatedAt` where it reads `fields`. */
  async function setUp(options: { unsafeQueryParams?: boolean; compat?: 7 | 8 }): Promise<void> {
    temp = makeTempDir();
    server = await startTestServer({ people: generated, ...options });
    await server.changeUser(demo.plain.userId, { roles: ['user', 'admin'] });
    clock = new TestClock();
    // The sync's writes on the writer thread, as the shells run them (D118).
    core = createCore({
      dataDir: temp.dir,
      vault: new MemoryVault(),
      version: '1',
      shell: 'test',
      clock,
      retryPolicy: { baseDelayMs: 5 },
      directoryWriter: writerThreadFromSource,
    });
    accountId = await signedIn(core, server, 'plain');
    await synced(() => call(core, 'directory.sync', { accountId }));
    await server.forgetRequests();
  }
  afterEach(async () => {
    vi.restoreAllMocks();
    core.close();
    await server.close();
    temp.cleanup();
  });

  /** Runs `start` and waits for the sync or refresh it began to end (a new `syncedAt`, state done). */
  async function synced(start: () => Promise<DirectoryStatus>): Promise<DirectoryStatus> {
    const before = (await call(core, 'directory.status', { accountId })).syncedAt;
    const done = new Promise<DirectoryStatus>((resolve) => {
      const stop = core.events.on('directory.changed', (status) => {
        if (status.state === 'done' && status.syncedAt !== before) {
          stop();
          resolve(status);
        }
      });
    });
    await start();
    return await clock.during(done);
  }

  /** The server's own list, read over HTTP as the admin it is. */
  async function serverPeople(): Promise<Person[]> {
    const login = await fetch(`${server.url}/api/v1/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: demo.plain.user, password: demo.plain.password }),
    });
    const { data } = (await login.json()) as { data: { userId: string; authToken: string } };
    const people: Person[] = [];
    for (let offset = 0; ; offset += 100) {
      const reply = await fetch(`${server.url}/api/v1/users.list?count=100&offset=${offset}`, {
        headers: { 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken },
      });
      const page = (await reply.json()) as { users: Record<string, unknown>[]; total: number };
      for (const u of page.users) {
        people.push({
          _id: u._id as string,
          username: (u.username as string) ?? null,
          name: (u.name as string) ?? null,
          active: u.active as boolean,
        });
      }
      if (offset + 100 >= page.total) break;
    }
    return people.sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  /** The id of the person at `index` of users.list newest change first (as the app reads it), asked as the admin. */
  async function lastInChangeOrder(total: number): Promise<string> {
    const login = await fetch(`${server.url}/api/v1/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: demo.plain.user, password: demo.plain.password }),
    });
    const { data } = (await login.json()) as { data: { userId: string; authToken: string } };
    const sort = encodeURIComponent(JSON.stringify({ _updatedAt: -1, _id: 1 }));
    const reply = await fetch(`${server.url}/api/v1/users.list?count=1&offset=${total - 1}&sort=${sort}`, {
      headers: { 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken },
    });
    return ((await reply.json()) as { users: { _id: string }[] }).users[0]!._id;
  }

  const localPeople = () => directoryCopy(temp.dir);

  const listRequests = async () => (await server.requests()).filter((request) => request.path.startsWith('/api/v1/users.list'));
  const search = async (query: string) => (await call(core, 'directory.search', { accountId, query })).people;

  /** Edits, a rename, a deactivation, an addition and a deletion on the server, as its admins would. */
  async function changeOnServer(): Promise<{ deactivated: string; deleted: string; added: string }> {
    const people = await serverPeople();
    const generatedPeople = people.filter((person) => person.username?.includes('.') && person._id !== demo.plain.userId);
    const [edited, deactivated, deleted] = [generatedPeople[3]!, generatedPeople[40]!, generatedPeople[200]!];
    await server.changeUser(edited._id, { name: 'Quentin Newname' });
    await server.changeUser('rbAXPnMktTFbNpwtJ', { username: 'roxie.renamed' });
    await server.changeUser(deactivated._id, { active: false });
    const added = (await server.dev('/_dev/users', {
      method: 'POST',
      body: JSON.stringify({ username: 'zoe.newcomer', name: 'Zoe Newcomer' }),
    })) as {
      user: { _id: string };
    };
    await server.dev(`/_dev/users/${deleted._id}`, { method: 'DELETE' });
    await server.forgetRequests();
    return { deactivated: deactivated._id, deleted: deleted._id, added: added.user._id };
  }

  it('reads one page of changes, finds who was deleted by their ids, and ends with exactly the server’s people', async () => {
    await setUp({ unsafeQueryParams: true });
    expect((await call(core, 'directory.status', { accountId })).note).toBeNull();
    // The first copy left its index in one segment, where searches are fastest (D120).
    expect(indexSegments(temp.dir)).toBe(1);
    const { deactivated, deleted, added } = await changeOnServer();
    // Every write of the refresh runs on the writer thread, whose PeopleStore is not this one.
    const writtenHere = [vi.spyOn(PeopleStore.prototype, 'saveListed'), vi.spyOn(PeopleStore.prototype, 'forgetListed')];

    // Not due yet: opening People again soon asks nothing.
    await call(core, 'directory.sync', { accountId });
    expect(await listRequests()).toHaveLength(0);

    await clock.advance(changesEveryMs);
    const status = await synced(() => call(core, 'directory.sync', { accountId }));
    const requests = await listRequests();
    const newestFirst = requests.filter((request) => request.sort?.includes('_updatedAt'));
    const byId = requests.filter((request) => !request.sort?.includes('_updatedAt'));
    expect(newestFirst).toHaveLength(1);
    // One deleted among ~600: about log2(600 / 100) one-id probes and a page.
    expect(byId.length).toBeGreaterThan(0);
    expect(byId.length).toBeLessThanOrEqual(5);

    expect(localPeople()).toEqual(await serverPeople());
    expect(status).toMatchObject({ state: 'done', loaded: status.total, error: null });
    expect(localPeople().some((person) => person._id === deleted)).toBe(false);
    expect(localPeople().find((person) => person._id === deactivated)).toMatchObject({ active: false });
    expect(localPeople().find((person) => person._id === added)).toMatchObject({ username: 'zoe.newcomer' });
    // The search index followed: the new username and name are found, the old username is not.
    expect((await search('roxie.renamed')).map((p) => p.userId)).toEqual(['rbAXPnMktTFbNpwtJ']);
    expect((await search('@roxie')).map((p) => p.username)).toEqual(['roxie.renamed']);
    expect((await search('newname')).map((p) => p.name)).toEqual(['Quentin Newname']);
    expect((await search('newcomer')).map((p) => p.userId)).toEqual([added]);
    expect(await search(deleted)).toEqual([]);
    for (const spy of writtenHere) expect(spy).not.toHaveBeenCalled();
    // A refresh adds its few people in segments of their own, not rewriting the whole index.
    expect(indexSegments(temp.dir)).toBeGreaterThan(1);
  });

  it('runs the weekly full pass in the background, page by page, and it removes people no change or count could show', async () => {
    await setUp({ unsafeQueryParams: true });
    // Someone deleted while someone else is imported with an old date: the count stays, no change is newer than the mark.
    const people = await serverPeople();
    const vanished = people.find((person) => person.username?.startsWith('a'))!;
    await server.dev(`/_dev/users/${vanished._id}`, { method: 'DELETE' });
    await server.dev('/_dev/users', {
      method: 'POST',
      body: JSON.stringify({ username: 'old.import', updatedAt: '2020-01-01T00:00:00.000Z' }),
    });
    await server.forgetRequests();

    await clock.advance(fullPassEveryMs);
    await synced(() => call(core, 'directory.sync', { accountId }));
    // Opening People read the changes only; the copy cannot see this pair yet.
    expect((await listRequests()).length).toBe(1);
    expect(localPeople().some((person) => person._id === vanished._id)).toBe(true);

    // A while later (a minute), the full pass: one page, then a wait, each page.
    const pages = Math.ceil(people.length / 100);
    const pass = synced(() => clock.advance(fullPassDelayMs).then(() => call(core, 'directory.status', { accountId })));
    await pass;
    const passRequests = (await listRequests()).slice(1);
    // Every page, then the changes since the pass began read back (one page) before the prune.
    expect(passRequests).toHaveLength(pages + 1);
    expect(clock.ran.filter((ms) => ms === 2_000).length).toBeGreaterThanOrEqual(pages - 1);
    expect(localPeople()).toEqual(await serverPeople());
    expect((await search('old.import')).map((p) => p.username)).toEqual(['old.import']);
    // A complete round, the pass folds the refreshes' segments back into one.
    expect(indexSegments(temp.dir)).toBe(1);
  });

  it('keeps a person changed while the full pass reads on, though they moved into a page it had read', async () => {
    await setUp({ unsafeQueryParams: true });
    // Who the pass reads last: the oldest change, at the end of users.list newest first.
    const people = await serverPeople();
    const last = await lastInChangeOrder(people.length);
    await clock.advance(fullPassEveryMs);
    await synced(() => call(core, 'directory.sync', { accountId }));

    const before = (await call(core, 'directory.status', { accountId })).syncedAt;
    const passDone = new Promise<void>((resolve) => {
      const stop = core.events.on('directory.changed', (status) => {
        if (status.state === 'done' && status.syncedAt !== before) {
          stop();
          resolve();
        }
      });
    });
    await clock.advance(fullPassDelayMs);
    // The pass has read its first page and waits before the next: now the last person changes, moving to the front.
    await expect.poll(() => clock.pending(), { timeout: 15_000 }).toContain(2_000);
    await server.changeUser(last, { name: 'Changed Midpass' });
    await clock.during(passDone);

    expect(localPeople()).toEqual(await serverPeople());
    expect((await search('midpass')).map((p) => p.userId)).toEqual([last]);
  });

  it('falls back to a whole copy, no more often than hourly, where the server gives no changes, and says so', async () => {
    await setUp({ compat: 8 });
    expect((await call(core, 'directory.status', { accountId })).note).toBe(fullRefreshNote);
    await changeOnServer();

    await clock.advance(changesEveryMs);
    await call(core, 'directory.sync', { accountId });
    expect(await listRequests()).toHaveLength(0);

    await clock.advance(fullCopyEveryMs - changesEveryMs);
    const status = await synced(() => call(core, 'directory.sync', { accountId }));
    expect(await listRequests()).toHaveLength(Math.ceil(status.total! / 100));
    expect(status.note).toBe(fullRefreshNote);
    expect(localPeople()).toEqual(await serverPeople());
  });
});
