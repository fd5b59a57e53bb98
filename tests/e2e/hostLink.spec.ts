import fs from 'node:fs';
import path from 'node:path';
import { demo } from '../support/usersApiServer';
import { expect, test } from './support/fixtures';
import { everyWay } from './support/screens';

const rendererDir = path.resolve(import.meta.dirname, '../../out/renderer');

test('a tab kept across a restart of the browser host says so, then how to open the app again; nothing saved is lost', async ({
  page,
  app,
  signedIn: ui,
}) => {
  const profileName = ui.home.profileHeading(demo.plain.user);
  await expect(profileName).toBeVisible();

  // The host stops under the open tab: the screen stays, under a banner saying it is no longer current.
  await app.host.stop();
  const lost = page.getByTestId('host-lost');
  await expect(lost).toContainText('This tab lost its connection to Account Manager');
  await expect(lost).toHaveAttribute('role', 'alert');
  await expect(profileName).toBeVisible();
  await everyWay(page, 'host-lost');

  // Started again on the same address, with a new key: the reloaded tab holds the old one.
  await app.restart(page, { samePort: true, open: false });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'This tab is from an earlier start of Account Manager', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('nothing is lost');
  // Not the first-run screen an unreachable app used to fall back to.
  await expect(page.getByRole('heading', { name: 'Welcome to Account Manager' })).toHaveCount(0);
  await everyWay(page, 'host-refused');

  // The address the new start printed opens the app, with the account as it was.
  await app.open(page);
  await expect(profileName).toBeVisible();
  await expect(page.getByTestId('host-lost')).toHaveCount(0);
});

test('a page whose browser host stopped before the page reached it says the app is not running', async ({ page, app }) => {
  const { origin } = new URL(app.host.url);
  const url = app.host.url;
  await app.host.stop();
  // The page as the host served it a moment before stopping: its files from the build,
  // while the socket and the page's own check of the host go to the real, closed port.
  await page.route(`${origin}/**`, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const file = new URL(route.request().url()).pathname;
    return route.fulfill({ path: path.join(rendererDir, file === '/' ? 'index.html' : file) });
  });
  expect(fs.existsSync(path.join(rendererDir, 'index.html'))).toBe(true);
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Account Manager is not running', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('nothing is lost');
  await expect(page.getByText('npm run web')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Welcome to Account Manager' })).toHaveCount(0);
});
