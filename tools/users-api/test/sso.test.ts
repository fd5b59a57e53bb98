// Single sign-on round trips, driven over HTTP as a browser would (the demo IdP's forms posted,
// redirects followed by hand), finished with POST /api/v1/login as an app would (docs/sign-in.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerOf, endPageConfig, formOf, locationOf, oauthState, pathOf, postForm } from './browserLeg';
import type { IdpChoice } from './browserLeg';
import { ROXIE_SECRET, start, totpCode } from './helpers';
import type { Client, Res } from './helpers';

const OLGA = { id: 'OlgaOAuthUser3Vn6', username: 'olga.oauth' };
const SAM = { id: 'SamSamlUser2Hq9Wz', username: 'sam.saml' };
const CASS = { id: 'CassCasUser6Tj4Rb', username: 'cass.cas' };
const LOGIN = '/api/v1/login';
const CANCELLED = 145546287;

let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

/** What an app does to start OAuth: the provider's authorize URL from settings.oauth, with Meteor's state. */
async function authorizeUrl(state: Record<string, unknown>): Promise<string> {
  const services = (await c.get('/api/v1/settings.oauth')).json.services as Record<string, string>[];
  const idp = services.find((s) => s.service === 'idp');
  if (!idp) throw new Error('no idp service');
  const query = new URLSearchParams({
    client_id: idp.clientId ?? '',
    redirect_uri: `${c.url}/_oauth/idp`,
    response_type: 'code',
    state: oauthState(state),
    scope: idp.scope ?? '',
  });
  return `${idp.serverURL}${idp.authorizePath}?${query.toString()}`;
}

/** The browser leg of OAuth up to the end page; `choose` picks the button to press. */
async function oauthBrowserLeg(state: Record<string, unknown>, choose: IdpChoice): Promise<Res> {
  const page = await c.get(pathOf(c, await authorizeUrl(state)));
  expect(page.status).toBe(200);
  const form = formOf(page.text);
  const toCallback = await postForm(c, form.action, { ...form.fields, ...answerOf(choose) });
  return c.get(pathOf(c, locationOf(toCallback)));
}

const deepLinkParams = (end: Res): URLSearchParams => {
  const redirectUrl = String(endPageConfig(end.text).redirectUrl);
  expect(redirectUrl.startsWith('rocketchat://auth?')).toBe(true);
  return new URL(redirectUrl).searchParams;
};

