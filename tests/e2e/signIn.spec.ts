import type { BrowserContext, Page } from '@playwright/test';
import { startRelayingServer } from '../support/relayingServer';
import { demo, type TestServer } from '../support/usersApiServer';
import { accountMenu, addServer, expect, expectAccessible, signIn, test } from './support/fixtures';

type Served = { requests: { method: string; path: string; status: number; body?: Record<string, unknown> }[] };

const logins = async (server: TestServer) =>
  ((await server.dev('/_dev/requests')) as Served).requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/login');
const settings = (server: TestServer, values: Record<string, unknown>) =>
  server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify(values) });

/** The profile of the account now shown: "@<username> on <server>". */
const signedInAs = (page: Page, username: string) => page.getByText(new RegExp(`^@${username.replace('.', '\\.')} on `));

/** Clicks a single sign-on button and returns the identity provider's page the app opened in a new browser page. */
async function openProvider(page: Page, context: BrowserContext, button: string): Promise<Page> {
  const opened = context.waitForEvent('page');
  await page.getByRole('button', { name: button }).click();
  const provider = await opened;
  await provider.waitForLoadState();
  await expect(page.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeVisible();
  return provider;
}

/**
 * The rocketchat:// link the browser was sent to at the end of an OAuth sign-in. A desktop
 * gets it from the operating system; here (the browser host has no link handler) the test
 * plays the system and the person: it reads the link the page handed the browser.
 */
async function appLinkOf(provider: Page): Promise<string> {
  const config = JSON.parse((await provider.locator('#config').textContent()) ?? '{}') as { redirectUrl?: string };
  expect(config.redirectUrl).toMatch(/^rocketchat:\/\/auth\?/);
  return config.redirectUrl!;
}

test('an LDAP user signs in with the password form: one login, in the LDAP shape; a local user on the same workspace too', async ({
  page,
  app,
  usersApi,
}) => {
  await settings(usersApi, { LDAP_Enable: true });
  await app.open(page);
  await addServer(page, usersApi.url);
  await expect(page.getByText('This workspace checks your directory (LDAP) password.')).toBeVisible();
  await usersApi.dev('/_dev/requests', { method: 'DELETE' });
  app.typedSecrets.push('lena-ldap-1');
  await signIn(page, 'lena.ldap', 'lena-ldap-1');
  await expect(signedInAs(page, 'lena.ldap')).toBeVisible();
  const sent = await logins(usersApi);
  expect(sent.map((login) => [login.status, login.body?.ldap, login.body?.username])).toEqual([[200, true, 'lena.ldap']]);

  await page.getByRole('button', { name: '+ Add account' }).click();
  await page.getByLabel('Server address').fill(usersApi.url);
  await page.getByRole('button', { name: 'Check server' }).click();
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
});

test('OAuth in the system browser: the provider page opens, signing in there finishes the app’s sign-in', async ({
  page,
  context,
  app,
  usersApi,
}) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  const provider = await openProvider(page, context, 'Sign in with Demo IdP');
  await provider.getByRole('button', { name: /Sign in as Olga Okafor/ }).click();
  const link = await appLinkOf(provider);
  await page.getByLabel('Sign-in link').fill(link);
  await page.getByRole('button', { name: 'Finish sign-in' }).click();
  await expect(signedInAs(page, 'olga.oauth')).toBeVisible();
  expect((await logins(usersApi)).map((login) => Object.keys(login.body ?? {}))).toEqual([['oauth']]);
});

test('OAuth refused at the provider shows its reason; Cancel leaves no half-added account', async ({ page, context, app, usersApi }) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  const provider = await openProvider(page, context, 'Sign in with Demo IdP');
  await provider.getByRole('button', { name: 'Deny' }).click();
  await page.getByLabel('Sign-in link').fill(await appLinkOf(provider));
  await page.getByRole('button', { name: 'Finish sign-in' }).click();
  await expect(page.getByTestId('sso-problem')).toHaveText('The sign-in was declined at the identity provider (access denied).');
  await expectAccessible(page);

  await openProvider(page, context, 'Sign in with Demo IdP');
  await page.getByTestId('sso-waiting').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with Demo IdP' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Add a server' })).toBeVisible(); // still no account
  expect(await logins(usersApi)).toEqual([]);
});

