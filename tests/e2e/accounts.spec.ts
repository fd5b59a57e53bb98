import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { demo, startTestServer, totpCode } from '../support/usersApiServer';
import { dataFolderBytes, expect, expectAccessible, test, sessionEntries } from './support/fixtures';

test('add server refuses plain http elsewhere, an unreachable server and a site that is not a users API', async ({ page, ui }) => {
  await ui.open();
  await expectAccessible(page);
  await ui.addServer.open();
  const field = ui.addServer.address;

  await field.fill('http://chat.example.com');
  await field.blur();
  await expect(page.getByText('Use an https:// address. Plain http is only allowed for a server on this computer.')).toBeVisible();
  await expectAccessible(page);

  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  await ui.addServer.check(closedUrl);
  await expect(page.getByRole('alert')).toContainText('cannot be reached right now');

  const website = http.createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>hi</p>'));
  await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
  await ui.addServer.check(`http://127.0.0.1:${(website.address() as AddressInfo).port}`);
  await expect(page.getByRole('alert')).toContainText('is not a Rocket.Chat users API server');
  website.close();
});

test('sign in without 2FA, and with TOTP after one wrong code', async ({ page, ui, usersApi }) => {
  await ui.open();
  await ui.addServer.add(usersApi.url);
  await expect(ui.addServer.found).toHaveCount(0);
  await expectAccessible(page);
  await ui.signIn.withPassword(demo.plain.user, demo.plain.password);
  await expect(ui.home.profileHeading('demouser')).toBeVisible();
  await expectAccessible(page);

  await ui.addServer.add(usersApi.url);
  await ui.signIn.withPassword(demo.totp.user, demo.totp.password);
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await expectAccessible(page);
  await ui.signIn.enterCode(totpCode() === '000000' ? '111111' : '000000');
  await expect(page.getByText('That code is not right. Check it and try again.')).toBeVisible();
  // Five digits cannot be right: said at once, and not sent (the server allows few tries).
  await ui.signIn.enterCode('12345');
  await expect(
    page.getByText('Enter the 6-digit code from your authenticator app, or one of your 8-character backup codes.'),
  ).toBeVisible();
  // As the app shows it: "123 456".
  await ui.signIn.enterCode(totpCode().replace(/^(\d{3})/, '$1 '));
  await expect(ui.home.profileHeading('Funke Olasupo')).toBeVisible();
  await expect(ui.accounts.items).toHaveCount(2);
});

test('sign in with an emailed code after a wrong one; too many wrong codes stop the sign-in', async ({ page, ui, usersApi }) => {
  await ui.open();
  await ui.addServer.add(usersApi.url);
  await ui.signIn.withPassword(demo.email2fa.user, demo.email2fa.password);
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Send the code again \(in \d+ s\)/ })).toBeDisabled();
  await ui.signIn.enterCode('000000');
  await expect(page.getByText('That code is not right.')).toBeVisible();
  await ui.signIn.enterCode(await usersApi.latestEmailCode(demo.email2fa.email));
  await expect(ui.home.profileHeading('Test John')).toBeVisible();

  await ui.addServer.add(usersApi.url);
  await ui.signIn.withPassword(demo.email2fa.user, demo.email2fa.password);
  for (let attempt = 0; attempt < 5; attempt++) {
    await ui.signIn.enterCode('999999');
    const stopped = page.getByText('Too many wrong codes');
    if (await stopped.isVisible().catch(() => false)) break;
    await expect(page.getByText('That code is not right.').or(stopped)).toBeVisible();
  }
  await expect(page.getByText('Too many wrong codes: the server stopped this sign-in.')).toBeVisible();
  await expect(ui.signIn.username).toBeVisible();
});

