import { beforeEach, describe, expect, it } from 'vitest';
import { call, callFailure } from '../../../tests/support/coreCall';
import { signedIn, signInThroughCore } from '../../../tests/support/coreSignIn';
import { coreWithServer } from '../../../tests/support/coreWithServer';
import type { TestServer } from '../../../tests/support/usersApiServer';
import type { Core } from '../createCore';

type Served = { requests: { method: string; path: string; status: number }[] };

const env = coreWithServer();
let server: TestServer;
let core: Core;
beforeEach(() => ({ server, core } = env));

const settings = (patch: Record<string, unknown>) => server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify(patch) });
const served = async (path: string) =>
  ((await server.dev('/_dev/requests')) as Served).requests.filter((r) => r.path === path).map((r) => r.status);
/** The seed's account made without a username (as single sign-on makes them). */
const withoutUsername = () => signInThroughCore(core, server.url, 'pending.setup@example.com', 'pending-pass-1');

describe('a username for an account without one', () => {
  it('is suggested by the server and set through the outbox, without asking a question the server refuses such accounts', async () => {
    const accountId = await withoutUsername();
    expect((await call(core, 'profile.get', { accountId })).profile?.username).toBeUndefined();
    const { suggestion, message } = await call(core, 'profile.suggestUsername', { accountId });
    expect(suggestion).toBe('pending.setup');
    expect(message).toContain('“pending.setup”');
    // Typing feedback cannot be asked of the server for this account: no verdict, no refusal.
    expect(await call(core, 'profile.checkUsername', { accountId, username: suggestion })).toEqual({ available: null, problem: null });

    await call(core, 'profile.edit', { accountId, changes: { username: suggestion } });
    await expect.poll(async () => (await call(core, 'outbox.get', { accountId })).items, { timeout: 15_000 }).toEqual([]);
    await call(core, 'profile.refresh', { accountId });
    expect((await call(core, 'profile.get', { accountId })).profile?.username).toBe('pending.setup');
    expect(await served('/api/v1/users.updateOwnBasicInfo')).toEqual([200]);
    expect(await served('/api/v1/users.checkUsernameAvailability')).toEqual([]);

    const again = await callFailure(core, 'profile.suggestUsername', { accountId });
    expect(again).toMatchObject({ code: 'validation', message: 'This account has a username already: pending.setup.' });
  });

  it('is not offered where the workspace does not allow choosing a username', async () => {
    await settings({ Accounts_AllowUsernameChange: false });
    const accountId = await withoutUsername();
    const refused = await callFailure(core, 'profile.suggestUsername', { accountId });
    expect(refused).toMatchObject({ code: 'unauthorized', message: 'This workspace does not allow changing your username.' });
    expect(await served('/api/v1/users.getUsernameSuggestion')).toEqual([]);
  });
});

describe('download my data', () => {
  it('asks once per kind and says what the server answered: requested, or already requested and when', async () => {
    const accountId = await signedIn(core, server, 'plain');
    const view = await call(core, 'security.dataDownload', { accountId });
    expect(view).toMatchObject({ available: true, reason: null, accountLabel: expect.stringMatching(/^demouser on /) });

    const first = await call(core, 'security.requestDataDownload', { accountId, fullExport: true });
    expect(first).toMatchObject({ outcome: 'requested', requestedAt: expect.any(String) });
    expect(first.message).toMatch(/^Requested\. .* prepares a file of all your data and emails you a link/);
    const again = await call(core, 'security.requestDataDownload', { accountId, fullExport: true });
    expect(again).toMatchObject({ outcome: 'already-requested', requestedAt: first.requestedAt });
    expect(again.message).toContain('was already requested');
    const messages = await call(core, 'security.requestDataDownload', { accountId, fullExport: false });
    expect(messages).toMatchObject({ outcome: 'requested' });
    expect(messages.message).toContain('a file of your messages');
    expect(await served('/api/v1/users.requestDataDownload')).toEqual([200, 200, 200]);
  });

  it('says so in words when the workspace does not allow it, and sends nothing', async () => {
    await settings({ UserData_EnableDownload: false });
    const accountId = await signedIn(core, server, 'plain');
    const words = 'This workspace does not allow downloading your data.';
    expect(await call(core, 'security.dataDownload', { accountId })).toMatchObject({ available: false, reason: words });
    expect(await callFailure(core, 'security.requestDataDownload', { accountId, fullExport: false })).toMatchObject({
      code: 'unauthorized',
      message: words,
    });
    expect(await served('/api/v1/users.requestDataDownload')).toEqual([]);
  });

  it('asks an account without a username to choose one first (the route refuses it)', async () => {
    const accountId = await withoutUsername();
    const view = await call(core, 'security.dataDownload', { accountId });
    expect(view).toMatchObject({ available: false, reason: expect.stringMatching(/^Choose a username first/) });
  });
});