describe('OAuth (Meteor, loginStyle redirect → rocketchat://auth)', () => {
  const appState = { loginStyle: 'redirect', credentialToken: 'app-chosen-token-0001', isCordova: true, redirectUrl: 'rocketchat://auth' };

  it('the IdP lists the seed users linked to the service; signing in hands the credential to the app link', async () => {
    const page = await c.get(pathOf(c, await authorizeUrl(appState)));
    expect(formOf(page.text).users).toEqual([{ id: OLGA.id, label: 'Sign in as Olga Okafor (olga.oauth)' }]);
    const end = await oauthBrowserLeg(appState, { user: OLGA.id });
    expect(end.status).toBe(200);
    const link = deepLinkParams(end);
    expect(link.get('host')).toBe(`${c.url}/`);
    expect(link.get('type')).toBe('oauth');
    expect(link.get('credentialToken')).toBe(appState.credentialToken);
    const credentialSecret = link.get('credentialSecret') ?? '';
    expect(credentialSecret).toMatch(/^[\w-]{43}$/);

    const login = await c.post(LOGIN, { oauth: { credentialToken: appState.credentialToken, credentialSecret } });
    expect(login.status).toBe(200);
    expect(login.json.data).toMatchObject({ userId: OLGA.id, me: { username: OLGA.username, isOAuthUser: true } });
  });

  it('the credential needs its secret, and is reusable for a short while (for the 2FA retry), then gone', async () => {
    const end = await oauthBrowserLeg(appState, { user: OLGA.id });
    const credentialSecret = deepLinkParams(end).get('credentialSecret');
    const noSecret = await c.post(LOGIN, { oauth: { credentialToken: appState.credentialToken } });
    expect(noSecret.json).toEqual({ success: false, error: CANCELLED, status: 'error', message: 'No matching login attempt found' });
    const wrongSecret = await c.post(LOGIN, { oauth: { credentialToken: appState.credentialToken, credentialSecret: 'x' } });
    expect(wrongSecret.json.error).toBe(CANCELLED);
    const body = { oauth: { credentialToken: appState.credentialToken, credentialSecret } };
    expect((await c.post(LOGIN, body)).status).toBe(200);
    expect((await c.post(LOGIN, body)).status).toBe(200);
    c.api.advanceClock(8 * 60_000);
    expect((await c.post(LOGIN, body)).json.message).toBe('No matching login attempt found');
    expect((await c.post(LOGIN, { oauth: { credentialToken: 7 } })).json).toMatchObject({ error: 400, message: 'Match failed' });
  });

  it('Deny: the provider refuses, and the app link carries the error instead of a credential', async () => {
    const end = await oauthBrowserLeg(appState, { deny: 'Not today' });
    const link = deepLinkParams(end);
    expect(link.get('error')).toBe('access_denied');
    expect(link.has('credentialToken')).toBe(false);
    expect(endPageConfig(end.text)).toMatchObject({ setCredentialToken: false });
    expect((await c.post(LOGIN, { oauth: { credentialToken: appState.credentialToken } })).json.error).toBe(CANCELLED);
  });

  it('a used or made-up code fails the handshake; other redirect targets must be on this server', async () => {
    const page = await c.get(pathOf(c, await authorizeUrl(appState)));
    const form = formOf(page.text);
    const callback = locationOf(await postForm(c, form.action, { ...form.fields, user: OLGA.id }));
    expect(deepLinkParams(await c.get(pathOf(c, callback)))).toBeTruthy();
    const replayed = deepLinkParams(await c.get(pathOf(c, callback)));
    expect(replayed.get('error')).toBe('Error: Failed to complete OAuth handshake with idp. invalid_grant');

    const foreign = await oauthBrowserLeg({ ...appState, redirectUrl: 'https://elsewhere.example.com/done' }, { user: OLGA.id });
    expect(endPageConfig(foreign.text)).toMatchObject({ setCredentialToken: false, redirectUrl: `${c.url}/` });
    const sameHost = await oauthBrowserLeg(
      { ...appState, credentialToken: 'web-token-0002', redirectUrl: `${c.url}/home` },
      { user: OLGA.id },
    );
    expect(endPageConfig(sameHost.text)).toMatchObject({
      setCredentialToken: true,
      credentialToken: 'web-token-0002',
      redirectUrl: `${c.url}/home`,
    });
  });

  it('popup style (embedded browsers): the end page carries the credential for the opener or the URL hash', async () => {
    const end = await oauthBrowserLeg({ loginStyle: 'popup', credentialToken: 'popup-token-0003', isCordova: true }, { user: OLGA.id });
    const config = endPageConfig(end.text);
    expect(config).toMatchObject({ setCredentialToken: true, credentialToken: 'popup-token-0003', isCordova: true });
    expect(
      (await c.post(LOGIN, { oauth: { credentialToken: 'popup-token-0003', credentialSecret: config.credentialSecret } })).status,
    ).toBe(200);
  });

  it('the IdP refuses unknown clients and unregistered redirect URIs', async () => {
    const url = new URL(await authorizeUrl(appState));
    url.searchParams.set('redirect_uri', 'https://evil.example.com/cb');
    expect((await c.get(pathOf(c, url.toString()))).status).toBe(400);
    url.searchParams.set('client_id', 'nobody');
    expect((await c.get(pathOf(c, url.toString()))).text).toContain('Unknown client_id');
  });

  it('the request log keeps SSO and directory secrets out', async () => {
    await c.post(LOGIN, { oauth: { credentialToken: 'tok', credentialSecret: 'sec' } });
    await c.post(LOGIN, { ldap: true, username: 'lena.ldap', ldapPass: 'lena-ldap-1', ldapOptions: {} });
    const log = await c.get('/_dev/requests');
    expect(log.json.requests.map((r: { body?: unknown }) => r.body)).toEqual([
      { oauth: { credentialToken: '[redacted]', credentialSecret: '[redacted]' } },
      { ldap: true, username: 'lena.ldap', ldapPass: '[redacted]', ldapOptions: {} },
    ]);
  });

  it('2FA: the OAuth login is challenged, then answered with {totp: {login, code}}', async () => {
    await c.post(`/_dev/users/${OLGA.id}`, { totpSecret: ROXIE_SECRET });
    const end = await oauthBrowserLeg(appState, { user: OLGA.id });
    const oauth = { credentialToken: appState.credentialToken, credentialSecret: deepLinkParams(end).get('credentialSecret') };
    const challenge = await c.post(LOGIN, { oauth });
    expect(challenge.json).toMatchObject({ error: 'totp-required', details: { method: 'totp' } });
    expect((await c.post(LOGIN, { oauth, code: totpCode() })).json.error).toBe('totp-required');
    expect((await c.post(LOGIN, { totp: { login: { oauth }, code: totpCode() } })).json.data.userId).toBe(OLGA.id);
  });
});

