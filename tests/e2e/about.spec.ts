import { expect, test } from '@playwright/test';
import { migrations } from '../../electron/core/db/migrations';
import { expectAccessible } from './support/fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHostProcess, type RunningHost } from './support/browserHostProcess';

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
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'About and diagnostics' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText(version);
  await expect(page.getByTestId('data-dir')).toHaveText(dataDir);
  await expect(page.getByTestId('schema-version')).toHaveText(String(migrations.length));
  await expect(page.getByTestId('keychain-status')).toHaveText('Available');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
});

test('a corrupt database is set aside and the About screen says so', async ({ page }) => {
  fs.writeFileSync(path.join(dataDir, 'account-manager.sqlite'), 'definitely not sqlite'.repeat(500));
  host = await startBrowserHostProcess({ dataDir });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'About' }).first().click();
  await expect(page.getByTestId('storage-recovered')).toContainText('could not be read and was set aside');
  await expect(page.getByTestId('schema-version')).toHaveText(String(migrations.length));
  expect(fs.readdirSync(dataDir).some((name) => name.includes('.corrupt-'))).toBe(true);
});

test('without a Secret Service the keychain is reported unavailable with a reason', async ({ page }) => {
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  host = await startBrowserHostProcess({ dataDir, env });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'About' }).first().click();
  await expect(page.getByTestId('keychain-status')).toContainText('Unavailable —');
});

test('the page without the secret cannot reach the core and says so', async ({ page }) => {
  host = await startBrowserHostProcess({ dataDir });
  await page.goto(host.url.replace(/#.*$/, ''));
  // No app to navigate in: the page says at once that the app is not reachable, and how to open it.
  await expect(page.getByRole('alert')).toContainText('not reachable');
  await expect(page.getByRole('heading', { name: 'Open Account Manager from its own address' })).toBeVisible();
});
