// The named controls of tests/support/usersApiControls.ts do to the reference server what their
// names say: the tests that use them trust "dropConnections()" to mean "cannot be reached".
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startUsersApi } from '../../tools/users-api/src/index';
import { usersApiControls } from '../support/usersApiControls';
import { demo, startTestServer, testBcryptRounds, type TestServer } from '../support/usersApiServer';

describe('the reference server handle', () => {
  let server: TestServer;
  const info = (path = '/api/info', init?: RequestInit) => fetch(server.url + path, init);
  const statusOf = async (path?: string) => (await info(path)).status;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    await server.restore();
    await server.forgetRequests();
  });

  it('dropConnections() leaves every request unanswered until restore()', async () => {
    await server.dropConnections();
    await expect(info()).rejects.toThrow();
    await expect(info('/api/v1/settings.public')).rejects.toThrow();
    await server.restore();
    expect(await statusOf()).toBe(200);
    expect((await server.requests()).map((request) => request.status)).toEqual([0, 0, 200]);
  });

  it('failWith() answers its route only, as many times as asked', async () => {
    await server.failWith(503, { route: '/api/info', times: 2 });
    expect(await statusOf('/api/v1/settings.public')).toBe(200);
    expect([await statusOf(), await statusOf(), await statusOf()]).toEqual([503, 503, 200]);
  });

  it('malformedReplies() answers a body that is not JSON', async () => {
    await server.malformedReplies({ route: '/api/info', times: 1 });
    const reply = await info();
    expect(reply.status).toBe(200);
    await expect(reply.json()).rejects.toThrow(SyntaxError);
    expect(await (await info()).json()).toMatchObject({ success: true });
  });

  it('delay() holds a request while others are answered', async () => {
    await server.delay(600_000, { route: '/api/info', times: 1 });
    const stopped = new AbortController();
    const held = info('/api/info', { signal: stopped.signal }).then(
      () => 'answered',
      () => 'stopped',
    );
    expect(await statusOf('/api/v1/settings.public')).toBe(200);
    stopped.abort();
    expect(await held).toBe('stopped');
  });

  it('changes users, settings and the clock, and reads tokens and mail', async () => {
    await server.changeUser(demo.plain.userId, { bio: 'Set by an admin' });
    expect(await server.user(demo.plain.userId)).toMatchObject({ username: demo.plain.user, bio: 'Set by an admin' });

    const { userId, authToken } = await server.issueToken(demo.plain.userId);
    const me = () => fetch(`${server.url}/api/v1/me`, { headers: { 'X-User-Id': userId, 'X-Auth-Token': authToken } });
    expect((await me()).status).toBe(200);
    await server.revokeTokens(demo.plain.userId);
    expect((await me()).status).toBe(401);
    const pat = await server.personalAccessToken(demo.plain.userId, 'desktop');
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { 'X-User-Id': demo.plain.userId, 'X-Auth-Token': pat } })).status).toBe(200);

    await server.changeSettings({ Accounts_AllowUsernameChange: false });
    expect(await server.dev('/_dev/settings')).toMatchObject({ settings: { Accounts_AllowUsernameChange: false } });
    const before = (await server.dev('/_dev/clock')) as { offsetMs: number };
    await server.advanceClock(2000);
    expect(await server.dev('/_dev/clock')).toMatchObject({ offsetMs: before.offsetMs + 2000 });

    await fetch(`${server.url}/api/v1/users.2fa.sendEmailCode`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ emailOrUsername: demo.email2fa.user }),
    });
    expect(await server.latestEmailCode(demo.email2fa.email)).toMatch(/^\d{6}$/);
    await server.emptyMailbox();
    expect(await server.mailbox(demo.email2fa.email)).toEqual([]);
    await expect(server.latestEmailCode(demo.email2fa.email)).rejects.toThrow('no code mailed');

    await server.reset();
    expect(await server.user(demo.plain.userId)).not.toHaveProperty('bio', 'Set by an admin');
    expect(await server.dev('/_dev/settings')).toMatchObject({ settings: { Accounts_AllowUsernameChange: true } });
  });
});

describe('the handle of a server a test started itself', () => {
  it('drops connections and restores them over the same routes', async () => {
    const raw = await startUsersApi({ port: 0, dev: true, rateLimit: false, bcryptRounds: testBcryptRounds });
    try {
      const controls = usersApiControls(raw.url);
      await controls.dropConnections({ route: '/api/info' });
      await expect(fetch(`${raw.url}/api/info`)).rejects.toThrow();
      await controls.restore();
      expect((await fetch(`${raw.url}/api/info`)).status).toBe(200);
    } finally {
      await raw.close();
    }
  });
});
