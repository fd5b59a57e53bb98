import { expect, test } from '@playwright/test';
import { migrations } from '../../electron/core/db/migrations';
import { expectAccessible } from './support/fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHostProcess, type RunningHost } from './support/browserHostProcess';
import { AboutPage } from './support/pages/aboutPage';

const version = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')).version;

let dataDir: string;
let host: RunningHost | null = null;

test.beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'am-e2e-'));
});

test.afterEach(async () => {
  await host?.stop();
  host = null;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the About screen shows app.info read through the browser host', async ({ page }) => {
  host = await startBrowserHostProcess({ dataDir });
  expect(host.stdout).toEqual([`Open: ${host.url}`]);
  expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]{20,}$/);

  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Account Manager' })).toBeVisible();
  const about = new AboutPage(page);
  await about.open();
  await expect(about.heading).toBeVisible();
  await expect(about.appVersion).toHaveText(version);
  await expect(about.dataDir).toHaveText(dataDir);
  await expect(about.schemaVersion).toHaveText(String(migrations.length));
  await expect(about.keychainStatus).toHaveText('Available');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
});

test('a corrupt database is set aside and the About screen says so', async ({ page }) => {
  fs.writeFileSync(path.join(dataDir, 'account-manager.sqlite'), 'definitely not sqlite'.repeat(500));
  host = await startBrowserHostProcess({ dataDir });
  await page.goto(host.url);
  const about = new AboutPage(page);
  await about.open();
  await expect(about.storageRecovered).toContainText('could not be read and was set aside');
  await expect(about.schemaVersion).toHaveText(String(migrations.length));
  expect(fs.readdirSync(dataDir).some((name) => name.includes('.corrupt-'))).toBe(true);
});

test('without a Secret Service the keychain is reported unavailable with a reason', async ({ page }) => {
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  host = await startBrowserHostProcess({ dataDir, env });
  await page.goto(host.url);
  const about = new AboutPage(page);
  await about.open();
  await expect(about.keychainStatus).toContainText('Unavailable —');
  // No keychain, no key: the cache lives in memory for the session, and nothing reaches the disk (D100).
  await expect(page.getByTestId('storage-state')).toContainText('In memory for this session only');
  expect(fs.readdirSync(dataDir)).toEqual([]);
});

test('the page without the secret cannot reach the core and says so', async ({ page }) => {
  host = await startBrowserHostProcess({ dataDir });
  await page.goto(host.url.replace(/#.*$/, ''));
  // No app to navigate in: the page says at once that the app is not reachable, and how to open it.
  await expect(page.getByRole('alert')).toContainText('not reachable');
  await expect(page.getByRole('heading', { name: 'Open Account Manager from its own address' })).toBeVisible();
});
