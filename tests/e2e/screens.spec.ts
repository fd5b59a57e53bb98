import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { demo, type TestServer } from '../support/usersApiServer';
import { addServer, expect, signIn, test, type AppUnderTest } from './support/fixtures';
import { everyWay, screenshotDir } from './support/screens';

// Every screen at 1280×800 and 800×600, light and dark: a picture each under
// test-results/screenshots/ (kept by CI), and axe with moderate findings counted.
test.beforeAll(() => fs.mkdirSync(screenshotDir, { recursive: true }));
// Each screen is pictured and axe-checked four times: a test of eight screens takes one to two
// minutes on a busy 2-core machine. The limit only bounds a hang; every step waits for a state.
test.describe.configure({ timeout: 300_000 });

/** A port on this computer where nothing listens. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

async function signedIn(page: Page, app: AppUnderTest, server: TestServer): Promise<void> {
  await app.open(page);
  await addServer(page, server.url);
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByTestId('as-of')).toContainText('As of');
}

test('first run: welcome with a known server, add server', async ({ page, app, usersApi }) => {
  fs.writeFileSync(path.join(app.dataDir, 'servers.json'), JSON.stringify({ 'Demo server': usersApi.url }));
  await app.restart(page);
  await expect(page.getByTestId('known-servers')).toContainText('Demo server');
  await everyWay(page, 'welcome');

  await page.getByRole('button', { name: 'Add a server' }).click();
  await page.getByLabel('Server address').fill(`127.0.0.1:${await closedPort()}`);
  await page.getByRole('button', { name: 'Check server' }).click();
  await expect(page.getByRole('alert')).toContainText('nothing answers');
  await everyWay(page, 'add-server-error');
  await page.getByLabel('Server address').fill(usersApi.url);
  await page.getByRole('button', { name: 'Check server' }).click();
  await expect(page.getByTestId('server-found')).toBeVisible();
  await everyWay(page, 'add-server-found');
});

test('sign in: the form, a wrong password, the second factor; a page without the secret', async ({ page, app, usersApi }) => {
  await app.open(page);
  await addServer(page, usersApi.url);
  await everyWay(page, 'sign-in');
  await signIn(page, demo.email2fa.user, 'not-the-password');
  await expect(page.getByText('Wrong username, email or password.')).toBeVisible();
  await everyWay(page, 'sign-in-error');
  await page.getByLabel('Password', { exact: true }).fill(demo.email2fa.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await everyWay(page, 'sign-in-email-code');

  await page.goto(app.host.url.replace(/#.*$/, ''));
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Open Account Manager from its own address' })).toBeVisible();
  await everyWay(page, 'opened-without-secret');
});

test('signed in: home, editing, status, account menu', async ({ page, app, usersApi }) => {
  await signedIn(page, app, usersApi);
  await everyWay(page, 'home');

  await page.getByRole('button', { name: 'Edit profile' }).click();
  await expect(page.getByRole('heading', { name: 'Edit profile' })).toBeFocused();
  await everyWay(page, 'home-editing');
  await page.getByRole('form', { name: 'Edit profile' }).getByLabel('Nickname').fill('Screens');
  await page.getByRole('form', { name: 'Edit profile' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('save-notice')).toContainText(`Saved on this computer and on ${new URL(usersApi.url).host}.`, {
    timeout: 15_000,
  });
  await everyWay(page, 'home-saved');

  await page.getByRole('button', { name: /Set status/ }).click();
  await expect(page.getByRole('dialog', { name: 'Set status' })).toBeVisible();
  await everyWay(page, 'status-picker');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Actions for demouser/ }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await everyWay(page, 'account-menu');
  await page.keyboard.press('Escape');

  await nav(page, 'Activity');
  await expect(page.getByTestId('history')).toContainText('Saved on the server');
  await everyWay(page, 'activity');
});

test('signed in: people, security with authenticator setup, about', async ({ page, app, usersApi }) => {
  await signedIn(page, app, usersApi);
  await nav(page, 'People');
  await expect(page.getByTestId('directory-status')).toContainText('people saved on this computer', { timeout: 15_000 });
  await page.getByLabel('Search people').fill('ola');
  await expect(page.getByTestId('directory-results').getByRole('listitem').first()).toBeVisible();
  await page
    .getByTestId('directory-results')
    .getByRole('button', { name: /Funke Olasupo/ })
    .click();
  await expect(page.getByTestId('lookup-result').getByRole('heading', { name: 'Funke Olasupo' })).toBeFocused();
  await everyWay(page, 'people');

  await nav(page, 'Security');
  await expect(page.getByTestId('two-factor-status')).toBeVisible();
  await everyWay(page, 'security');
  app.typedSecrets.push(demo.plain.password);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.getByTestId('proof-dialog').getByLabel('Current password', { exact: true }).fill(demo.plain.password);
  await page.getByTestId('proof-dialog').getByRole('button', { name: 'Confirm', exact: true }).click();
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  await expect(qr).toBeVisible();
  expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(240);
  await everyWay(page, 'security-authenticator-setup');

  await nav(page, 'About');
  await expect(page.getByTestId('app-version')).toBeVisible();
  await everyWay(page, 'about');
});

test('trouble: a server out of reach, a conflict waiting, a session the server ended', async ({ page, app, usersApi }) => {
  await signedIn(page, app, usersApi);
  const fault = (body: object) => usersApi.dev('/_dev/faults', { method: 'POST', body: JSON.stringify(body) });
  try {
    await fault({ route: '*', reset: true, times: 100_000 });
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByRole('form', { name: 'Edit profile' }).getByLabel('Bio', { exact: true }).fill('Mine');
    await page.getByRole('form', { name: 'Edit profile' }).getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('save-notice')).toContainText('when the server can be reached');
    await everyWay(page, 'home-unreachable');
    await usersApi.dev(`/_dev/users/${demo.plain.userId}`, { method: 'POST', body: JSON.stringify({ bio: 'Theirs' }) });
  } finally {
    await usersApi.dev('/_dev/faults', { method: 'DELETE' });
  }
  await expect(page.getByTestId('activity-badge')).toHaveText('1', { timeout: 20_000 });
  await nav(page, 'Activity');
  await expect(page.getByTestId('conflicts')).toContainText('Bio');
  await everyWay(page, 'activity-conflict');
  await page.getByRole('button', { name: 'Resolve…' }).click();
  await everyWay(page, 'conflict-dialog');
  await page.getByRole('button', { name: 'Decide later' }).click();

  await usersApi.revokeTokens(demo.plain.userId);
  await nav(page, 'Home');
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByTestId('signed-out-banner')).toContainText('has ended');
  await everyWay(page, 'home-session-ended');
});
