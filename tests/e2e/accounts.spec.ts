import keytar from '@github/keytar';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { demo, startTestServer, totpCode } from '../support/usersApiServer';
import { accountMenu, addServer, dataFolderBytes, expect, expectAccessible, signIn, test } from './support/fixtures';

test('add server refuses plain http elsewhere, an unreachable server and a site that is not a users API', async ({ page, app }) => {
  await app.open(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add a server' }).click();
  const field = page.getByLabel('Server address');

  await field.fill('http://chat.example.com');
  await field.blur();
  await expect(page.getByText('Use an https:// address. Plain http is only allowed for a server on this computer.')).toBeVisible();
  await expectAccessible(page);

  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  await field.fill(closedUrl);
  await page.getByRole('button', { name: 'Check server' }).click();
  await expect(page.getByRole('alert')).toContainText('cannot be reached right now');

  const website = http.createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>hi</p>'));
  await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
  await field.fill(`http://127.0.0.1:${(website.address() as AddressInfo).port}`);
  await page.getByRole('button', { name: 'Check server' }).click();
  await expect(page.getByRole('alert')).toContainText('is not a Rocket.Chat users API server');
  website.close();
});

test('sign in without 2FA, and with TOTP after one wrong code', async ({ page, app, usersApi }) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  await expect(page.getByTestId('server-found')).toHaveCount(0);
  await expectAccessible(page);
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
  await expectAccessible(page);

  await addServer(page, usersApi.url);
  await signIn(page, demo.totp.user, demo.totp.password);
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Authentication code').fill(totpCode() === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('That code is not right. Check it and try again.')).toBeVisible();
  // Five digits cannot be right: said at once, and not sent (the server allows few tries).
  await page.getByLabel('Authentication code').fill('12345');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(
    page.getByText('Enter the 6-digit code from your authenticator app, or one of your 8-character backup codes.'),
  ).toBeVisible();
  // As the app shows it: "123 456".
  await page.getByLabel('Authentication code').fill(totpCode().replace(/^(\d{3})/, '$1 '));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Funke Olasupo', level: 1 })).toBeVisible();
  await expect(page.getByTestId('account-item')).toHaveCount(2);
});

test('sign in with an emailed code after a wrong one; too many wrong codes stop the sign-in', async ({ page, app, usersApi }) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  await signIn(page, demo.email2fa.user, demo.email2fa.password);
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Send the code again \(in \d+ s\)/ })).toBeDisabled();
  await page.getByLabel('Code from the email').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('That code is not right.')).toBeVisible();
  await page.getByLabel('Code from the email').fill(await usersApi.latestEmailCode(demo.email2fa.email));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Test John', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: '+ Add account' }).click();
  await page.getByLabel('Server address').fill(usersApi.url);
  await page.getByRole('button', { name: 'Check server' }).click();
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await signIn(page, demo.email2fa.user, demo.email2fa.password);
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.getByLabel('Code from the email').fill('999999');
    await page.getByRole('button', { name: 'Verify' }).click();
    const stopped = page.getByText('Too many wrong codes');
    if (await stopped.isVisible().catch(() => false)) break;
    await expect(page.getByText('That code is not right.').or(stopped)).toBeVisible();
  }
  await expect(page.getByText('Too many wrong codes: the server stopped this sign-in.')).toBeVisible();
  await expect(page.getByLabel('Username or email')).toBeVisible();
});

test('two accounts on two servers, switching, and both restored from the keychain after a restart', async ({ page, app, usersApi }) => {
  const second = await startTestServer();
  try {
    await app.open(page);
    await addServer(page, usersApi.url);
    await signIn(page, demo.plain.user, demo.plain.password);
    await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
    await addServer(page, second.url);
    await signIn(page, demo.email2fa.user, demo.email2fa.password);
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await page.getByLabel('Code from the email').fill(await second.latestEmailCode(demo.email2fa.email));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('heading', { name: 'Test John', level: 1 })).toBeVisible();

    const items = page.getByTestId('account-item');
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toContainText(new URL(usersApi.url).host);
    await expect(items.nth(1)).toContainText(new URL(second.url).host);
    await items
      .nth(0)
      .getByRole('button', { name: /^demouser/ })
      .click();
    await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
    await expect(items.nth(0)).toHaveAttribute('aria-current', 'true');

    await app.restart(page);
    await expect(page.getByTestId('account-item')).toHaveCount(2);
    await expect(page.getByTestId('account-item').filter({ hasText: 'Signed in' })).toHaveCount(2);
    await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
    expect(await keytar.findCredentials(app.keychainService)).toHaveLength(2);
  } finally {
    await second.close();
  }
});

test('a token revoked on the server shows the account signed out with "Sign in again", keeping it listed', async ({
  page,
  app,
  usersApi,
}) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
  await usersApi.revokeTokens(demo.plain.userId);
  await app.restart(page);
  await expect(page.getByTestId('signed-out-banner')).toBeVisible();
  await expect(page.getByTestId('account-item')).toContainText('Signed out');
  await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId('signed-out-banner').getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByLabel('Username or email')).toHaveValue('demouser');
  await page.getByLabel('Password', { exact: true }).fill(demo.plain.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('account-item')).toContainText('Signed in');
});

test('sign out deletes the keychain entry and the server token answers 401; no secret reaches the page or the disk', async ({
  page,
  app,
  usersApi,
}) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
  const [entry] = await keytar.findCredentials(app.keychainService);
  expect(entry?.account).toBe(`${usersApi.url}#${demo.plain.userId}`);
  const token = entry!.password;

  await app.restart(page);
  await expect(page.getByTestId('account-item')).toContainText('Signed in');
  await (await accountMenu(page, 'demouser')).getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByTestId('account-item')).toContainText('Signed out');
  expect(await keytar.findCredentials(app.keychainService)).toEqual([]);
  const me = await fetch(`${usersApi.url}/api/v1/me`, { headers: { 'X-User-Id': demo.plain.userId, 'X-Auth-Token': token } });
  expect(me.status).toBe(401);

  await (await accountMenu(page, 'demouser')).getByRole('menuitem', { name: /^Remove demouser/ }).click();
  await expect(page.getByRole('dialog', { name: 'Remove this account?' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Remove account' }).click();
  await expect(page.getByTestId('account-item')).toHaveCount(0);

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

  test('the app says the keychain is unavailable and offers a session-only sign-in', async ({ page, app, usersApi }) => {
    await app.open(page);
    await addServer(page, usersApi.url);
    await signIn(page, demo.plain.user, demo.plain.password);
    await expect(page.getByTestId('keychain-unavailable')).toContainText('No system keychain is running');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign in for this session only' }).click();
    await expect(page.getByText('This session is not remembered')).toBeVisible();
    await expect(page.getByTestId('account-item')).toContainText('Signed in for this session');
    expect(await keytar.findCredentials(app.keychainService)).toEqual([]);
    await app.host.stop();
    expect(dataFolderBytes(app.dataDir).includes(demo.plain.password)).toBe(false);
  });
});
