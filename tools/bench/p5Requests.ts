// P5: server requests per user action. A person's scripted session in the real window
// (browser host + Chromium) against the reference server; the server's own request log
// counts what each action cost. Each action has the minimum it needs, with the reason;
// the figure is made ÷ minimum, target 1.0 (rate-limited servers punish every extra call).
import { chromium, type Page } from '@playwright/test';
import keytar from '@github/keytar';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHostProcess } from '../../tests/e2e/support/browserHostProcess';
import { log } from './log';
import { round } from './stats';
import { startUsersApiProcess } from './usersApiProcess';

interface Served {
  method: string;
  path: string;
  status: number;
}

interface Action {
  name: string;
  /** Requests this action cannot do without, and why. */
  minimum: { requests: string[]; why: string };
  /** Resolves with any further requests what the window showed made necessary (the avatars of people listed). */
  run(page: Page, serverUrl: string): Promise<string[] | void>;
}

const user = { name: 'demouser', password: 'demo-pass-1' };
const demoUserId = 'gzvcvpov9G4TxbGFS';
/** The demo seed's directory: 250 people, 100 per page (the most a Rocket.Chat server gives). */
const directoryPages = 3;

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

const actions: Action[] = [
  {
    name: 'add server',
    minimum: {
      requests: ['GET /api/info', 'GET /api/v1/settings.public', 'GET /api/v1/settings.oauth'],
      why: 'learn that the address is a users API server, and its version; then how it signs people in (which form, which single sign-on services) to show the right sign-in',
    },
    async run(page, serverUrl) {
      await page.getByRole('button', { name: 'Add a server' }).click();
      await page.getByLabel('Server address').fill(serverUrl);
      await page.getByRole('button', { name: 'Check server' }).click();
      await page.getByTestId('server-found').waitFor();
      await page.getByRole('button', { name: 'Continue to sign in' }).click();
    },
  },
  {
    name: 'sign in',
    minimum: {
      requests: [
        'POST /api/v1/login',
        'GET /api/v1/sessions/list',
        'GET /api/v1/users.info',
        'GET /api/v1/settings.public',
        'GET /avatar/demouser',
      ],
      why: "login (its reply carries /me); the account's sessions right after it, the one moment their newest is surely this computer's (Rocket.Chat's list does not mark the caller's: Security marks it and will not end it by mistake, D96); users.info for what /me lacks (rooms, created, last login); what the workspace lets a person change (kept for ten minutes, offline too); the person's avatar",
    },
    async run(page) {
      await page.getByLabel('Username or email').fill(user.name);
      await page.getByLabel('Password', { exact: true }).fill(user.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByTestId('as-of').waitFor();
    },
  },
  {
    name: 'open profile',
    minimum: { requests: [], why: 'the profile was read at sign-in a moment ago; the cached copy is shown' },
    async run(page) {
      await nav(page, 'Activity');
      await nav(page, 'Home');
      await page.getByTestId('as-of').waitFor();
    },
  },
  {
    name: 'edit name and bio',
    minimum: {
      requests: ['GET /api/v1/me', 'POST /api/v1/users.updateOwnBasicInfo'],
      why: "/me to check the server's values against the edit's base (conflicts), one update for both fields",
    },
    async run(page) {
      await editProfile(page, { Name: 'Demo Person', Bio: 'Counts requests.' });
    },
  },
  {
    name: 'edit username',
    minimum: {
      requests: [
        'GET /api/v1/users.checkUsernameAvailability',
        'GET /api/v1/me',
        'POST /api/v1/users.updateOwnBasicInfo',
        'GET /avatar/demo.person',
      ],
      why: 'one availability check for the typed name ("taken" is otherwise a vague error), /me for the base check, one update; the avatar at its new address, since a letter avatar (nothing uploaded, as here) is drawn from the username',
    },
    async run(page, serverUrl) {
      await editProfile(page, { Username: 'demo.person' }, async () => {
        // A person pauses after typing; the window asks the server once, then they save.
        while (!(await requestLog(serverUrl)).some((request) => request.path.includes('users.checkUsernameAvailability'))) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      });
    },
  },
  {
    name: 'change status',
    minimum: {
      requests: ['GET /api/v1/me', 'POST /api/v1/users.setStatus'],
      why: '/me for the base check, one users.setStatus for status and message together',
    },
    async run(page) {
      await page.getByRole('button', { name: /Set status/ }).click();
      await page.getByRole('radio', { name: 'Away' }).check();
      await page.getByLabel('Status message').fill('Back at two');
      await page.getByRole('button', { name: 'Save status' }).click();
      await page.getByTestId('pending-mark').first().waitFor({ state: 'detached' });
    },
  },
  {
    name: 'search the directory',
    minimum: {
      requests: [...Array.from({ length: directoryPages }, () => 'GET /api/v1/users.list'), 'GET /avatar/roxie'],
      why: `the first copy of the directory: ${directoryPages} pages of at most 100 people; the avatars of the people the list shows before anything is typed (those in view, not the rows rendered beyond it); the search itself runs on this computer; the avatar of the one person it lists`,
    },
    async run(page) {
      await nav(page, 'People');
      await page.getByTestId('directory-status').getByText('people saved on this computer').waitFor({ timeout: 60_000 });
      const results = page.getByTestId('directory-results');
      await results.getByRole('listitem').first().waitFor();
      const shown = await usernamesInView(page);
      // Each avatar in view is shown (an image, not initials) before the person types.
      for (const username of shown) {
        await results
          .getByRole('listitem')
          .filter({ hasText: `@${username}` })
          .locator('img')
          .waitFor();
      }
      await page.getByLabel('Search people').fill('olasup');
      await results.getByText('Funke Olasupo').waitFor();
      return shown.filter((username) => username !== 'roxie').map((username) => `GET /avatar/${username}`);
    },
  },
  {
    name: 'look up a person',
    minimum: {
      requests: ['GET /api/v1/users.info'],
      why: 'one users.info for the person; their avatar is on this computer since the search listed them',
    },
    async run(page) {
      await page.getByLabel('Username to look up').fill('roxie');
      await page.getByRole('button', { name: 'Look up' }).click();
      await page.getByTestId('lookup-result').getByRole('heading', { name: 'Funke Olasupo' }).waitFor();
    },
  },
];

async function editProfile(page: Page, fields: Record<string, string>, beforeSave?: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: 'Edit profile' }).click();
  const form = page.getByRole('form', { name: 'Edit profile' });
  for (const [label, text] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(text);
  await beforeSave?.();
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('save-notice').waitFor();
  await page.getByTestId('pending-mark').first().waitFor({ state: 'detached' });
}

