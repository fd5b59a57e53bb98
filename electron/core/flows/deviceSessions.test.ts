import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callFailure } from '../../../tests/support/coreCall';
import { signedIn } from '../../../tests/support/coreSignIn';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

type Served = { requests: { method: string; path: string; status: number }[] };

let temp: ReturnType<typeof makeTempDir>;
let server: TestServer;
let core: Core;
let vault: MemoryVault;

const startCore = () => createCore({ dataDir: temp.dir, vault, version: '1', shell: 'test', retryPolicy: { attempts: 1 } });

beforeEach(async () => {
  temp = makeTempDir();
  server = await startTestServer();
  vault = new MemoryVault();
  core = startCore();
});
afterEach(async () => {
  core.close();
  await server.close();
  temp.cleanup();
});

const licence = (on: boolean) =>
  server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify({ Dev_License_Device_Management: on }) });
const served = async (path: string) =>
  ((await server.dev('/_dev/requests')) as Served).requests.filter((r) => r.path === path).map((r) => r.status);

/** demouser signed in from a phone, outside the app. */
async function phoneLogin(): Promise<{ userId: string; authToken: string }> {
  const reply = await fetch(`${server.url}/api/v1/login`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    },
    body: JSON.stringify({ user: demo.plain.user, password: demo.plain.password }),
  });
  return ((await reply.json()) as { data: { userId: string; authToken: string } }).data;
}

const meWith = async (session: { userId: string; authToken: string }) =>
  (await fetch(`${server.url}/api/v1/me`, { headers: { 'X-User-Id': session.userId, 'X-Auth-Token': session.authToken } })).status;

describe('where the server lists devices (licence on)', () => {
  it("lists the account's devices, marks this computer's, and signs one other out: its token ends, ours works", async () => {
    await licence(true);
    const phone = await phoneLogin();
    const accountId = await signedIn(core, server, 'plain');
    // The app learns its own session right after signing in (in the background).
    await expect
      .poll(async () => (await call(core, 'security.deviceSessions', { accountId })).sessions.some((s) => s.thisComputer), {
        timeout: 10_000,
      })
      .toBe(true);

    const view = await call(core, 'security.deviceSessions', { accountId });
    expect(view).toMatchObject({ listed: true, reason: null, total: 4, accountLabel: expect.stringMatching(/^demouser on /) });
    const mine = view.sessions.filter((s) => s.thisComputer);
    expect(mine).toHaveLength(1);
    expect(view.sessions[0]).toEqual(mine[0]); // the newest sign-in
    const android = view.sessions.find((s) => s.device === 'Android 15 (mobile)');
    expect(android).toEqual({
      sessionId: expect.any(String),
      device: 'Android 15 (mobile)',
      client: 'Chrome 131.0.0.0',
      ip: expect.any(String),
      lastSignIn: expect.any(String),
      thisComputer: false,
    });
    expect(view.sessions.map((s) => s.device)).toEqual(expect.arrayContaining(['Windows 10.0', 'iOS 18.1 (mobile)']));

    // This computer's own row is not signed out from the list.
    const own = await callFailure(core, 'security.signOutSession', { accountId, sessionId: mine[0]!.sessionId });
    expect(own).toMatchObject({ code: 'validation', message: expect.stringContaining('That is this computer') });

    const answer = await call(core, 'security.signOutSession', { accountId, sessionId: android!.sessionId });
    expect(answer).toEqual({ message: 'That device is signed out. It needs the password to sign in again.', signedOutHere: false });
    expect(await meWith(phone)).toBe(401);
    expect((await call(core, 'accounts.list', {})).accounts.find((a) => a.id === accountId)?.state).toBe('signed-in');
    const after = await call(core, 'security.deviceSessions', { accountId });
    expect(after.sessions.map((s) => s.sessionId)).not.toContain(android!.sessionId);

    const again = await callFailure(core, 'security.signOutSession', { accountId, sessionId: android!.sessionId });
    expect(again).toMatchObject({ code: 'not-found', message: 'That device was signed out already.' });
    expect(await served('/api/v1/sessions/logout.me')).toEqual([200, 404]);
  });

  it("a row that turns out to be this computer's signs the account out here, and says so", async () => {
    await licence(true);
    const accountId = await signedIn(core, server, 'plain');
    // A core that did not see its own sign-in (started again) cannot tell its row from the others.
    core.close();
    core = startCore();
    const view = await call(core, 'security.deviceSessions', { accountId });
    expect(view.sessions.filter((s) => s.thisComputer)).toEqual([]);
    const newest = view.sessions[0]!;

    const answer = await call(core, 'security.signOutSession', { accountId, sessionId: newest.sessionId });
    expect(answer.signedOutHere).toBe(true);
    expect(answer.message).toMatch(
      /^That was this computer's own session, so you are now signed out of demouser on .* here\. Sign in again/,
    );
    expect((await call(core, 'accounts.list', {})).accounts.find((a) => a.id === accountId)?.state).toBe('signed-out');
    expect(await call(core, 'security.deviceSessions', { accountId })).toMatchObject({
      listed: false,
      reason: 'You are signed out of this account. Sign in again to see its devices.',
    });
  });
});

describe('where it does not (no licence)', () => {
  it('says the list is not offered, so the screen keeps "Sign out other devices", which still works', async () => {
    await licence(false);
    const phone = await phoneLogin();
    const accountId = await signedIn(core, server, 'plain');
    const view = await call(core, 'security.deviceSessions', { accountId });
    expect(view).toMatchObject({ listed: false, reason: null, sessions: [], total: 0 });
    const refused = await callFailure(core, 'security.signOutSession', { accountId, sessionId: 'anything' });
    expect(refused).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('no longer lists devices') });

    await call(core, 'security.signOutOthers', { accountId });
    expect(await meWith(phone)).toBe(401);
    expect((await call(core, 'accounts.list', {})).accounts.find((a) => a.id === accountId)?.state).toBe('signed-in');
  });
});