test('SAML: the address the browser ends on, pasted, finishes the sign-in', async ({ page, context, app, usersApi }) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  const provider = await openProvider(page, context, 'Sign in with SAML');
  await provider.getByRole('button', { name: /Sign in as .*sam\.saml/ }).click();
  await provider.waitForURL(/saml_idp_credentialToken=/);
  await page.getByLabel('Address after signing in').fill(provider.url());
  await page.getByRole('button', { name: 'Finish sign-in' }).click();
  await expect(signedInAs(page, 'sam.saml')).toBeVisible();
});

test('CAS: the app notices by itself that the browser finished', async ({ page, context, app, usersApi }) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  const provider = await openProvider(page, context, 'CAS');
  await provider.getByRole('button', { name: /Sign in as .*cass\.cas/ }).click();
  // Nothing to paste, nothing to press: the app looks for the sign-in every few seconds.
  await expect(signedInAs(page, 'cass.cas')).toBeVisible({ timeout: 20_000 });
});

test('a personal access token signs in without /login, and signing out leaves it valid on the server', async ({ page, app, usersApi }) => {
  const { authToken } = (await usersApi.dev(`/_dev/users/${demo.plain.userId}/tokens`, {
    method: 'POST',
    body: JSON.stringify({ type: 'personalAccessToken', name: 'desktop' }),
  })) as { authToken: string };
  app.typedSecrets.push(authToken);
  await app.open(page);
  await addServer(page, usersApi.url);
  await page.getByText('Sign in with an access token').click();
  await page.getByLabel('User ID').fill(demo.plain.userId);
  await page.getByLabel('Access token', { exact: true }).fill(authToken);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
  expect(await logins(usersApi)).toEqual([]);
  // The account list says how it is signed in.
  await expect(page.getByTestId('account-item')).toContainText('access token');
  await (await accountMenu(page, 'demouser')).getByRole('menuitem', { name: /^Sign out/ }).click();
  await expect(page.getByText(/Signed out/).first()).toBeVisible();
  const me = await fetch(`${usersApi.url}/api/v1/me`, { headers: { 'X-User-Id': demo.plain.userId, 'X-Auth-Token': authToken } });
  expect(me.status).toBe(200);
});

test('only the ways a workspace offers are shown: with the form hidden there is no password field', async ({ page, app, usersApi }) => {
  await settings(usersApi, { Accounts_ShowFormLogin: false, CAS_enabled: false });
  await app.open(page);
  await addServer(page, usersApi.url);
  await expect(page.getByRole('button', { name: 'Sign in with Demo IdP' })).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'CAS' })).toHaveCount(0);
  await expectAccessible(page);
});

test('a server naming another address as its own offers no single sign-on there, and signs in at that address instead', async ({
  page,
  app,
  usersApi,
}) => {
  // In front of the workspace: its settings copied (Site_Url and services), everything else relayed to it.
  const hostile = await startRelayingServer(usersApi.url);
  try {
    await app.open(page);
    await addServer(page, hostile.url);
    const notice = page.getByTestId('sso-elsewhere');
    await expect(notice).toContainText(
      `Single sign-on is not offered at this address. This server gives its address as ${usersApi.url}, not ${hostile.url}`,
    );
    await expect(page.getByRole('button', { name: 'Sign in with Demo IdP' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'CAS' })).toHaveCount(0);
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible(); // a password typed here is for the server added
    await expectAccessible(page);

    await notice.getByRole('button', { name: `Sign in at ${usersApi.url}` }).click();
    await expect(page.getByRole('heading', { name: `Sign in to ${new URL(usersApi.url).host}` })).toBeVisible();
    await expect(page.getByTestId('sso-elsewhere')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sign in with Demo IdP' })).toBeVisible();
    expect(hostile.relayed.filter((request) => request.path.startsWith('/api/v1/login'))).toEqual([]);
  } finally {
    await hostile.close();
  }
});
