import { demo, startTestServer } from '../support/usersApiServer';
import { addServer, expect, expectAccessible, signIn, test } from './support/fixtures';

test('look people up, see "not found", and read an earlier lookup offline after a restart', async ({ page, app }) => {
  const server = await startTestServer();
  try {
    await app.open(page);
    await addServer(page, server.url);
    await signIn(page, demo.plain.user, demo.plain.password);
    await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'People' }).click();

    await page.getByLabel('Username to look up').fill('roxie');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByTestId('lookup-result').getByRole('heading', { name: 'Funke Olasupo' })).toBeVisible();
    await expect(page.getByTestId('lookup-result')).toContainText('baby girl');
    await expect(page.getByTestId('recent-lookups')).toContainText('Funke Olasupo (@roxie)');
    await expectAccessible(page);

    await page.getByLabel('Look up by').selectOption('email');
    await page.getByLabel('Email address to look up').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByText('No one on this server has that email address.')).toBeVisible();
  } finally {
    await server.close();
  }

  await app.restart(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'People' }).click();
  await page
    .getByTestId('recent-lookups')
    .getByRole('button', { name: /Funke Olasupo/ })
    .click();
  await expect(page.getByTestId('lookup-result')).toContainText('this is the copy saved on');
  await expect(page.getByTestId('lookup-result')).toContainText('Auspicious baby');
  await expectAccessible(page);
});

test('a server older than 8.6 is not asked to look people up by email or extension; the window says why', async ({ page, app }) => {
  const server = await startTestServer({ compat: '8.0' });
  try {
    await app.open(page);
    await addServer(page, server.url);
    await signIn(page, demo.plain.user, demo.plain.password);
    await expect(page.getByTestId('as-of')).toContainText('As of');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'People' }).click();
    const options = await page.getByLabel('Look up by').locator('option').allTextContents();
    expect(options).toEqual(['Username', 'User ID', 'Import ID']);
    await expect(page.getByTestId('lookup-unavailable')).toHaveText([
      'This server runs Rocket.Chat 8.0, which cannot look people up by email address: that came in Rocket.Chat 8.6.',
      'This server runs Rocket.Chat 8.0, which cannot look people up by phone extension: that came in Rocket.Chat 8.6.',
    ]);
    await expectAccessible(page);
  } finally {
    await server.close();
  }
});
