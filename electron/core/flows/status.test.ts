import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

type Served = { requests: { method: string; path: string; status: number }[] };

/**
 * The status a person chooses is statusDefault; `status` follows live connections and reads
 * offline for this app, which holds none (docs/protocol.md §6 "Status").
 */
describe('the chosen status, against a server where a REST client shows as offline', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let core: Core;
  let accountId: string;
  const outbox = async () => await call(core, 'outbox.get', { accountId });
  const settled = () =>
    expect.poll(async () => (await outbox()).items.filter((i) => i.state !== 'failed'), { timeout: 15_000 }).toEqual([]);
  const serverUser = async () => ((await server.dev(`/_dev/users/${demo.plain.userId}`)) as { user: Record<string, unknown> }).user;
  const statusPosts = async () =>
    ((await server.dev('/_dev/requests')) as Served).requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/users.setStatus');

  beforeEach(async () => {
    temp = makeTempDir();
    server = await startTestServer();
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test', retryPolicy: { attempts: 1 } });
    accountId = await signedIn(core, server, 'plain');
    await server.dev('/_dev/requests', { method: 'DELETE' });
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('shows the status chosen, not the offline others see', async () => {
    expect(await serverUser()).toMatchObject({ status: 'offline', statusDefault: 'online' });
    const view = await call(core, 'profile.get', { accountId });
    expect(view.profile).toMatchObject({ status: 'offline', statusDefault: 'online' });
  });

  it('sends "offline" (invisible) although /me already reads offline', async () => {
    await call(core, 'profile.setStatus', { accountId, status: 'offline', text: '' });
    await settled();
    expect(await serverUser()).toMatchObject({ statusDefault: 'offline' });
    expect(await statusPosts()).toHaveLength(1);
    expect((await outbox()).history[0]).toMatchObject({ outcome: 'saved' });
  });

  it('changes one chosen status for another without calling it a conflict', async () => {
    await call(core, 'profile.setStatus', { accountId, status: 'away', text: 'Lunch' });
    await settled();
    await call(core, 'profile.setStatus', { accountId, status: 'busy', text: 'Lunch' });
    await settled();
    expect((await outbox()).items).toEqual([]);
    expect(await serverUser()).toMatchObject({ statusDefault: 'busy', status: 'offline' });
    expect((await call(core, 'profile.get', { accountId })).profile?.statusDefault).toBe('busy');
  });

  it('still calls a status chosen elsewhere meanwhile a conflict', async () => {
    await server.dropConnections();
    await callResult(core, 'profile.refresh', { accountId }); // learns the server cannot be reached
    await call(core, 'profile.setStatus', { accountId, status: 'away', text: '' });
    // Another device of this person chose "busy".
    await server.dev(`/_dev/users/${demo.plain.userId}`, { method: 'POST', body: JSON.stringify({ statusDefault: 'busy' }) });
    await server.restore();
    await expect
      .poll(async () => (await outbox()).items.map((i) => [i.field, i.state]), { timeout: 15_000 })
      .toEqual([['statusType', 'conflict']]);
    expect((await outbox()).items[0]).toMatchObject({ value: 'away', theirs: 'busy', base: 'online' });
  });
});
