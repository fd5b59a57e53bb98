import type { Page } from '@playwright/test';
import { startRelayingServer } from '../support/relayingServer';
import { demo, type TestServer } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';

const logins = async (server: TestServer) => (await server.requests()).filter((r) => r.method === 'POST' && r.path === '/api/v1/login');

/** The profile of the account now shown: "@<username> on <server>". */
const signedInAs = (page: Page, username: string) => page.getByText(new RegExp(`^@${username.replace('.', '\\.')} on `));

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
  ui,
  usersApi,
}) => {
  await usersApi.changeSettings({ LDAP_Enable: true });
  await ui.open();
  await ui.addServer.add(usersApi.url);
  await expect(page.getByText('This workspace checks your directory (LDAP) password.')).toBeVisible();
  await usersApi.forgetRequests();
  await ui.signIn.withPassword('lena.ldap', 'lena-ldap-1');
  await expect(signedInAs(page, 'lena.ldap')).toBeVisible();
  const sent = await logins(usersApi);
  expect(sent.map((login) => [login.status, login.body?.ldap, login.body?.username])).toEqual([[200, true, 'lena.ldap']]);

  await ui.addServer.add(usersApi.url);
  await ui.signIn.withPassword(demo.plain.user, demo.plain.password);
  await expect(ui.home.profileHeading('demouser')).toBeVisible();
});

test('OAuth in the system browser: the provider page opens, signing in there finishes the app’s sign-in', async ({
  page,
  context,
  ui,
  usersApi,
}) => {
  await ui.open();
  await ui.addServer.add(usersApi.url);
  const provider = await ui.signIn.openProvider(context, 'Sign in with Demo IdP');
  await provider.getByRole('button', { name: /Sign in as Olga Okafor/ }).click();
  const link = await appLinkOf(provider);
  await ui.signIn.finishWithLink(link);
  await expect(signedInAs(page, 'olga.oauth')).toBeVisible();
  expect((await logins(usersApi)).map((login) => Object.keys(login.body ?? {}))).toEqual([['oauth']]);
});

test('OAuth refused at the provider shows its reason; Cancel leaves no half-added account', async ({ page, context, ui, usersApi }) => {
  await ui.open();
  await ui.addServer.add(usersApi.url);
  const provider = await ui.signIn.openProvider(context, 'Sign in with Demo IdP');
  await provider.getByRole('button', { name: 'Deny' }).click();
  await ui.signIn.finishWithLink(await appLinkOf(provider));
  await expect(page.getByTestId('sso-problem')).toHaveText('The sign-in was declined at the identity provider (access denied).');
  await expectAccessible(page);

  await ui.signIn.openProvider(context, 'Sign in with Demo IdP');
  await page.getByTestId('sso-waiting').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with Demo IdP' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(ui.addServer.startButton).toBeVisible(); // still no account
  expect(await logins(usersApi)).toEqual([]);
});

test('SAML: the address the browser ends on, pasted, finishes the sign-in', async ({ page, context, ui, usersApi }) => {
  await ui.open();
  await ui.addServer.add(usersApi.url);
  const provider = await ui.signIn.openProvider(context, 'Sign in with SAML');
  await provider.getByRole('button', { name: /Sign in as .*sam\.saml/ }).click();
  await provider.waitForURL(/saml_idp_credentialToken=/);
  await ui.signIn.finishWithAddress(provider.url());
  await expect(signedInAs(page, 'sam.saml')).toBeVisible();
});

test('CAS: the app notices by itself that the browser finished', async ({ page, context, ui, usersApi }) => {
  await ui.open();
  await ui.addServer.add(usersApi.url);
  const provider = await ui.signIn.openProvider(context, 'Sign in with CAS');
  await provider.getByRole('button', { name: /Sign in as .*cass\.cas/ }).click();
  // Nothing to paste, nothing to press: the app looks for the sign-in every few seconds.
  await expect(signedInAs(page, 'cass.cas')).toBeVisible({ timeout: 20_000 });
});

test('a personal access token signs in without /login, and signing out leaves it valid on the server', async ({ page, ui, usersApi }) => {
  const authToken = await usersApi.personalAccessToken(demo.plain.userId, 'desktop');
  await ui.open();
  await ui.addServer.add(usersApi.url);
  await ui.signIn.withToken(demo.plain.userId, authToken);
  await expect(ui.home.profileHeading('demouser')).toBeVisible();
  expect(await logins(usersApi)).toEqual([]);
  // The account list says how it is signed in.
  await expect(ui.accounts.items).toContainText('access token');
  await ui.accounts.choose('demouser', /^Sign out/);
  await expect(page.getByText(/Signed out/).first()).toBeVisible();
  const me = await fetch(`${usersApi.url}/api/v1/me`, { headers: { 'X-User-Id': demo.plain.userId, 'X-Auth-Token': authToken } });
  expect(me.status).toBe(200);
});

test('only the ways a workspace offers are shown: with the form hidden there is no password field', async ({ page, ui, usersApi }) => {
  await usersApi.changeSettings({ Accounts_ShowFormLogin: false, CAS_enabled: false });
  await ui.open();
  await ui.addServer.add(usersApi.url);
  await expect(page.getByRole('button', { name: 'Sign in with Demo IdP' })).toBeVisible();
  await expect(ui.signIn.password).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign in with CAS' })).toHaveCount(0);
  await expectAccessible(page);
});

test('a server naming another address as its own offers no single sign-on there, and signs in at that address instead', async ({
  page,
  ui,
  usersApi,
}) => {
  // In front of the workspace: its settings copied (Site_Url and services), everything else relayed to it.
  const hostile = await startRelayingServer(usersApi.url);
  try {
    await ui.open();
    await ui.addServer.add(hostile.url);
    const notice = page.getByTestId('sso-elsewhere');
    await expect(notice).toContainText(
      `Single sign-on is not offered at this address. This server gives its address as ${usersApi.url}, not ${hostile.url}`,
    );
    await expect(page.getByRole('button', { name: 'Sign in with Demo IdP' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sign in with CAS' })).toHaveCount(0);
    await expect(ui.signIn.password).toBeVisible(); // a password typed here is for the server added
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