/** The usernames of the directory list's rows on screen (rows rendered beyond its view or the window's excluded). */
async function usernamesInView(page: Page): Promise<string[]> {
  return page.getByTestId('directory-results').evaluate((scroller) => {
    const view = scroller.getBoundingClientRect();
    return [...scroller.querySelectorAll('li')]
      .filter((row) => {
        const box = row.getBoundingClientRect();
        // Inside the list's view and the window's: what the person can see.
        return box.bottom > Math.max(view.top, 0) && box.top < Math.min(view.bottom, scroller.ownerDocument.documentElement.clientHeight);
      })
      .map((row) => /@(\S+)/.exec(row.querySelector('.result-detail')?.textContent ?? '')?.[1] ?? '')
      .filter(Boolean);
  });
}

async function requestLog(serverUrl: string): Promise<Served[]> {
  const reply = (await (await fetch(`${serverUrl}/_dev/requests`)).json()) as { requests: Served[] };
  return reply.requests;
}

/**
 * Background work an action started (a refresh after a send, say) belongs to it: wait
 * until the server has seen no request for a while before the next action starts.
 */
async function settled(serverUrl: string, quietMs = 1_500): Promise<Served[]> {
  let seen = (await requestLog(serverUrl)).length;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = await requestLog(serverUrl);
    if (now.length === seen) return now;
    seen = now.length;
  }
}

export async function benchRequests() {
  const api = await startUsersApiProcess(0, ['--dev']);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'am-bench-p5-'));
  const keychainService = `account-manager-bench-${randomUUID()}`;
  const host = await startBrowserHostProcess({ dataDir, env: { ...process.env, AM_KEYCHAIN_SERVICE: keychainService } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    const rows = [];
    let before = (await settled(api.url)).length;
    for (const action of actions) {
      log(`P5: ${action.name}…`);
      const shownNeeds = (await action.run(page, api.url)) ?? [];
      const served = await settled(api.url);
      const made = served.slice(before).map((request) => `${request.method} ${request.path.split('?')[0]}`);
      before = served.length;
      // Fewer requests than the minimum would mean the action did not really happen.
      const needed = [...action.minimum.requests, ...shownNeeds];
      const asExpected = [...made].sort().join() === [...needed].sort().join();
      const row = { action: action.name, made: made.length, minimum: needed.length, asExpected, requests: made };
      rows.push({ ...row, why: action.minimum.why });
    }
    // The session's outcome on the server: the edits arrived.
    const { user: saved } = (await (await fetch(`${api.url}/_dev/users/${demoUserId}`)).json()) as { user: Record<string, unknown> };
    const serverHasEdits =
      saved.name === 'Demo Person' &&
      saved.bio === 'Counts requests.' &&
      saved.username === 'demo.person' &&
      saved.statusDefault === 'away';
    const made = rows.reduce((sum, row) => sum + row.made, 0);
    const minimum = rows.reduce((sum, row) => sum + row.minimum, 0);
    const ratio = round(made / minimum, 2);
    const met = ratio <= 1 && serverHasEdits && rows.every((row) => row.asExpected);
    return { actions: rows, made, minimum, ratio, serverHasEdits, target: 1.0, met };
  } finally {
    await browser.close();
    await host.stop();
    await api.stop();
    for (const entry of await keytar.findCredentials(keychainService).catch(() => [])) {
      await keytar.deletePassword(keychainService, entry.account);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
