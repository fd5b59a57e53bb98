import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

/** A 1×1 PNG. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('avatars, cache first, against the reference users API', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let vault: MemoryVault;
  let core: Core;
  let changed: string[];
  let accountId: string;
  const start = () => {
    core = createCore({
      dataDir: temp.dir,
      vault,
      version: '1',
      shell: 'test',
      retryPolicy: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    changed = [];
    core.events.on('avatar.changed', ({ username }) => changed.push(username));
  };
  const avatar = async (username: string, etag?: string) => await call(core, 'avatars.get', { accountId, username, etag });
  const avatarCalls = async () =>
    ((await server.dev('/_dev/requests')) as { requests: { path: string; status: number }[] }).requests.filter((r) =>
      r.path.startsWith('/avatar/'),
    );

  beforeEach(async () => {
    temp = makeTempDir();
    vault = new MemoryVault();
    server = await startTestServer();
    start();
    accountId = await signedIn(core, server, 'plain');
    await server.dev('/_dev/requests', { method: 'DELETE' });
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('fetches in the background, then answers from the cache; a 304 keeps the bytes', async () => {
    expect(await avatar('roxie', 'e1')).toMatchObject({ username: 'roxie', dataUrl: null, fetchedAt: null });
    await expect.poll(() => changed).toEqual(['roxie']);
    const first = await avatar('roxie', 'e1');
    expect(first.dataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(first.dataUrl!.split(',')[1]!, 'base64').toString()).toContain('<svg');

    // A new etag asks the server again, with If-Modified-Since: the letter avatar is unchanged.
    await avatar('roxie', 'e2');
    await expect.poll(async () => (await avatarCalls()).map((r) => r.status)).toEqual([200, 304]);
    expect((await avatar('roxie', 'e2')).dataUrl).toBe(first.dataUrl);
    expect(changed).toEqual(['roxie']);
  });

  it('picks up an uploaded image and shows it offline after a restart', async () => {
    await avatar(demo.plain.user);
    await expect.poll(() => changed).toEqual([demo.plain.user]);

    const login = (await (
      await fetch(`${server.url}/api/v1/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: demo.plain.user, password: demo.plain.password }),
      })
    ).json()) as { data: { userId: string; authToken: string } };
    const form = new FormData();
    form.append('image', new Blob([png], { type: 'image/png' }), 'me.png');
    const upload = await fetch(`${server.url}/api/v1/users.setAvatar`, {
      method: 'POST',
      headers: { 'X-User-Id': login.data.userId, 'X-Auth-Token': login.data.authToken },
      body: form,
    });
    expect(upload.status).toBe(200);

    await avatar(demo.plain.user, 'after-upload');
    await expect.poll(() => changed).toEqual([demo.plain.user, demo.plain.user]);
    const uploaded = await avatar(demo.plain.user, 'after-upload');
    expect(uploaded.dataUrl).toBe(`data:image/png;base64,${png.toString('base64')}`);

    await server.close();
    core.close();
    start();
    expect((await avatar(demo.plain.user, 'after-upload')).dataUrl).toBe(uploaded.dataUrl);
    server = await startTestServer(); // for afterEach
  });

  it('keeps the saved image when the server sends something that is not an image', async () => {
    await avatar('roxie');
    await expect.poll(() => changed).toEqual(['roxie']);
    const saved = (await avatar('roxie')).dataUrl;
    await server.malformedReplies({ route: '/avatar/roxie', times: 1 });
    await avatar('roxie', 'changed');
    await expect.poll(async () => (await avatarCalls()).length).toBe(2);
    expect((await avatar('roxie')).dataUrl).toBe(saved);
    expect(changed).toEqual(['roxie']);
  });
});
