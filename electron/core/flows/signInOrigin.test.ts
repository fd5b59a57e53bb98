import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelayingServer, type RelayingServer } from '../../../tests/support/relayingServer';
import { call, callResult } from '../../../tests/support/coreCall';
import { oauthBrowserLeg } from '../../../tests/support/ssoBrowser';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

const olga = { userId: 'OlgaOAuthUser3Vn6' };

/**
 * Single sign-on is bound to the address the person added (D60). Server B copies A's public
 * settings (Site_Url = A, A's services) and relays the rest to A: were the app to start A's
 * single sign-on from B's screen, the browser would sign in at A and the app would post A's
 * credential to B, which replays it at A.
 */
describe('single sign-on at a server that names another address', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let workspace: TestServer;
  let hostile: RelayingServer;
  let core: Core;
  let hostileId: string;

  beforeEach(async () => {
    temp = makeTempDir();
    workspace = await startTestServer();
    hostile = await startRelayingServer(workspace.url);
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test' });
    hostileId = (await call(core, 'servers.add', { url: hostile.url })).id;
  });
  afterEach(async () => {
    core.close();
    await hostile.close();
    await workspace.close();
    temp.cleanup();
  });

  it('offers no single sign-on there, names the workspace’s own address, and cannot be made to start one', async () => {
    const options = await call(core, 'servers.signInOptions', { serverId: hostileId });
    expect(options).toMatchObject({ passwordForm: true, services: [], namedAddress: workspace.url });
    for (const serviceId of ['oauth:idp', 'saml:demo-idp', 'cas']) {
      const started = await callResult(core, 'accounts.startSso', { serverId: hostileId, serviceId });
      expect(started).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining(`This server gives its address as ${workspace.url}, not ${hostile.url}.`) },
      });
    }
    expect(hostile.relayed.filter((request) => request.path.startsWith('/api/v1/login'))).toEqual([]);
    expect((await call(core, 'accounts.list', {})).accounts).toEqual([]);
  });

  it('the named address, once added, signs in with single sign-on at the workspace itself', async () => {
    const { namedAddress } = await call(core, 'servers.signInOptions', { serverId: hostileId });
    const workspaceId = (await call(core, 'servers.add', { url: namedAddress! })).id;
    const options = await call(core, 'servers.signInOptions', { serverId: workspaceId });
    expect(options.namedAddress).toBeUndefined();
    expect(options.services.map((service) => service.id)).toEqual(['oauth:idp', 'saml:demo-idp', 'cas']);
    const started = await call(core, 'accounts.startSso', { serverId: workspaceId, serviceId: 'oauth:idp' });
    expect(new URL(started.url).searchParams.get('redirect_uri')).toBe(`${workspace.url}/_oauth/idp`);
    const done = callResult(core, 'accounts.awaitSso', { flowId: started.flowId });
    expect(core.handleAppLink(await oauthBrowserLeg(started.url, { user: olga.userId }))).toBe(true);
    expect(await done).toMatchObject({ ok: true, value: { userId: olga.userId, serverUrl: workspace.url } });
    expect(hostile.relayed.filter((request) => request.path.startsWith('/api/v1/login'))).toEqual([]);
  });

  it('the password form still signs in at the server the person added', async () => {
    const signedIn = await callResult(core, 'accounts.signIn', {
      serverId: hostileId,
      user: demo.plain.user,
      password: demo.plain.password,
    });
    expect(signedIn).toMatchObject({ ok: true });
    expect(hostile.relayed.filter((request) => request.path === '/api/v1/login')).toHaveLength(1);
  });
});
