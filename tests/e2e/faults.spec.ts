import { demo } from '../support/usersApiServer';
import type { Page } from '@playwright/test';
import { addServer, expect, signIn, test } from './support/fixtures';
import { expectNoRawCodes } from './support/screens';

// A request timeout shorter than the default, so "slower than the timeout" (three tries) takes
// seconds, not minutes; still far above a normal reply, so on a busy machine every request that
// should succeed does. The slow replies never come in time (the server drops them when it closes).
const requestTimeoutMs = 5000;
test.use({ hostEnv: { ...process.env, AM_REQUEST_TIMEOUT_MS: String(requestTimeoutMs) } });

/** Every screen's text, read while a fault lasts: sentences only, never a system code. */
async function everyScreenInWords(page: Page): Promise<void> {
  await expectNoRawCodes(page);
  for (const screen of ['People', 'Activity', 'Security', 'About', 'Home']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoRawCodes(page);
  }
}

const faults = [
  { name: 'HTTP 500s', fault: { status: 500, times: 10_000 }, says: 'The server had a problem (HTTP 500)' },
  { name: 'replies slower than the timeout', fault: { delayMs: 600_000, times: 10_000 }, says: 'did not answer in time' },
  { name: 'dropped connections', fault: { reset: true, times: 10_000 }, says: 'cannot be reached' },
  { name: 'malformed JSON', fault: { malformedJson: true, times: 10_000 }, says: 'cannot read' },
];

test('server faults leave the cached profile, lookups and directory intact and say what happened', async ({ page, app, usersApi }) => {
  const addFault = (fault: Record<string, unknown>) => usersApi.dev('/_dev/faults', { method: 'POST', body: JSON.stringify(fault) });
  const clearFaults = () => usersApi.dev('/_dev/faults', { method: 'DELETE' });
  test.setTimeout(120_000);
  await app.open(page);
  await addServer(page, usersApi.url);
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByTestId('as-of')).toContainText('As of');
  const refresh = page.getByRole('button', { name: 'Refresh', exact: true });

  try {
    for (const { name, fault, says } of faults) {
      await test.step(`profile refresh meets ${name}`, async () => {
        await addFault({ route: '/api/v1/me', ...fault });
        await refresh.click();
        // A GET is tried three times, each up to the request timeout.
        await expect(page.getByTestId('refresh-error')).toContainText(says, { timeout: 3 * requestTimeoutMs + 15_000 });
        await expect(page.getByTestId('emails')).toContainText(demo.plain.email);
        await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
        await everyScreenInWords(page);
        await clearFaults();
        await refresh.click();
        await expect(page.getByTestId('refresh-error')).toHaveCount(0, { timeout: 15_000 });
        await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 20_000 });
      });
    }

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'People' }).click();
    await expect(page.getByTestId('directory-status')).toContainText('people saved on this computer', { timeout: 15_000 });
    await page.getByLabel('Username to look up').fill('roxie');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByTestId('lookup-result').getByRole('heading', { name: 'Funke Olasupo' })).toBeVisible();

    await test.step('a lookup meets 500s: the saved copy answers, an unknown person gets the reason', async () => {
      await addFault({ route: '/api/v1/users.info', status: 500, times: 6 });
      await page.getByRole('button', { name: 'Look up' }).click();
      await expect(page.getByTestId('lookup-result')).toContainText('this is the copy saved on', { timeout: 15_000 });
      await page.getByLabel('Username to look up').fill('someone.new');
      await page.getByRole('button', { name: 'Look up' }).click();
      await expect(page.getByText('The server had a problem (HTTP 500)')).toBeVisible({ timeout: 15_000 });
      await expectNoRawCodes(page);
      await clearFaults();
    });

    await test.step('a directory sync meets 503s: it pauses, search still answers, and it finishes by itself', async () => {
      await addFault({ route: '/api/v1/users.list', status: 503, times: 10_000 });
      await page.getByRole('button', { name: 'Sync now' }).click();
      await expect(page.getByTestId('directory-status')).toContainText('Directory sync paused', { timeout: 15_000 });
      await expectNoRawCodes(page);
      await page.getByLabel('Search people').fill('olasup');
      await expect(page.getByTestId('directory-results')).toContainText('Funke Olasupo');
      await clearFaults();
      await expect(page.getByTestId('directory-status')).toContainText('people saved on this computer', { timeout: 20_000 });
    });
  } finally {
    await clearFaults();
  }
});
