import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInThroughCore } from '../../../tests/support/coreSignIn';
import { call } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { fakePeople } from '../../../tests/support/fakePeople';
import { fastUser, startFastUsersApi, type FastUsersApi, type FastUsersApiOptions } from '../../../tests/support/fastUsersApi';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

/**
 * Servers that say or send more than they should (tools/bench/fastUsersApi.ts over real
 * HTTP): a sync stays within the limit the person set, whatever `total` claims and
 * however large a page comes.
 */
// Real HTTP, syncs of hundreds of people: more than vitest's 5 s default on a busy machine.
describe('a directory sync is bounded by design', { timeout: 60_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: FastUsersApi | null = null;
  let core: Core;
  let accountId: string;

  const start = async (options: FastUsersApiOptions) => {
    server = await startFastUsersApi(options);
    accountId = await signInThroughCore(core, server.url, fastUser.user, fastUser.password);
  };
  const status = async () => await call(core, 'directory.status', { accountId });
  const settled = async () => {
    await expect.poll(async () => (await status()).state, { timeout: 30_000 }).not.toBe('syncing');
    return status();
  };
  const sync = async (request: { force?: boolean; maxPeople?: number }) => await call(core, 'directory.sync', { accountId, ...request });

  beforeEach(() => {
    temp = makeTempDir();
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test', requestTimeoutMs: 5000 });
  });
  afterEach(async () => {
    core.close();
    await server?.close();
    server = null;
    temp.cleanup();
  });

  it('stops at the limit, says so, and raising it goes on from there without starting over', async () => {
    await start({ people: fakePeople(450) });
    expect(await sync({ maxPeople: 150 })).toMatchObject({ state: 'syncing', limit: 150 });
    expect(await settled()).toMatchObject({ state: 'done', loaded: 150, total: 450, cached: 150, limit: 150, capped: true });
    expect(server!.listRequests()).toBe(2);
    // Not repeated while fresh, unless the limit goes up.
    expect(await sync({})).toMatchObject({ state: 'done', capped: true });
    expect(await sync({ maxPeople: 1000 })).toMatchObject({ state: 'syncing', limit: 1000 });
    expect(await settled()).toMatchObject({ state: 'done', loaded: 450, total: 450, cached: 450, limit: 1000, capped: false });
    expect(server!.listRequests()).toBe(2 + 3); // offsets 150, 250, 350
  });

  it('ends at the limit when the server claims a million people and sends the same page forever', async () => {
    await start({ people: fakePeople(300), claimTotal: 1_000_000, ignoreOffset: true });
    await sync({ maxPeople: 500 });
    expect(await settled()).toMatchObject({ state: 'done', loaded: 500, total: 1_000_000, cached: 100, capped: true });
    expect(server!.listRequests()).toBe(5);
  });

  it('keeps only the page it asked for when a server sends more', async () => {
    await start({ people: fakePeople(1200), pageSize: 1200 });
    await sync({});
    expect(await settled()).toMatchObject({ state: 'done', loaded: 1200, total: 1200, cached: 1200 });
    expect(server!.listRequests()).toBe(12);
  });

  it('refuses a page far larger than any real one and says why', async () => {
    // 20,000 people in one reply: about 5 MB, over the 2 MB a page may take.
    await start({ people: fakePeople(20_000), pageSize: 20_000 });
    await sync({});
    const stopped = await settled();
    expect(stopped).toMatchObject({ state: 'failed', cached: 0 });
    expect(stopped.error).toMatch(/far larger than expected.*stopped/);
    expect(server!.listRequests()).toBe(1);
  });
});
