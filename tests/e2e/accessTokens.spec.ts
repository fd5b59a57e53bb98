import { demo } from '../support/usersApiServer';
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

test('a workspace that does not allow tokens says so and offers nothing', async ({ page, signedIn: ui, usersApi }) => {
  await usersApi.changeUser(demo.plain.userId, { roles: ['guest'] });
  const tokens = new AccessTokensPanel(page);
  await ui.security.open();
  await expect(tokens.unavailable).toHaveText('This workspace does not allow you to use personal access tokens.');
  await expect(tokens.section.getByRole('button')).toHaveCount(0);
});
