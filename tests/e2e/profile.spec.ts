import { demo, startTestServer } from '../support/usersApiServer';
import { addServer, expect, expectAccessible, signIn, test } from './support/fixtures';

test('the profile shows name, emails with verified state, status, roles, custom fields and rooms with unread counts', async ({
  page,
  app,
  usersApi,
}) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  await signIn(page, demo.email2fa.user, demo.email2fa.password);
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await page.getByLabel('Code from the email').fill(await usersApi.latestEmailCode(demo.email2fa.email));
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(page.getByRole('heading', { name: 'Test John', level: 1 })).toBeVisible();
  await expect(page.getByTestId('as-of')).toContainText('As of');
  await expect(page.getByText('@test.john').first()).toBeVisible();
  await expect(page.getByText('tesuser2')).toBeVisible();
  await expect(page.getByTestId('emails')).toContainText('test.john@test.com');
  await expect(page.getByTestId('emails')).toContainText('Verified');
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
}) => {
  const server = await startTestServer();
  await app.open(page);
  await addServer(page, server.url);
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByTestId('emails')).toContainText(demo.plain.email);
  await server.close();

  await app.restart(page);
  await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
  await expect(page.getByTestId('emails')).toContainText(demo.plain.email);
  await expect(page.getByTestId('as-of')).toContainText('As of');
  await expect(page.getByTestId('refresh-error')).toContainText('cannot be reached');
  await expect(page.getByTestId('offline-banner')).toContainText('Can’t reach');
  await expectAccessible(page);
});

test('when an unreachable server answers again, the banner goes and the profile refreshes without a reload', async ({
  page,
  app,
  usersApi,
}) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByTestId('emails')).toContainText(demo.plain.email);

  // Every request has its connection reset: to the app, the server is gone.
  await usersApi.dev('/_dev/faults', { method: 'POST', body: JSON.stringify({ route: '*', reset: true, times: 10_000 }) });
  try {
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(page.getByTestId('emails')).toContainText(demo.plain.email);
    const staleAsOf = await page.getByTestId('as-of').getAttribute('data-fetched-at');
    await usersApi.dev('/_dev/faults', { method: 'DELETE' });
    await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByTestId('refresh-error')).toHaveCount(0);
    await expect(page.getByTestId('as-of')).not.toHaveAttribute('data-fetched-at', staleAsOf ?? '');
  } finally {
    await usersApi.dev('/_dev/faults', { method: 'DELETE' });
  }
});