describe('SAML', () => {
  /** The browser leg: /_saml/authorize → IdP page → posted answer → auto-post to /_saml/validate. */
  async function samlBrowserLeg(choose: IdpChoice): Promise<Res> {
    const toIdp = await c.get('/_saml/authorize/demo-idp/app-chosen-id-0001');
    const idpUrl = new URL(locationOf(toIdp));
    expect(idpUrl.pathname).toBe('/_idp/saml/sso');
    const page = await c.get(pathOf(c, idpUrl.toString()));
    const form = formOf(page.text);
    const autoPost = await postForm(c, form.action, { ...form.fields, ...answerOf(choose) });
    const toSp = formOf(autoPost.text);
    expect(toSp.action).toBe(`${c.url}/_saml/validate/demo-idp`);
    return postForm(c, toSp.action, toSp.fields);
  }

  it('round trip: the server stores the assertion under a token of its own and hands it only to the browser', async () => {
    const validated = await samlBrowserLeg({ user: SAM.id });
    const landing = new URL(locationOf(validated));
    const token = landing.searchParams.get('saml_idp_credentialToken') ?? '';
    expect(landing.pathname).toBe(`/saml/${token}`);
    expect(token).toMatch(/^[23456789A-Za-z]{17}$/);
    expect(token).not.toBe('app-chosen-id-0001');
    expect((await c.get(pathOf(c, landing.toString()))).status).toBe(200);

    const chosen = await c.post(LOGIN, { saml: true, credentialToken: 'app-chosen-id-0001' });
    expect(chosen.json).toEqual({ success: false, error: CANCELLED, status: 'error', message: 'No matching login attempt found' });
    const login = await c.post(LOGIN, { saml: true, credentialToken: token });
    expect(login.status).toBe(200);
    expect(login.json.data).toMatchObject({ userId: SAM.id, me: { username: SAM.username } });
  });

  it('Deny: the IdP answers AuthnFailed and the server redirects to ROOT_URL, storing nothing', async () => {
    const validated = await samlBrowserLeg({ deny: 'Account locked' });
    expect(locationOf(validated)).toBe(`${c.url}/`);
  });

  it('an assertion is accepted once; credentials last 60 seconds; unknown providers go home', async () => {
    const toIdp = await c.get('/_saml/authorize/demo-idp/id-0002');
    const form = formOf((await c.get(pathOf(c, locationOf(toIdp)))).text);
    const toSp = formOf((await postForm(c, form.action, { ...form.fields, user: SAM.id })).text);
    const token = new URL(locationOf(await postForm(c, toSp.action, toSp.fields))).searchParams.get('saml_idp_credentialToken');
    expect(locationOf(await postForm(c, toSp.action, toSp.fields))).toBe(`${c.url}/`);
    c.api.advanceClock(61_000);
    expect((await c.post(LOGIN, { saml: true, credentialToken: token })).json.error).toBe(CANCELLED);
    expect(locationOf(await c.get('/_saml/authorize/nobody/id-0003'))).toBe(`${c.url}/home`);
  });

  it('2FA: a SAML login is challenged and answered with the totp wrapper within the credential’s minute', async () => {
    await c.post(`/_dev/users/${SAM.id}`, { totpSecret: ROXIE_SECRET });
    const token = new URL(locationOf(await samlBrowserLeg({ user: SAM.id }))).searchParams.get('saml_idp_credentialToken');
    const login = { saml: true, credentialToken: token };
    expect((await c.post(LOGIN, login)).json.error).toBe('totp-required');
    expect((await c.post(LOGIN, { totp: { login, code: totpCode() } })).json.data.userId).toBe(SAM.id);
  });
});

