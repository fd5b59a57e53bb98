import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DirectoryStatus } from '../../../shared/directorySchemas';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { PeopleStore } from '../people/peopleStore';
import { MemoryVault } from '../vault/memoryVault';

/** On top of the demo seed's people, so the directory spans several pages of 100. */
const generated = 447;

/** What the server itself says: how many people users.list has, asked directly over HTTP. */
async function serverTotal(url: string): Promise<number> {
  const signIn = await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: demo.plain.user, password: demo.plain.password }),
  });
  const { data } = (await signIn.json()) as { data: { userId: string; authToken: string } };
  const list = await fetch(`${url}/api/v1/users.list?count=1`, { headers: { 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken } });
  return ((await list.json()) as { total: number }).total;
}

describe('directory sync and local search against the reference users API', { timeout: 60_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let vault: MemoryVault;
  let core: Core;
  let statuses: DirectoryStatus[];
  const start = () => {
    core = createCore({
      dataDir: temp.dir,
      vault,
      version: '1',
      shell: 'test',
      retryPolicy: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    statuses = [];
    core.events.on('directory.changed', (status) => statuses.push(status));
  };
  const settled = (state: DirectoryStatus['state']) =>
    expect.poll(async () => (await call(core, 'directory.status', { accountId })).state, { timeout: 15_000 }).toBe(state);
  const search = async (query: string) => await call(core, 'directory.search', { accountId, query });
  const listCalls = async () =>
    ((await server.dev('/_dev/requests')) as { requests: { path: string }[] }).requests.filter((r) => /users\.list|directory/.test(r.path))
      .length;
  let accountId: string;
  let total: number;
  let pages: number;

  beforeEach(async () => {
    temp = makeTempDir();
    vault = new MemoryVault();
    server = await startTestServer({ people: generated });
    total = await serverTotal(server.url);
    pages = Math.ceil(total / 100);
    start();
    accountId = await signedIn(core, server, 'plain');
    await server.dev('/_dev/requests', { method: 'DELETE' });
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('copies every page with progress, then searches by substring, prefix and several words, offline too', async () => {
    expect((await call(core, 'directory.status', { accountId })).state).toBe('never');
    expect((await call(core, 'directory.sync', { accountId })).state).toBe('syncing');
    await settled('done');
    const done = await call(core, 'directory.status', { accountId });
    expect(total).toBeGreaterThan(generated);
    expect(done).toMatchObject({ loaded: total, total, cached: total, error: null });
    expect(statuses[0]).toMatchObject({ state: 'syncing', loaded: 0 });
    expect(statuses.at(-1)).toMatchObject({ state: 'done', loaded: total });
    expect(await listCalls()).toBe(pages);

    expect((await search('olasup')).people.map((p) => p.username)).toEqual(['roxie']);
    // Two letters find inside words too; those starting with them come first.
    const two = await search('ad');
    expect(two.people.length).toBeGreaterThan(0);
    expect(two.people.every((p) => `${p.username} ${p.name} ${p.nickname} ${p.emails.join(' ')}`.toLowerCase().includes('ad'))).toBe(true);
    const starts = (p: (typeof two.people)[number]) => p.username!.startsWith('ad') || p.name!.toLowerCase().startsWith('ad');
    const startFirst = two.people.map(starts);
    expect(startFirst).toEqual([...startFirst].sort((a, b) => Number(b) - Number(a)));
    expect(two.query).toBe('ad');
    const twoWords = await search('maya ok');
    expect(twoWords.people.map((p) => p.name)).toContain('Maya Okafor');
    expect(twoWords.people.every((p) => /maya/i.test(p.name!) && /ok/i.test(`${p.name} ${p.username}`))).toBe(true);
    // Ranking: an exact username first.
    expect((await search('roxie')).people[0]!.username).toBe('roxie');
    // Page by page through the contract: full pages, each person once.
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await call(core, 'directory.search', { accountId, query: 'e', limit: 100, after });
      if (page.more) expect(page.people).toHaveLength(100);
      seen.push(...page.people.map((p) => p.userId));
      after = page.next ?? undefined;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(100);
    expect(await callResult(core, 'directory.search', { accountId, query: 'e', after: 'page 2' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });

    await server.close();
    expect((await search('olasup')).people.map((p) => p.username)).toEqual(['roxie']);
    server = await startTestServer(); // for afterEach
  });

  it('never writes a page and merges the index in the same turn of the event loop', async () => {
    // A window waits for everything one turn runs: a page write and a merge step may each
    // take tens of milliseconds at 500,000 people, so they must not add up in one turn.
    const log: string[] = [];
    let watching = true;
    const turn = () => {
      if (!watching) return;
      log.push('turn');
      setImmediate(turn);
    };
    const saveListed = PeopleStore.prototype.saveListed;
    const tidyIndex = PeopleStore.prototype.tidyIndex;
    vi.spyOn(PeopleStore.prototype, 'saveListed').mockImplementation(function (this: PeopleStore, ...args) {
      log.push('write');
      return saveListed.apply(this, args);
    });
    vi.spyOn(PeopleStore.prototype, 'tidyIndex').mockImplementation(function (this: PeopleStore) {
      log.push('merge');
      return tidyIndex.apply(this);
    });
    try {
      turn();
      await call(core, 'directory.sync', { accountId });
      await settled('done');
    } finally {
      watching = false;
      vi.restoreAllMocks();
    }
    expect(log.filter((entry) => entry === 'write')).toHaveLength(pages);
    expect(log).toContain('merge');
    // Between a write and the merge step after it, the loop turned.
    const shared = log.filter(
      (entry, at) =>
        entry === 'merge' &&
        log
          .slice(0, at)
          .filter((e) => e !== 'merge')
          .at(-1) === 'write',
    );
    expect(shared).toEqual([]);
  });

  it('does not sync again while fresh unless forced', async () => {
    await callResult(core, 'directory.sync', { accountId });
    await settled('done');
    await callResult(core, 'directory.sync', { accountId });
    expect(await listCalls()).toBe(pages);
    expect((await call(core, 'directory.sync', { accountId, force: true })).state).toBe('syncing');
    await settled('done');
    expect(await listCalls()).toBe(2 * pages);
  });

  it('falls back to the directory endpoint when users.list is refused', async () => {
    await server.failWith(403, { route: '/api/v1/users.list', times: 1 });
    await callResult(core, 'directory.sync', { accountId });
    await settled('done');
    // The directory lists active people other than oneself.
    const status = await call(core, 'directory.status', { accountId });
    expect(status.total).toBeLessThan(total);
    expect(status.loaded).toBe(status.total);
    expect((await search('olasup')).people.map((p) => p.username)).toEqual(['roxie']);
  });

  it('resumes after a restart from the page it had reached', async () => {
    let closedAt: DirectoryStatus | undefined;
    core.events.on('directory.changed', (status) => {
      if (!closedAt && status.loaded >= 200) {
        closedAt = status;
        core.close(); // the app quits mid-sync
      }
    });
    await callResult(core, 'directory.sync', { accountId });
    await expect.poll(() => closedAt).toBeDefined();
    expect(closedAt).toMatchObject({ state: 'syncing' });
    expect(closedAt!.loaded).toBeLessThan(total);
    start();
    await core.ready;
    await settled('done');
    expect((await call(core, 'directory.status', { accountId })).cached).toBe(total);
    // Started over, it would have asked for every page again; resumed, only those left plus one in flight.
    expect(await listCalls()).toBeLessThanOrEqual(pages + 1);
  });

  it('pauses while the server fails and finishes by itself when it answers again', async () => {
    await server.failWith(503, { route: '/api/v1/users.list' });
    await callResult(core, 'directory.sync', { accountId });
    await settled('paused');
    const paused = await call(core, 'directory.status', { accountId });
    expect(paused.error).toMatch(/continues when the server answers/);
    await server.restore();
    await settled('done');
    expect((await call(core, 'directory.status', { accountId })).loaded).toBe(total);
  });

  it('stops with a clear reason when the session has ended', async () => {
    await server.revokeTokens(demo.plain.userId);
    await callResult(core, 'directory.sync', { accountId });
    await settled('failed');
    expect((await call(core, 'directory.status', { accountId })).error).toMatch(/Sign in again/);
  });
});
