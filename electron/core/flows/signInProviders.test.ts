import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SEED_PATH, type SeedData } from '../../../tools/users-api/src/index';
import { call } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

/** Rocket.Chat's built-in OAuth providers, as a workspace configures them (docs/protocol.md §9). */
describe('a workspace with the built-in GitLab login service', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let core: Core;
  let serverId: string;
  const settings = (values: Record<string, unknown>) => server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify(values) });
  const start = async () => {
    await call(core, 'servers.signInOptions', { serverId }); // the screen reads the settings afresh
    return new URL((await call(core, 'accounts.startSso', { serverId, serviceId: 'oauth:gitlab' })).url);
  };

  beforeEach(async () => {
    temp = makeTempDir();
    const seed = JSON.parse(readFileSync(DEMO_SEED_PATH, 'utf8')) as SeedData;
    seed.loginServices = [
      ...(seed.loginServices ?? []),
      { _id: 'gitlabLoginService01', service: 'gitlab', clientId: 'gitlab-demo-client', secret: 'gitlab-demo-secret' },
    ];
    server = await startTestServer({ seed });
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test' });
    serverId = (await call(core, 'servers.add', { url: server.url })).id;
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('sends the browser to the GitLab the workspace names (API_Gitlab_URL), with GitLab’s scope; to gitlab.com when it names none', async () => {
    await settings({ API_Gitlab_URL: 'https://git.corp.example/' });
    const options = await call(core, 'servers.signInOptions', { serverId });
    expect(options.services).toContainEqual({ id: 'oauth:gitlab', kind: 'oauth', label: 'Sign in with Gitlab', finish: 'link' });
    const atWorkspace = await start();
    expect(`${atWorkspace.origin}${atWorkspace.pathname}`).toBe('https://git.corp.example/oauth/authorize');
    expect(Object.fromEntries(atWorkspace.searchParams)).toMatchObject({
      client_id: 'gitlab-demo-client',
      redirect_uri: `${server.url}/_oauth/gitlab`,
      response_type: 'code',
      scope: 'read_user',
    });
    expect(core.mayOpenExternally(atWorkspace.toString())).toBe(true);

    await settings({ API_Gitlab_URL: '' });
    const atGitlabCom = await start();
    expect(`${atGitlabCom.origin}${atGitlabCom.pathname}`).toBe('https://gitlab.com/oauth/authorize');
  });
});