describe('CAS', () => {
  const TOKEN = 'appChosenCasToken01';

  /** The browser leg: CAS_login_url?service=<ROOT_URL>/_cas/<token> → IdP page → posted answer. */
  async function casBrowserLeg(choose: IdpChoice): Promise<Res> {
    const { settings } = (await c.get('/api/v1/settings.public?_id=CAS_login_url')).json;
    const loginUrl = new URL(settings[0].value);
    loginUrl.searchParams.set('service', `${c.url}/_cas/${TOKEN}`);
    const page = await c.get(pathOf(c, loginUrl.toString()));
    const form = formOf(page.text);
    return postForm(c, form.action, { ...form.fields, ...answerOf(choose) });
  }

  it('round trip: the server validates the ticket and stores the user under the token the app chose', async () => {
    const polling = await c.post(LOGIN, { cas: { credentialToken: TOKEN } });
    expect(polling.json).toEqual({ success: false, error: CANCELLED, status: 'error', message: 'no matching login attempt found' });
    const toService = locationOf(await casBrowserLeg({ user: CASS.id }));
    expect(toService).toMatch(new RegExp(`^${c.url}/_cas/${TOKEN}\\?ticket=ST-`));
    const closing = await c.get(pathOf(c, toService));
    expect(closing.text).toBe('<html><head><script>window.close()</script></head></html>');
    const login = await c.post(LOGIN, { cas: { credentialToken: TOKEN } });
    expect(login.status).toBe(200);
    expect(login.json.data).toMatchObject({ userId: CASS.id, me: { username: CASS.username } });
  });

  it('Deny: CAS keeps the user on its page with the reason and never calls back; nothing is stored', async () => {
    const refused = await casBrowserLeg({ deny: 'Outside office hours' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Sign-in refused: Outside office hours');
    expect((await c.post(LOGIN, { cas: { credentialToken: TOKEN } })).json.error).toBe(CANCELLED);
  });

  it('tickets are single-use and bound to the service URL; credentials last 60 seconds; CAS off stores nothing', async () => {
    const toService = locationOf(await casBrowserLeg({ user: CASS.id }));
    const ticket = new URL(toService).searchParams.get('ticket');
    await c.get(`/_cas/otherToken000000001?ticket=${ticket}`);
    await c.get(pathOf(c, toService));
    expect((await c.post(LOGIN, { cas: { credentialToken: 'otherToken000000001' } })).json.error).toBe(CANCELLED);
    expect((await c.post(LOGIN, { cas: { credentialToken: TOKEN } })).json.error).toBe(CANCELLED);

    await c.get(pathOf(c, locationOf(await casBrowserLeg({ user: CASS.id }))));
    c.api.advanceClock(61_000);
    expect((await c.post(LOGIN, { cas: { credentialToken: TOKEN } })).json.error).toBe(CANCELLED);

    const next = locationOf(await casBrowserLeg({ user: CASS.id }));
    await c.settings({ CAS_enabled: false });
    await c.get(pathOf(c, next));
    expect((await c.post(LOGIN, { cas: { credentialToken: TOKEN } })).json.error).toBe(CANCELLED);
  });

  it('CAS logins skip 2FA, and the IdP only serves this server’s /_cas/ URLs', async () => {
    await c.post(`/_dev/users/${CASS.id}`, { totpSecret: ROXIE_SECRET });
    await c.get(pathOf(c, locationOf(await casBrowserLeg({ user: CASS.id }))));
    expect((await c.post(LOGIN, { cas: { credentialToken: TOKEN } })).status).toBe(200);
    const foreign = await c.get(`/_idp/cas/login?service=${encodeURIComponent('https://evil.example.com/_cas/x')}`);
    expect(foreign.status).toBe(403);
  });
});
