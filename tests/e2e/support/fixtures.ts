import AxeBuilder from '@axe-core/playwright';
import keytar from '@github/keytar';
import { test as base, expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectValidatorRejections, demo, startTestServer, type TestServer } from '../../support/usersApiServer';
import { personalData } from './personalData';
import { startBrowserHostProcess, type RunningHost } from './browserHostProcess';
import { AppWindow } from './pages/appWindow';

export interface AppUnderTest {
  dataDir: string;
  /** The keychain service this app instance writes to (unique per test). */
  keychainService: string;
  host: RunningHost;
  /** Every frame the core sent to the page (results and events), for secret scans. */
  framesFromCore: string[];
  /** Passwords and codes a test typed: none may end up in the data folder or the host's output. */
  typedSecrets: string[];
  open(page: Page): Promise<void>;
  /**
   * Stops the browser host and starts it again on the same data folder, then opens its new
   * address in `page`; `samePort` keeps the address's port (as a person's fixed port would),
   * `open: false` leaves the page as it was.
   */
  restart(page: Page, options?: { samePort?: boolean; open?: boolean }): Promise<void>;
}

type Fixtures = {
  app: AppUnderTest;
  hostEnv: NodeJS.ProcessEnv;
  usersApi: TestServer;
  validatorGuard: void;
  /** The app's window in `page`, screen by screen (not opened yet). */
  ui: AppWindow;
  /** The same window, opened and signed in as demouser on `usersApi`, its profile on screen. */
  signedIn: AppWindow;
};
type WorkerFixtures = { workerUsersApi: TestServer };

export const test = base.extend<Fixtures, WorkerFixtures>({
  // Every test ends by asking each reference server it used (the worker's, and any the spec
  // started) whether Rocket.Chat's validators refused a request: that would be a request the
  // real server refuses too, so the test fails and names it.
  validatorGuard: [
    async ({}, use) => {
      await use();
      expect(await collectValidatorRejections(), "requests the reference server refused at Rocket.Chat's validators").toEqual([]);
    },
    { auto: true },
  ],
  workerUsersApi: [
    async ({}, use) => {
      const server = await startTestServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // One server per worker (cheap), back to the seed for every test (no test sees another's edits or requests).
  usersApi: async ({ workerUsersApi }, use) => {
    await workerUsersApi.reset();
    await use(workerUsersApi);
  },
  hostEnv: async ({}, use) => use(process.env),
  app: async ({ hostEnv }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'am-e2e-'));
    const keychainService = `account-manager-e2e-${randomUUID()}`;
    const env = { ...hostEnv, AM_KEYCHAIN_SERVICE: keychainService };
    const framesFromCore: string[] = [];
    const typedSecrets: string[] = [];
    const pageErrors: string[] = [];
    const hostErrors: string[] = [];
    const watched = new WeakSet<Page>();
    const app: AppUnderTest = {
      dataDir,
      keychainService,
      host: await startBrowserHostProcess({ dataDir, env }),
      framesFromCore,
      typedSecrets,
      async open(page) {
        if (!watched.has(page)) {
          watched.add(page);
          page.on('websocket', (socket) => socket.on('framereceived', (frame) => framesFromCore.push(String(frame.payload))));
          page.on('pageerror', (error) => pageErrors.push(error.message));
        }
        await page.goto(app.host.url);
      },
      async restart(page, options = {}) {
        const port = options.samePort ? Number(new URL(app.host.url).port) : 0;
        await app.host.stop();
        hostErrors.push(app.host.stderr());
        app.host = await startBrowserHostProcess({ dataDir, env, port });
        if (options.open !== false) await app.open(page);
      },
    };
    await use(app);
    await app.host.stop();
    hostErrors.push(app.host.stderr());
    // No test may leave a bug behind in the log: an unhandled rejection or an internal
    // error in the host (anywhere in a log line, after its time, level and scope), or an
    // uncaught error in the page; nor a directory written on the main thread because its
    // writer's thread (bundled beside the main bundle, D118) could not run.
    expect(hostErrors.join('').match(/^.*\b(unhandled rejection|internal error|written on the main thread)\b.*$/gm) ?? []).toEqual([]);
    expect(pageErrors).toEqual([]);
    // Every test doubles as a leak check: no session token of this app instance may
    // appear in what the core sent to the page, or anywhere in its data folder.
    const sent = framesFromCore.join('\n');
    const stored = dataFolderBytes(dataDir);
    const output = hostErrors.join('') + app.host.stdout.join('\n');
    for (const typed of typedSecrets) {
      expect(stored.includes(typed), 'a typed password or code was written to the data folder').toBe(false);
      expect(output.includes(typed), 'a typed password or code reached the host output').toBe(false);
    }
    // The cache is encrypted at rest (D98): no SQLite file in plain, and nobody's name, bio or
    // email readable in any file of the data folder — the person's own, a looked-up one's, a directory entry's.
    expect(stored.includes('SQLite format 3\0'), 'a plain SQLite file is in the data folder').toBe(false);
    expect(
      personalData().filter((text) => stored.includes(text)),
      'personal data readable in the data folder',
    ).toEqual([]);
    for (const entry of await keytar.findCredentials(keychainService)) {
      expect(sent.includes(entry.password), 'a session token reached the renderer').toBe(false);
      expect(stored.includes(entry.password), 'a session token was written to the data folder').toBe(false);
      await keytar.deletePassword(keychainService, entry.account);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  ui: async ({ page, app }, use) => use(new AppWindow(page, app)),
  signedIn: async ({ ui, usersApi }, use) => {
    await ui.open();
    await ui.signInAs(usersApi.url, demo.plain);
    await use(ui);
  },
});

export { expect };

/** Every byte of a folder's files (database, WAL, logs), for secret scans. */
export function dataFolderBytes(dir: string): Buffer {
  return Buffer.concat(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name))),
  );
}

/** Fails on any moderate, serious or critical accessibility violation of what the page shows now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((violation) => violation.impact !== 'minor' && violation.impact !== null);
  expect(
    severe.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

/**
 * The keychain entries that are sessions: every entry of the app's service except the cache's own
 * key (`database-key:<data folder>`, D98), which stays as long as the data folder does.
 */
export async function sessionEntries(service: string): Promise<{ account: string; password: string }[]> {
  return (await keytar.findCredentials(service)).filter((entry) => !entry.account.startsWith('database-key:'));
}
