import { demo } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';

test('offline after a restart the profile, its avatar, an earlier lookup and directory search all show; back online they refresh', async ({
  page,
  app,
  ui,
  usersApi,
}) => {
  await ui.open();
  await ui.signInAs(usersApi.url, demo.plain);
  await expect(ui.home.emails).toContainText(demo.plain.email);
  await expect(page.getByTestId('avatar-image')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);

  await ui.people.open();
  await expect(ui.people.directoryStatus).toContainText('people saved on this computer', { timeout: 15_000 });
  await ui.people.search.fill('olasup');
  await expect(ui.people.results).toContainText('Funke Olasupo');
  await ui.people.lookUp('test.john');
  await expect(ui.people.lookupResult.getByRole('heading', { name: 'Test John' })).toBeVisible();

  // The server drops every connection: to the app it cannot be reached. (Stopping it and
  // listening again on its port later would race every other process for that port.)
  await usersApi.dropConnections();
  try {
    await app.restart(page);
    await expect(ui.home.profileHeading('demouser')).toBeVisible();
    await expect(ui.home.emails).toContainText(demo.plain.email);
    await expect(page.getByTestId('avatar-image')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    await expect(ui.home.offlineBanner).toContainText('Can’t reach');
    await expect(ui.home.asOf).toContainText('As of');
    const staleAsOf = await ui.home.asOf.getAttribute('data-fetched-at');

    await ui.people.open();
    await expect(ui.people.directoryStatus).toContainText('people saved on this computer');
    await ui.people.search.fill('olasup');
    await expect(ui.people.results).toContainText('Funke Olasupo');
    await ui.people.openRecent(/Test John/);
    await expect(ui.people.lookupResult).toContainText('this is the copy saved on');
    await expectAccessible(page);

    // The server answers again, and still knows the app's session.
    await usersApi.restore();
    await ui.home.open();
    // The app notices at its next probe, up to 15 s away after a long outage (Connectivity).
    await expect(ui.home.offlineBanner).toHaveCount(0, { timeout: 30_000 });
    await expect(ui.home.asOf).not.toHaveAttribute('data-fetched-at', staleAsOf ?? '');
    await expect(ui.home.refreshError).toHaveCount(0);
  } finally {
    await usersApi.restore();
  }
});
