import { demo, startTestServer } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';

test('look people up, see "not found", and read an earlier lookup offline after a restart', async ({ page, app, ui }) => {
  const server = await startTestServer();
  try {
    await ui.open();
    await ui.signInAs(server.url, demo.plain);
    await expect(ui.home.profileHeading('demouser')).toBeVisible();
    await ui.people.open();

    await ui.people.lookUp('roxie');
    await expect(ui.people.lookupResult.getByRole('heading', { name: 'Funke Olasupo' })).toBeVisible();
    await expect(ui.people.lookupResult).toContainText('baby girl');
    await expect(ui.people.recentLookups).toContainText('Funke Olasupo (@roxie)');
    await expectAccessible(page);

    await ui.people.lookUpBy.selectOption('username');
    await ui.people.lookUp('nobody.here');
    await expect(page.getByText('No one on this server has that username.')).toBeVisible();
  } finally {
    await server.close();
  }

  await app.restart(page);
  await ui.people.open();
  await ui.people.openRecent(/Funke Olasupo/);
  await expect(ui.people.lookupResult).toContainText('this is the copy saved on');
  await expect(ui.people.lookupResult).toContainText('Auspicious baby');
  await expectAccessible(page);
});

test('a server older than 8.6 is not asked to look people up by email or extension; the window says why', async ({ page, ui }) => {
  const server = await startTestServer({ compat: '8.0' });
  try {
    await ui.open();
    await ui.signInAs(server.url, demo.plain);
    await ui.people.open();
    // People loads when first opened: wait for its form, not for what the page holds this instant.
    await expect(ui.people.lookUpBy.locator('option')).toHaveText(['Username', 'User ID', 'Import ID']);
    await expect(page.getByTestId('lookup-unavailable')).toHaveText([
      'This server runs Rocket.Chat 8.0, which cannot look people up by email address: that came in Rocket.Chat 8.6.',
      'This server runs Rocket.Chat 8.0, which cannot look people up by phone extension: that came in Rocket.Chat 8.6.',
    ]);
    await expectAccessible(page);
  } finally {
    await server.close();
  }
});

test('"@" before a username is ignored, and an email the server hides from this account is said to be hidden', async ({
  page,
  signedIn,
}) => {
  await signedIn.people.open();
  await signedIn.people.search.fill('@test');
  await expect(signedIn.people.results.getByRole('button', { name: /Test John/ })).toBeVisible();

  await signedIn.people.lookUp('@test.john');
  await expect(signedIn.people.lookupResult.getByRole('heading', { name: 'Test John' })).toBeVisible();

  // demouser is no admin: Rocket.Chat shows other people's addresses only with view-full-other-user-info.
  await signedIn.people.lookUpBy.selectOption('email');
  await signedIn.people.lookUp(demo.email2fa.email, 'Email address to look up');
  await expect(page.getByText(/shows email addresses only to people allowed to see everyone's full details/)).toBeVisible();
  await expect(page.getByText('No one on this server has that email address.')).toHaveCount(0);
  await expectAccessible(page);
});
