import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

type Served = { requests: { method: string; path: string; status: number }[] };
const noUsernames = 'This workspace does not allow changing your username.';
const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** What a workspace lets a person change, read from its public settings and kept on this computer (D66). */
describe('the workspace decides what is offered', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let core: Core;
  let vault: MemoryVault;
  const start = (fetchImpl?: typeof fetch) => {
    core = createCore({ dataDir: temp.dir, vault, version: '1', shell: 'test', retryPolicy: { attempts: 1 }, fetch: fetchImpl });
  };
  const settings = (patch: Record<string, unknown>) => server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify(patch) });
  const served = async () => ((await server.dev('/_dev/requests')) as Served).requests;
  const profile = async (accountId: string) => await call(core, 'profile.get', { accountId });
  const outbox = async (accountId: string) => await call(core, 'outbox.get', { accountId });
  const offline = () => server.dropConnections();

  beforeEach(async () => {
    temp = makeTempDir();
    vault = new MemoryVault();
    server = await startTestServer();
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('a rename refused because usernames may not change fails on its field; the name and bio of the same save arrive', async () => {
    start();
    const accountId = await signedIn(core, server, 'plain');
    expect((await profile(accountId)).workspace.locked.username).toBeUndefined();
    await offline();
    await callResult(core, 'profile.refresh', { accountId }); // learns the server cannot be reached
    await call(core, 'profile.edit', { accountId, changes: { username: 'demo.renamed', bio: 'Made offline', nickname: 'dee' } });
    // Meanwhile the workspace stopped allowing new usernames.
    await settings({ Accounts_AllowUsernameChange: false });
    await server.restore();
    await expect
      .poll(async () => (await outbox(accountId)).items.map((item) => [item.field, item.state, item.error]), { timeout: 15_000 })
      .toEqual([['username', 'failed', noUsernames]]);
    const { user } = (await server.dev(`/_dev/users/${demo.plain.userId}`)) as { user: Record<string, unknown> };
    expect(user).toMatchObject({ username: 'demouser', bio: 'Made offline', nickname: 'dee' });
    // The refusal made the app read the settings again: the window now says so, and a new rename is not queued.
    await expect.poll(async () => (await profile(accountId)).workspace.locked.username, { timeout: 15_000 }).toBe(noUsernames);
    const again = await callResult(core, 'profile.edit', { accountId, changes: { username: 'demo.other' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'validation', fields: { username: noUsernames } } });
  });

  it('a blocked username is refused while typing and on save, not queued to be retried for ever', async () => {
    start();
    const accountId = await signedIn(core, server, 'plain');
    const blocked = 'That username is blocked on this server.';
    expect(await call(core, 'profile.checkUsername', { accountId, username: 'administrator' })).toEqual({
      available: false,
      problem: blocked,
    });
    const saved = await callResult(core, 'profile.edit', { accountId, changes: { username: 'administrator', bio: 'x' } });
    expect(saved).toMatchObject({ ok: false, error: { fields: { username: blocked } } });
    expect((await outbox(accountId)).items).toEqual([]);
  });

  it('fields, the avatar and the invisible status the workspace forbids are not offered, online or offline, and not sent', async () => {
    await settings({
      Accounts_AllowRealNameChange: false,
      Accounts_AllowUserAvatarChange: false,
      Accounts_AllowUserStatusMessageChange: false,
      Accounts_AllowInvisibleStatusOption: false,
    });
    start();
    const accountId = await signedIn(core, server, 'plain');
    const expected = {
      locked: {
        name: 'This workspace does not allow changing your name.',
        statusText: 'This workspace does not allow changing your status message.',
        avatar: 'This workspace does not allow changing your avatar.',
      },
      statuses: ['online', 'away', 'busy'],
    };
    expect((await profile(accountId)).workspace).toMatchObject(expected);
    await server.dev('/_dev/requests', { method: 'DELETE' });
    expect(await callResult(core, 'profile.edit', { accountId, changes: { name: 'New Name', nickname: 'fine' } })).toMatchObject({
      ok: false,
      error: { fields: { name: expected.locked.name } },
    });
    expect(await callResult(core, 'profile.setStatus', { accountId, status: 'offline', text: '' })).toMatchObject({
      ok: false,
      error: { fields: { statusType: 'This workspace does not allow the invisible (offline) status.' } },
    });
    const upload = await callResult(core, 'profile.setAvatar', { accountId, contentType: 'image/png', base64: pixel.toString('base64') });
    expect(upload).toMatchObject({ ok: false, error: { fields: { avatar: expected.locked.avatar } } });
    expect(await callResult(core, 'profile.resetAvatar', { accountId })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await served()).filter((request) => request.method === 'POST')).toEqual([]);
    // The status alone may change: the message is sent as it is.
    await call(core, 'profile.setStatus', { accountId, status: 'away', text: '' });

    // Kept on this computer: a restart without the server offers the same.
    core.close();
    await offline();
    start();
    await core.ready;
    expect((await profile(accountId)).workspace).toMatchObject(expected);
  });

  it('looks people up by email only where the release has it, saying which release does', async () => {
    await server.close();
    server = await startTestServer({ compat: '8.0' });
    start();
    const accountId = await signedIn(core, server, 'email2fa');
    const byEmail = 'This server runs Rocket.Chat 8.0, which cannot look people up by email address: that came in Rocket.Chat 8.6.';
    expect((await profile(accountId)).workspace.lookupUnavailable).toEqual({
      email: byEmail,
      freeSwitchExtension:
        'This server runs Rocket.Chat 8.0, which cannot look people up by phone extension: that came in Rocket.Chat 8.6.',
    });
    await server.dev('/_dev/requests', { method: 'DELETE' });
    const refused = await callResult(core, 'people.lookup', { accountId, key: 'email', value: demo.email2fa.email });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', message: byEmail } });
    expect((await served()).filter((request) => request.path === '/api/v1/users.info')).toEqual([]);
  });

  it('a server whose release the app does not know: its validator’s refusal of the key becomes the same sentence', async () => {
    await server.close();
    server = await startTestServer({ compat: '8.0' });
    // /api/info without a version: nothing says which release this is.
    start(async (input, init) => {
      const response = await fetch(input, init);
      if (new URL(String(input)).pathname !== '/api/info') return response;
      const { version: _version, ...rest } = (await response.json()) as Record<string, unknown>;
      return new Response(JSON.stringify(rest), { status: response.status, headers: response.headers });
    });
    const accountId = await signedIn(core, server, 'plain');
    expect((await profile(accountId)).workspace.lookupUnavailable).toEqual({});
    const refused = await callResult(core, 'people.lookup', { accountId, key: 'freeSwitchExtension', value: '1234' });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: 'This server cannot look people up by phone extension: that needs Rocket.Chat 8.6 or later.' },
    });
    // The one request an 8.0 validator refuses is the lookup this test makes on purpose.
    expect(await server.validatorRejections()).toEqual([expect.stringMatching(/^GET \/api\/v1\/users\.info answered 400: /)]);
  });
});
