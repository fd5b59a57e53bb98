import { demo, startTestServer } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';

test('the profile shows name, emails with verified state, status, roles, custom fields and rooms with unread counts', async ({
  page,
  ui,
  usersApi,
}) => {
  await ui.open();
  await ui.addServer.add(usersApi.url);
  await ui.signIn.withPassword(demo.email2fa.user, demo.email2fa.password);
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await ui.signIn.enterCode(await usersApi.latestEmailCode(demo.email2fa.email));

  await expect(ui.home.profileHeading('Test John')).toBeVisible();
  await expect(ui.home.asOf).toContainText('As of');
  await expect(page.getByText('@test.john').first()).toBeVisible();
  await expect(page.getByText('tesuser2')).toBeVisible();
  await expect(ui.home.emails).toContainText('test.john@test.com');
  await expect(ui.home.emails).toContainText('Verified');
  await expect(page.getByText('user, admin')).toBeVisible();
  const rooms = page.getByTestId('rooms');
  await expect(rooms.getByRole('row', { name: /Livestream Channel 1/ })).toBeVisible();
  await expect(rooms.getByRole('row', { name: /roxie Direct message 2/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Custom fields' })).toBeVisible();
  await expectAccessible(page);
});

test('with the server stopped, the cached profile still shows after a restart, with the offline banner and its age', async ({
  page,
  app,
  ui,
}) => {
  const server = await startTestServer();
  await ui.open();
  await ui.signInAs(server.url, demo.plain);
  await expect(ui.home.emails).toContainText(demo.plain.email);
  await server.close();

  await app.restart(page);
  await expect(ui.home.profileHeading('demouser')).toBeVisible();
  await expect(ui.home.emails).toContainText(demo.plain.email);
  await expect(ui.home.asOf).toContainText('As of');
  await expect(ui.home.refreshError).toContainText('cannot be reached');
  await expect(ui.home.offlineBanner).toContainText('Can’t reach');
  await expectAccessible(page);
});

test('when an unreachable server answers again, the banner goes and the profile refreshes without a reload', async ({
  signedIn: ui,
  usersApi,
}) => {
  await expect(ui.home.emails).toContainText(demo.plain.email);

  // Every request has its connection reset: to the app, the server is gone.
  await usersApi.dropConnections();
  try {
    await ui.home.refresh();
    await expect(ui.home.offlineBanner).toBeVisible();
    await expect(ui.home.emails).toContainText(demo.plain.email);
    const staleAsOf = await ui.home.asOf.getAttribute('data-fetched-at');
    await usersApi.restore();
    await expect(ui.home.offlineBanner).toHaveCount(0, { timeout: 15_000 });
    await expect(ui.home.refreshError).toHaveCount(0);
    await expect(ui.home.asOf).not.toHaveAttribute('data-fetched-at', staleAsOf ?? '');
  } finally {
    await usersApi.restore();
  }
});