test('two accounts on two servers, switching, and both restored from the keychain after a restart', async ({ page, app, ui, usersApi }) => {
  const second = await startTestServer();
  try {
    await ui.open();
    await ui.addServer.add(usersApi.url);
    await ui.signIn.withPassword(demo.plain.user, demo.plain.password);
    await expect(ui.home.profileHeading('demouser')).toBeVisible();
    await ui.addServer.add(second.url);
    await ui.signIn.withPassword(demo.email2fa.user, demo.email2fa.password);
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await ui.signIn.enterCode(await second.latestEmailCode(demo.email2fa.email));
    await expect(ui.home.profileHeading('Test John')).toBeVisible();

    const items = ui.accounts.items;
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toContainText(new URL(usersApi.url).host);
    await expect(items.nth(1)).toContainText(new URL(second.url).host);
    await items
      .nth(0)
      .getByRole('button', { name: /^demouser/ })
      .click();
    await expect(ui.home.profileHeading('demouser')).toBeVisible();
    await expect(items.nth(0)).toHaveAttribute('aria-current', 'true');

    await app.restart(page);
    await expect(ui.accounts.items).toHaveCount(2);
    await expect(ui.accounts.items.filter({ hasText: 'Signed in' })).toHaveCount(2);
    await expect(ui.home.profileHeading('demouser')).toBeVisible();
    await expect(ui.signIn.password).toHaveCount(0);
    expect(await sessionEntries(app.keychainService)).toHaveLength(2);
  } finally {
    await second.close();
  }
});

test('a token revoked on the server shows the account signed out with "Sign in again", keeping it listed', async ({
  page,
  app,
  ui,
  usersApi,
}) => {
  await ui.open();
  await ui.addServer.add(usersApi.url);
  await ui.signIn.withPassword(demo.plain.user, demo.plain.password);
  await expect(ui.home.profileHeading('demouser')).toBeVisible();
  await usersApi.revokeTokens(demo.plain.userId);
  await app.restart(page);
  await expect(ui.home.signedOutBanner).toBeVisible();
  await expect(ui.accounts.items).toContainText('Signed out');
  await expect(ui.home.profileHeading('demouser')).toBeVisible();
  await expectAccessible(page);
  await ui.home.signedOutBanner.getByRole('button', { name: 'Sign in again' }).click();
  await expect(ui.signIn.username).toHaveValue('demouser');
  await ui.signIn.submitPassword(demo.plain.password);
  await expect(ui.accounts.items).toContainText('Signed in');
});

test('sign out deletes the keychain entry and the server token answers 401; no secret reaches the page or the disk', async ({
  page,
  app,
  ui,
  usersApi,
}) => {
  await ui.open();
  await ui.addServer.add(usersApi.url);
  await ui.signIn.withPassword(demo.plain.user, demo.plain.password);
  await expect(ui.home.profileHeading('demouser')).toBeVisible();
  const [entry] = await sessionEntries(app.keychainService);
  expect(entry?.account).toBe(`${usersApi.url}#${demo.plain.userId}`);
  const token = entry!.password;

  await app.restart(page);
  await expect(ui.accounts.items).toContainText('Signed in');
  await ui.accounts.choose('demouser', 'Sign out');
  await expect(ui.accounts.items).toContainText('Signed out');
  expect(await sessionEntries(app.keychainService)).toEqual([]);
  const me = await fetch(`${usersApi.url}/api/v1/me`, { headers: { 'X-User-Id': demo.plain.userId, 'X-Auth-Token': token } });
  expect(me.status).toBe(401);

  await ui.accounts.choose('demouser', /^Remove demouser/);
  await expect(page.getByRole('dialog', { name: 'Remove this account?' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Remove account' }).click();
  await expect(ui.accounts.items).toHaveCount(0);

  expect(app.framesFromCore.length).toBeGreaterThan(5);
  expect(app.framesFromCore.join('\n')).not.toContain(token);
  expect(app.framesFromCore.join('\n')).not.toContain(demo.plain.password);
  await app.host.stop();
  const bytes = dataFolderBytes(app.dataDir);
  expect(bytes.includes(token)).toBe(false);
  expect(bytes.includes(demo.plain.password)).toBe(false);
});

test.describe('without a Secret Service', () => {
  test.use({ hostEnv: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } });

  test('the app says the keychain is unavailable and offers a session-only sign-in', async ({ page, app, ui, usersApi }) => {
    await ui.open();
    await ui.addServer.add(usersApi.url);
    await ui.signIn.withPassword(demo.plain.user, demo.plain.password);
    await expect(page.getByTestId('keychain-unavailable')).toContainText('No system keychain is running');
    await expectAccessible(page);
    await ui.signIn.forThisSessionOnly();
    await expect(page.getByText('This session is not remembered')).toBeVisible();
    await expect(ui.accounts.items).toContainText('Signed in for this session');
    expect(await sessionEntries(app.keychainService)).toEqual([]);
    await app.host.stop();
    expect(dataFolderBytes(app.dataDir).includes(demo.plain.password)).toBe(false);
  });
});
