import { demo, totpCode } from '../support/usersApiServer';
import type { TestServer } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';
import { AccessTokensPanel } from './support/pages/accessTokensPanel';

test('personal access tokens: created with the password in its first request, shown once, kept nowhere, then removed', async ({
  page,
  app,
  signedIn: ui,
  usersApi,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  app.typedSecrets.push(demo.plain.password);
  const tokens = new AccessTokensPanel(page);
  await ui.security.open();
  await expect(tokens.section).toContainText(`Tokens of ${demo.plain.user} on`);
  await expect(tokens.section).toContainText('No access tokens yet.');
  await usersApi.forgetRequests();

  await tokens.create('deploy bot', { skipTwoFactor: true });
  await ui.security.confirmWithPassword(demo.plain.password);
  await expect(tokens.shownToken).toBeVisible();
  await expectAccessible(page);
  const token = await tokens.keepShownToken();
  // The token shown once joins the fixture's scan: it may be in no file of the data folder, nor the host's output.
  app.typedSecrets.push(token);
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
  await expect(tokens.shownToken).toHaveCount(0);
  await expect(tokens.row('deploy bot')).toContainText(`ends in ${token.slice(-6)}`);
  await expect(tokens.row('deploy bot')).toContainText('Skips two-factor');
  const me = await fetch(`${usersApi.url}/api/v1/me`, { headers: { 'X-User-Id': demo.plain.userId, 'X-Auth-Token': token } });
  expect(me.status).toBe(200);

  await tokens.remove('deploy bot');
  await ui.security.confirmWithPassword(demo.plain.password);
  await expect(tokens.message).toHaveText('Token “deploy bot” removed. Anything using it is signed out.');
  await expect(tokens.section).toContainText('No access tokens yet.');

  const served = await usersApi.requests();
  const to = (path: string) => served.filter((r) => r.path === path).map((r) => r.status);
  expect(to('/api/v1/users.generatePersonalAccessToken')).toEqual([200]);
  expect(to('/api/v1/users.removePersonalAccessToken')).toEqual([200]);
  expect(served.map((r) => r.status)).not.toContain(429);
});

/** Each token write as the server logged it: route, status and the second factor it carried. */
const tokenWrites = async (server: TestServer) =>
  (await server.requests())
    .filter((r) => /PersonalAccessToken$/.test(r.path))
    .map((r) => [r.path.replace('/api/v1/users.', ''), r.status, r.secondFactor]);

test('a TOTP user creates a token with the app code in its first request', async ({ app, ui, usersApi }) => {
  app.typedSecrets.push(demo.totp.password);
  await ui.open();
  await ui.signInAs(usersApi.url, demo.totp, { code: async () => totpCode() });
  const tokens = new AccessTokensPanel(ui.page);
  await ui.security.open();
  await expect(tokens.section).toContainText(`Tokens of Funke Olasupo (${demo.totp.user}) on`);
  await usersApi.forgetRequests();

  await expect(ui.page.getByTestId('screen-account')).toContainText(`(${demo.totp.user}) on`);
  await tokens.create('ci runner');
  await expect(ui.security.proofDialog.getByTestId('proof-account')).toContainText(`(${demo.totp.user}) on`);
  const code = totpCode();
  app.typedSecrets.push(code);
  await ui.security.confirmWithAppCode(code);
  app.typedSecrets.push(await tokens.keepShownToken());
  await expect(tokens.row('ci runner')).not.toContainText('Skips two-factor');
  expect(await tokenWrites(usersApi)).toEqual([['generatePersonalAccessToken', 200, 'totp']]);
  expect((await usersApi.requests()).map((r) => r.status)).not.toContain(429);
});

test('an email-2FA user creates and regenerates a token, each with a mailed code in its first request', async ({ app, ui, usersApi }) => {
  app.typedSecrets.push(demo.email2fa.password);
  await ui.open();
  await ui.signInAs(usersApi.url, demo.email2fa, { code: () => usersApi.latestEmailCode(demo.email2fa.email) });
  const tokens = new AccessTokensPanel(ui.page);
  await ui.security.open();
  await usersApi.forgetRequests();

  const confirmByMail = async () => {
    await usersApi.emptyMailbox();
    await ui.security.sendEmailedCode();
    const code = await usersApi.latestEmailCode(demo.email2fa.email);
    app.typedSecrets.push(code);
    await ui.security.confirmWithEmailedCode(code);
  };
  await tokens.create('backup job');
  await confirmByMail();
  const first = await tokens.keepShownToken();
  app.typedSecrets.push(first);
  await tokens.regenerate('backup job');
  await confirmByMail();
  const second = await tokens.keepShownToken();
  app.typedSecrets.push(second);
  expect(second).not.toBe(first);
  await expect(tokens.row('backup job')).toContainText(`ends in ${second.slice(-6)}`);

  expect(await tokenWrites(usersApi)).toEqual([
    ['generatePersonalAccessToken', 200, 'email'],
    ['regeneratePersonalAccessToken', 200, 'email'],
  ]);
  expect((await usersApi.requests()).map((r) => r.status)).not.toContain(429);
});

test('a workspace that does not allow tokens says so and offers nothing', async ({ page, signedIn: ui, usersApi }) => {
  await usersApi.changeUser(demo.plain.userId, { roles: ['guest'] });
  const tokens = new AccessTokensPanel(page);
  await ui.security.open();
  await expect(tokens.unavailable).toHaveText('This workspace does not allow you to use personal access tokens.');
  await expect(tokens.section.getByRole('button')).toHaveCount(0);
});
