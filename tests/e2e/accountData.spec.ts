import { expect, expectAccessible, test } from './support/fixtures';
import { DataDownloadPanel } from './support/pages/dataDownloadPanel';
import { demo } from '../support/usersApiServer';

/** The seed's account without a username, as single sign-on makes them (tools/users-api/README.md). */
const pendingSetup = { user: 'pending.setup@example.com', password: 'pending-pass-1', userId: 'NoUsernameYet3Kd2' };

test('download my data: requested, then already requested and when, each in one request', async ({ page, signedIn: ui, usersApi }) => {
  const download = new DataDownloadPanel(page);
  await ui.security.open();
  await expect(download.section).toContainText(`For ${demo.plain.user} on`);
  await usersApi.forgetRequests();

  await download.request('My messages only');
  await expect(download.answer).toContainText('Requested.');
  await expect(download.answer).toContainText('a file of your messages');
  await expectAccessible(page);
  await download.request('My messages only');
  await expect(download.answer).toContainText('was already requested');
  await expect(download.answer).toContainText('Requested on');

  const served = await usersApi.requests();
  expect(served.filter((r) => r.path === '/api/v1/users.requestDataDownload').map((r) => r.status)).toEqual([200, 200]);
  expect(served.map((r) => r.status)).not.toContain(429);
});

test('an account without a username takes the server suggestion through the editor, and can then ask for its data', async ({
  page,
  ui,
  usersApi,
}) => {
  await ui.open();
  await ui.signInAs(usersApi.url, pendingSetup);
  const download = new DataDownloadPanel(page);
  await ui.security.open();
  await expect(download.unavailable).toContainText('Choose a username first');

  await ui.home.open();
  await ui.home.openEditor();
  const suggestion = await ui.home.suggestUsername();
  await expect(suggestion).toContainText(`${pendingSetup.user} on`);
  await expect(ui.home.editor.getByLabel('Username', { exact: true })).toHaveValue('pending.setup');
  await ui.home.saveEditor();
  await expect(ui.home.saveNotice).toContainText('Saved on this computer');
  await expect.poll(async () => (await usersApi.user(pendingSetup.userId)).username, { timeout: 15_000 }).toBe('pending.setup');

  await ui.security.open();
  await download.request('All my data');
  await expect(download.answer).toContainText('Requested.');
  expect((await usersApi.requests()).map((r) => r.status)).not.toContain(429);
});
