import type { FaultScope } from '../support/usersApiControls';
import { demo, type TestServer } from '../support/usersApiServer';
import { expect, test } from './support/fixtures';
import type { AppWindow } from './support/pages/appWindow';
import { expectNoRawCodes } from './support/screens';

// A request timeout shorter than the default, so "slower than the timeout" (three tries) takes
// seconds, not minutes; still far above a normal reply, so on a busy machine every request that
// should succeed does. The slow replies never come in time (the server drops them when it closes).
const requestTimeoutMs = 5000;
test.use({ hostEnv: { ...process.env, AM_REQUEST_TIMEOUT_MS: String(requestTimeoutMs) } });

/** Every screen's text, read while a fault lasts: sentences only, never a system code. */
async function everyScreenInWords(ui: AppWindow): Promise<void> {
  await expectNoRawCodes(ui.page);
  for (const screen of ['People', 'Activity', 'Security', 'Preferences', 'About', 'Home'] as const) {
    await ui.goTo(screen);
    await expect(ui.page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoRawCodes(ui.page);
  }
}

const faults: { name: string; fault: (server: TestServer, scope: FaultScope) => Promise<void>; says: string }[] = [
  { name: 'HTTP 500s', fault: (server, scope) => server.failWith(500, scope), says: 'The server had a problem (HTTP 500)' },
  { name: 'replies slower than the timeout', fault: (server, scope) => server.delay(600_000, scope), says: 'did not answer in time' },
  { name: 'dropped connections', fault: (server, scope) => server.dropConnections(scope), says: 'cannot be reached' },
  { name: 'malformed JSON', fault: (server, scope) => server.malformedReplies(scope), says: 'cannot read' },
];

test('server faults leave the cached profile, lookups and directory intact and say what happened', async ({
  page,
  signedIn: ui,
  usersApi,
}) => {
  test.setTimeout(120_000);
  const refresh = ui.home.refreshButton;

  try {
    for (const { name, fault, says } of faults) {
      await test.step(`profile refresh meets ${name}`, async () => {
        await fault(usersApi, { route: '/api/v1/me' });
        await refresh.click();
        // A GET is tried three times, each up to the request timeout.
        await expect(ui.home.refreshError).toContainText(says, { timeout: 3 * requestTimeoutMs + 15_000 });
        await expect(ui.home.emails).toContainText(demo.plain.email);
        await expect(ui.home.profileHeading('demouser')).toBeVisible();
        await everyScreenInWords(ui);
        await usersApi.restore();
        await refresh.click();
        await expect(ui.home.refreshError).toHaveCount(0, { timeout: 15_000 });
        await expect(ui.home.offlineBanner).toHaveCount(0, { timeout: 20_000 });
      });
    }

    await ui.people.open();
    await expect(ui.people.directoryStatus).toContainText('people saved on this computer', { timeout: 15_000 });
    await ui.people.lookUp('roxie');
    await expect(ui.people.lookupResult.getByRole('heading', { name: 'Funke Olasupo' })).toBeVisible();

    await test.step('a lookup meets 500s: the saved copy answers, an unknown person gets the reason', async () => {
      await usersApi.failWith(500, { route: '/api/v1/users.info', times: 6 });
      await ui.people.lookUpButton.click();
      await expect(ui.people.lookupResult).toContainText('this is the copy saved on', { timeout: 15_000 });
      await ui.people.lookUp('someone.new');
      await expect(page.getByText('The server had a problem (HTTP 500)')).toBeVisible({ timeout: 15_000 });
      await expectNoRawCodes(page);
      await usersApi.restore();
    });

    await test.step('a directory sync meets 503s: it pauses, search still answers, and it finishes by itself', async () => {
      await usersApi.failWith(503, { route: '/api/v1/users.list' });
      await page.getByRole('button', { name: 'Sync now' }).click();
      await expect(ui.people.directoryStatus).toContainText('Directory sync paused', { timeout: 15_000 });
      await expectNoRawCodes(page);
      await ui.people.search.fill('olasup');
      await expect(ui.people.results).toContainText('Funke Olasupo');
      await usersApi.restore();
      await expect(ui.people.directoryStatus).toContainText('people saved on this computer', { timeout: 20_000 });
    });
  } finally {
    await usersApi.restore();
  }
});
