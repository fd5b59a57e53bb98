import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

/** The account list is what the switcher, the sidebar and the Home heading read: it must carry the server's names. */
describe('the names an account goes by follow the server', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let vault: MemoryVault;
  let core: Core;
  let accountId: string;
  const start = () => {
    core = createCore({ dataDir: temp.dir, vault, version: '1', shell: 'test' });
  };
  const listed = async () => (await call(core, 'accounts.list', {})).accounts.find((account) => account.id === accountId);

  beforeEach(async () => {
    temp = makeTempDir();
    vault = new MemoryVault();
    server = await startTestServer();
    start();
    accountId = await signedIn(core, server, 'plain');
    await call(core, 'profile.refresh', { accountId });
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('a name saved here shows in the account list once the server took it, and after a restart', async () => {
    const changed = new Promise<void>((resolve) => core.events.onAny((event) => event === 'accounts.changed' && resolve()));
    await call(core, 'profile.edit', { accountId, changes: { name: 'Demo Üser' } });
    await changed;
    expect(await listed()).toMatchObject({ username: demo.plain.user, displayName: 'Demo Üser' });
    expect(((await server.dev(`/_dev/users/${demo.plain.userId}`)) as { user: { name: string } }).user.name).toBe('Demo Üser');

    core.close();
    start();
    expect(await listed()).toMatchObject({ displayName: 'Demo Üser' });
  });

  it('a name or username changed elsewhere shows in the list after a refresh', async () => {
    await server.changeUser(demo.plain.userId, { name: 'Renamed Elsewhere', username: 'demo.renamed' });
    await call(core, 'profile.refresh', { accountId });
    await expect.poll(listed).toMatchObject({ username: 'demo.renamed', displayName: 'Renamed Elsewhere' });
  });

  it('the Security screen names the account by its new name too', async () => {
    await server.changeUser(demo.plain.userId, { name: 'Renamed Elsewhere', username: 'demo.renamed' });
    await call(core, 'profile.refresh', { accountId });
    await expect.poll(listed).toMatchObject({ username: 'demo.renamed' });
    const label = `Renamed Elsewhere (demo.renamed) on ${(await listed())!.serverName}`;
    expect((await call(core, 'security.dataDownload', { accountId })).accountLabel).toBe(label);
    expect((await call(core, 'security.deviceSessions', { accountId })).accountLabel).toBe(label);
    expect((await call(core, 'security.twoFactorSettings', { accountId })).accountLabel).toBe(label);
  });

  it('a refresh that changes no name does not tell the window the list changed', async () => {
    let listChanges = 0;
    core.events.onAny((event) => {
      if (event === 'accounts.changed') listChanges += 1;
    });
    const refreshed = new Promise<void>((resolve) => core.events.onAny((event) => event === 'profile.changed' && resolve()));
    await call(core, 'profile.refresh', { accountId });
    await refreshed;
    expect(listChanges).toBe(0);
  });
});
