import { demo } from '../support/usersApiServer';
import { addServer, expect, expectAccessible, signIn, test } from './support/fixtures';

test('offline after a restart the profile, its avatar, an earlier lookup and directory search all show; back online they refresh', async ({
  page,
  app,
  usersApi,
}) => {
  const people = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'People' });
  const home = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Home' });
  await app.open(page);
  await addServer(page, usersApi.url);
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByTestId('emails')).toContainText(demo.plain.email);
  await expect(page.getByTestId('avatar-image')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);

  await people.click();
  await expect(page.getByTestId('directory-status')).toContainText('people saved on this computer', { timeout: 15_000 });
  await page.getByLabel('Search people').fill('olasup');
  await expect(page.getByTestId('directory-results')).toContainText('Funke Olasupo');
  await page.getByLabel('Username to look up').fill('test.john');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByTestId('lookup-result').getByRole('heading', { name: 'Test John' })).toBeVisible();

  // The server drops every connection: to the app it cannot be reached. (Stopping it and
  // listening again on its port later would race every other process for that port.)
  await usersApi.dev('/_dev/faults', { method: 'POST', body: JSON.stringify({ route: '*', reset: true, times: 100_000 }) });
  try {
    await app.restart(page);
    await expect(page.getByRole('heading', { name: 'demouser', level: 1 })).toBeVisible();
    await expect(page.getByTestId('emails')).toContainText(demo.plain.email);
    await expect(page.getByTestId('avatar-image')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    await expect(page.getByTestId('offline-banner')).toContainText('Can’t reach');
    await expect(page.getByTestId('as-of')).toContainText('As of');
    const staleAsOf = await page.getByTestId('as-of').getAttribute('data-fetched-at');

    await people.click();
    await expect(page.getByTestId('directory-status')).toContainText('people saved on this computer');
    await page.getByLabel('Search people').fill('olasup');
    await expect(page.getByTestId('directory-results')).toContainText('Funke Olasupo');
    await page
      .getByTestId('recent-lookups')
      .getByRole('button', { name: /Test John/ })
      .click();
    await expect(page.getByTestId('lookup-result')).toContainText('this is the copy saved on');
    await expectAccessible(page);

    // The server answers again, and still knows the app's session.
    await usersApi.dev('/_dev/faults', { method: 'DELETE' });
    await home.click();
    // The app notices at its next probe, up to 15 s away after a long outage (Connectivity).
    await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('as-of')).not.toHaveAttribute('data-fetched-at', staleAsOf ?? '');
    await expect(page.getByTestId('refresh-error')).toHaveCount(0);
  } finally {
    await usersApi.dev('/_dev/faults', { method: 'DELETE' });
  }
});
