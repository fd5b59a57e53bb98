import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRequest } from '../../../shared/contract';
import { call, callFailure, callResult } from '../../../tests/support/coreCall';
import { challengeIdOf } from '../../../tests/support/coreSignIn';
import { casBrowserLeg, oauthBrowserLeg } from '../../../tests/support/ssoBrowser';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, totpCode, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';
import { vaultAccount } from '../vault/vault';
import { TestClock } from '../../../tests/support/testClock';

type Served = { requests: { method: string; path: string; status: number; body?: Record<string, unknown> }[] };

const lena = { user: 'lena.ldap', password: 'lena-ldap-1', userId: 'LenaLdapUser4Kx7Q' };
const carl = { user: 'carl.crowd', password: 'carl-crowd-1' };
const cass = { userId: 'CassCasUser6Tj4Rb', username: 'cass.cas' };
const olga = { userId: 'OlgaOAuthUser3Vn6' };

/** Sign-in in every way a workspace offers, against the reference server (docs/sign-in.md). */
describe('signing in wherever a workspace signs in', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let core: Core;
  let vault: MemoryVault;
  let serverId: string;
  let clock: TestClock;
  const logins = async () =>
    ((await server.dev('/_dev/requests')) as Served).requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/login');
  const settings = (values: Record<string, unknown>) => server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify(values) });
  const accounts = async () => (await call(core, 'accounts.list', {})).accounts;

  beforeEach(async () => {
    temp = makeTempDir();
    server = await startTestServer();
    vault = new MemoryVault();
    clock = new TestClock();
    core = createCore({ dataDir: temp.dir, vault, version: '1', shell: 'test', clock });
    serverId = (await call(core, 'servers.add', { url: server.url })).id;
    await server.dev('/_dev/requests', { method: 'DELETE' });
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('reads how the workspace signs in: the form, its kind of password, and each service with its own label', async () => {
    const options = await call(core, 'servers.signInOptions', { serverId });
    expect(options).toMatchObject({ passwordForm: true, passwordKind: 'local' });
    expect(options.services).toEqual([
      { id: 'oauth:idp', kind: 'oauth', label: 'Sign in with Demo IdP', finish: 'link' },
      { id: 'saml:demo-idp', kind: 'saml', label: 'Sign in with SAML', finish: 'paste' },
      { id: 'cas', kind: 'cas', label: 'Sign in with CAS', finish: 'poll' },
    ]);
    await settings({ Accounts_ShowFormLogin: false, LDAP_Enable: true });
    expect(await call(core, 'servers.signInOptions', { serverId })).toMatchObject({
      passwordForm: false,
      passwordKind: 'ldap',
    });
  });

  it('signs an LDAP user in with one login in the LDAP shape, and a local user on the same workspace too', async () => {
    await settings({ LDAP_Enable: true });
    await call(core, 'servers.signInOptions', { serverId });
    const signedIn = await call(core, 'accounts.signIn', { serverId, user: lena.user, password: lena.password });
    expect(signedIn).toMatchObject({ userId: lena.userId, username: lena.user, signedInWith: 'password' });
    const [first, ...more] = await logins();
    expect(more).toEqual([]);
    expect(first).toMatchObject({ status: 200, body: { ldap: true, username: lena.user, ldapOptions: {} } });
    expect(JSON.stringify(first)).not.toContain(lena.password); // the server's log redacts it; the shape is what counts
    const local = await callResult(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: demo.plain.password });
    expect(local).toMatchObject({ ok: true, value: { username: demo.plain.user } });
  });

  it('answers a second factor on an LDAP sign-in with the code wrapped around the first login', async () => {
    await settings({ LDAP_Enable: true });
    await server.dev(`/_dev/users/${lena.userId}`, { method: 'POST', body: JSON.stringify({ totpSecret: demo.totp.secret }) });
    const first = await callFailure(core, 'accounts.signIn', { serverId, user: lena.user, password: lena.password });
    expect(first).toMatchObject({ code: 'two-factor-required', twoFactor: { method: 'totp' } });
    const challengeId = challengeIdOf(first);
    const answered = await callResult(core, 'accounts.answerTwoFactor', { challengeId, code: totpCode() });
    expect(answered).toMatchObject({ ok: true, value: { userId: lena.userId } });
    expect((await logins()).map((login) => [login.status, Object.keys(login.body ?? {})])).toEqual([
      [401, ['ldap', 'username', 'ldapPass', 'ldapOptions']],
      [200, ['totp']],
    ]);
  });

  it('a second-factor code that cannot be right is refused here, spending no try; codes as apps and emails show them work', async () => {
    const challengeOf = async (request: ChannelRequest<'accounts.signIn'>) =>
      challengeIdOf(await callFailure(core, 'accounts.signIn', request));
    const totpChallenge = await challengeOf({ serverId, user: demo.totp.user, password: demo.totp.password });
    await server.dev('/_dev/requests', { method: 'DELETE' });
    for (const code of ['12345', '1234567', '12345a']) {
      expect(await callResult(core, 'accounts.answerTwoFactor', { challengeId: totpChallenge, code })).toMatchObject({
        ok: false,
        error: { code: 'validation', fields: { code: expect.stringMatching(/^Enter the 6-digit code from your authenticator app/) } },
      });
    }
    expect(await logins()).toEqual([]);
    const code = totpCode();
    // As an authenticator app shows it: two groups of three.
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    expect(await callResult(core, 'accounts.answerTwoFactor', { challengeId: totpChallenge, code: spaced })).toMatchObject({ ok: true });
    expect((await logins()).map((login) => login.status)).toEqual([200]);

    const emailChallenge = await challengeOf({ serverId, user: demo.email2fa.user, password: demo.email2fa.password });
    await server.dev('/_dev/requests', { method: 'DELETE' });
    expect(await callResult(core, 'accounts.answerTwoFactor', { challengeId: emailChallenge, code: '12-34' })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'The code from the email has 6 digits.' },
    });
    expect(await logins()).toEqual([]);
    // As the email writes it, "123-456", pasted with the words around it.
    const mailed = await server.latestEmailCode(demo.email2fa.email);
    const pasted = `Your code: ${mailed.slice(0, 3)}-${mailed.slice(3)}`;
    expect(await callResult(core, 'accounts.answerTwoFactor', { challengeId: emailChallenge, code: pasted })).toMatchObject({ ok: true });
    expect((await logins()).map((login) => login.status)).toEqual([200]);
  });

  it('signs a Crowd user in with the Crowd shape', async () => {
    await settings({ CROWD_Enable: true });
    const signedIn = await callResult(core, 'accounts.signIn', { serverId, user: carl.user, password: carl.password });
    expect(signedIn).toMatchObject({ ok: true, value: { username: carl.user } });
    expect((await logins()).map((login) => [login.status, login.body?.crowd])).toEqual([[200, true]]);
  });

  it('signs in with a personal access token without a /login, and signing out leaves the token alive on the server', async () => {
    const { authToken } = (await server.dev(`/_dev/users/${demo.plain.userId}/tokens`, {
      method: 'POST',
      body: JSON.stringify({ type: 'personalAccessToken', name: 'desktop' }),
    })) as { authToken: string };
    const wrong = await callResult(core, 'accounts.signInWithToken', { serverId, userId: demo.plain.userId, token: 'not-the-token' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized', fields: { token: expect.any(String) } } });
    const account = await call(core, 'accounts.signInWithToken', { serverId, userId: demo.plain.userId, token: authToken });
    expect(account).toMatchObject({ username: demo.plain.user, signedInWith: 'access-token', state: 'signed-in' });
    expect(await logins()).toEqual([]);
    await call(core, 'accounts.signOut', { accountId: account.id });
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { 'X-User-Id': demo.plain.userId, 'X-Auth-Token': authToken } });
    expect(me.status).toBe(200);
    expect((await accounts())[0]).toMatchObject({ state: 'signed-out', signedInWith: 'access-token' });
  });

  it('an access token replacing a password session revokes that session on the server, and keeps the token alive', async () => {
    const password = await call(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: demo.plain.password });
    const oldToken = await vault.get(vaultAccount(server.url, demo.plain.userId));
    expect(oldToken).toEqual(expect.any(String));
    const me = (token: string) =>
      fetch(`${server.url}/api/v1/me`, { headers: { 'X-User-Id': demo.plain.userId, 'X-Auth-Token': token } }).then((r) => r.status);
    expect(await me(oldToken!)).toBe(200);
    const { authToken } = (await server.dev(`/_dev/users/${demo.plain.userId}/tokens`, {
      method: 'POST',
      body: JSON.stringify({ type: 'personalAccessToken', name: 'desktop' }),
    })) as { authToken: string };
    const byToken = await call(core, 'accounts.signInWithToken', { serverId, userId: demo.plain.userId, token: authToken });
    expect(byToken).toMatchObject({ id: password.id, signedInWith: 'access-token' });
    expect(await me(oldToken!)).toBe(401); // replaced: no session is left alive that the app no longer knows (D8)
    expect(await me(authToken)).toBe(200);
  });

  it('finishes a CAS sign-in by itself once the browser is done, and a cancelled one leaves no account', async () => {
    const started = await call(core, 'accounts.startSso', { serverId, serviceId: 'cas' });
    expect(started).toMatchObject({ kind: 'cas', finish: 'poll' });
    expect(core.mayOpenExternally(started.url)).toBe(true);
    expect(core.mayOpenExternally(`${server.url}/_idp/cas/login?service=elsewhere`)).toBe(false);
    const waiting = callResult(core, 'accounts.awaitSso', { flowId: started.flowId });
    await casBrowserLeg(started.url, cass.userId);
    // The app looks for the finished sign-in every few seconds: the test moves the clock to the next look.
    expect(await clock.during(waiting)).toMatchObject({ ok: true, value: { userId: cass.userId, signedInWith: 'single-sign-on' } });
    expect(core.mayOpenExternally(started.url)).toBe(false); // done: the address is no longer one the app asked for

    const other = await call(core, 'accounts.startSso', { serverId, serviceId: 'cas' });
    const otherWaiting = callResult(core, 'accounts.awaitSso', { flowId: other.flowId });
    await call(core, 'accounts.cancelSso', { flowId: other.flowId });
    expect(await otherWaiting).toMatchObject({ ok: false, error: { message: 'Sign-in cancelled.' } });
    expect((await accounts()).map((account) => account.username)).toEqual([cass.username]);
  });

  it('finishes an OAuth sign-in from the rocketchat:// link the OS hands over, and only the sign-in whose token it carries', async () => {
    const first = await call(core, 'accounts.startSso', { serverId, serviceId: 'oauth:idp' });
    const state = JSON.parse(Buffer.from(new URL(first.url).searchParams.get('state')!, 'base64').toString()) as Record<string, string>;
    expect(state).toMatchObject({ loginStyle: 'redirect', redirectUrl: 'rocketchat://auth' });
    const second = await call(core, 'accounts.startSso', { serverId, serviceId: 'oauth:idp' });
    const firstDone = callResult(core, 'accounts.awaitSso', { flowId: first.flowId });
    const link = await oauthBrowserLeg(first.url, { user: olga.userId });
    expect(core.handleAppLink(link)).toBe(true);
    expect(await firstDone).toMatchObject({ ok: true, value: { userId: olga.userId, signedInWith: 'single-sign-on' } });
    expect(core.mayOpenExternally(second.url)).toBe(true); // the other sign-in is still waiting
    expect(core.handleAppLink(link)).toBe(false); // used: no sign-in carries that token any more
    await call(core, 'accounts.cancelSso', { flowId: second.flowId });
  });

  it('a refusal handed over by the OS carries no token and ends no sign-in; pasted into one, it ends that one in the provider’s quoted words', async () => {
    const started = await call(core, 'accounts.startSso', { serverId, serviceId: 'oauth:idp' });
    const waiting = callResult(core, 'accounts.awaitSso', { flowId: started.flowId });
    const refused = await oauthBrowserLeg(started.url, { deny: 'no thanks' });
    expect(new URL(refused).searchParams.get('credentialToken')).toBeNull(); // as Rocket.Chat sends it (docs/sign-in.md §4)
    expect(core.handleAppLink(refused)).toBe(false);
    // Any web page can open a rocketchat:// link: one with a token of no sign-in, or naming another server, ends nothing either.
    const host = encodeURIComponent(`${server.url}/`);
    expect(core.handleAppLink(`rocketchat://auth?host=${host}&type=oauth&credentialToken=someone-elses&error=access_denied`)).toBe(false);
    expect(core.mayOpenExternally(started.url)).toBe(true);

    const words = `<b>Call\u202e 555-0100</b>\n${'now '.repeat(100)}`;
    const pasted = `rocketchat://auth?host=${host}&type=oauth&error=${encodeURIComponent(words)}`;
    expect(await callResult(core, 'accounts.completeSso', { flowId: started.flowId, link: pasted })).toMatchObject({ ok: false });
    const outcome = await waiting;
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/^The sign-in did not finish\. The identity provider said: “<b>Call 555-0100<\/b> now now .*…”$/),
      },
    });
    const message = outcome.ok ? '' : outcome.error.message;
    expect(message).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
    expect(message.length).toBeLessThan(300);
    expect(await accounts()).toEqual([]);
  });

  it('a malformed or hostile rocketchat:// link never throws, and leaves the sign-in under way', async () => {
    const started = await call(core, 'accounts.startSso', { serverId, serviceId: 'oauth:idp' });
    const token = new URL(started.url).searchParams.get('state')!;
    const credentialToken = (JSON.parse(Buffer.from(token, 'base64').toString()) as { credentialToken: string }).credentialToken;
    const links: unknown[] = [
      '',
      'rocketchat://',
      'rocketchat://auth?%',
      'rocketchat://auth?type=oauth&host=%E0%A4%A&credentialToken=%',
      `rocketchat://auth?type=oauth&host=http://[::1&credentialToken=${credentialToken}&credentialSecret=x`,
      `rocketchat://auth?type=oauth&host=${encodeURIComponent('https://elsewhere.example/')}&credentialToken=${credentialToken}&credentialSecret=x`,
      `rocketchat://auth?type=oauth&host=${encodeURIComponent(`${server.url}/`)}&credentialToken=${credentialToken}`,
      `rocketchat://auth?${'x'.repeat(200_000)}`,
      undefined,
      { toString: () => 'rocketchat://auth' },
    ];
    for (const link of links) expect(core.handleAppLink(link as string)).toBe(false);
    expect(core.mayOpenExternally(started.url)).toBe(true);
    expect(await logins()).toEqual([]);
  });
});
