import { demo, totpCode } from '../support/usersApiServer';
import { dataFolderBytes, expect, expectAccessible, test, sessionEntries } from './support/fixtures';
import { DeleteAccountPanel } from './support/pages/deleteAccountPanel';

const DELETE = '/api/v1/users.deleteOwnAccount';

test('Delete my account: refused in words until the workspace allows it, then nothing of the account is left', async ({
  page,
  app,
  signedIn: ui,
  usersApi,
}) => {
  app.typedSecrets.push(demo.plain.password);
  const deletion = new DeleteAccountPanel(page);
  await ui.security.open();
  await expect(deletion.unavailable).toHaveText('This workspace does not allow you to delete your own account. Ask its administrators.');
  await expect(deletion.section.getByRole('button')).toHaveCount(0);

  await usersApi.changeSettings({ Accounts_AllowDeleteOwnAccount: true });
  await ui.goTo('Home');
  await ui.security.open();
  await usersApi.forgetRequests();
  await deletion.start();
  await expect(deletion.dialog.getByRole('heading')).toContainText(`Delete ${demo.plain.user} on`);
  await expect(deletion.losses.first()).toContainText(`The account ${demo.plain.user} on`);
  await expectAccessible(page);
  await deletion.confirmWithPassword(demo.plain.password);
  await expect(deletion.farewell).toContainText('nothing of it is left on this computer');
  await expect(ui.accounts.items).toHaveCount(0);

  const served = (await usersApi.requests()).filter((r) => r.path === DELETE);
  expect(served.map((r) => [r.status, r.body?.password])).toEqual([[200, '[redacted]']]);
  expect((await usersApi.requests()).map((r) => r.status)).not.toContain(429);
  expect(await sessionEntries(app.keychainService)).toEqual([]);
  await app.restart(page, { open: false });
  expect(dataFolderBytes(app.dataDir).includes(demo.plain.userId)).toBe(false);
});

test('the last owner of rooms is told which rooms pass on or go, and deletes on yes', async ({ page, app, ui, usersApi }) => {
  app.typedSecrets.push(demo.email2fa.password);
  await usersApi.changeSettings({ Accounts_AllowDeleteOwnAccount: true });
  await ui.open();
  await ui.signInAs(usersApi.url, demo.email2fa, { code: () => usersApi.latestEmailCode(demo.email2fa.email) });
  const deletion = new DeleteAccountPanel(page);
  await ui.security.open();
  await usersApi.forgetRequests();
  await deletion.start();
  await deletion.confirmWithPassword(demo.email2fa.password);
  await expect(deletion.lastOwner).toHaveText(
    'You are the last owner of some rooms. If you delete your account, “test-room” will pass to another member, and “Support” will be deleted, as nobody else is left in it. Your account is not deleted yet.',
  );
  await expect(ui.accounts.items).toHaveCount(1);
  await deletion.giveUpRooms();
  await expect(deletion.farewell).toBeVisible();
  await expect(ui.accounts.items).toHaveCount(0);
  const served = (await usersApi.requests()).filter((r) => r.path === DELETE);
  expect(served.map((r) => [r.status, r.body?.confirmRelinquish ?? false])).toEqual([
    [400, false],
    [200, true],
  ]);
  expect(await sessionEntries(app.keychainService)).toEqual([]);
});

test('a TOTP user is asked for the password, which the workspace requires, and it goes in the first request', async ({
  page,
  app,
  ui,
  usersApi,
}) => {
  app.typedSecrets.push(demo.totp.password);
  await usersApi.changeSettings({ Accounts_AllowDeleteOwnAccount: true });
  await ui.open();
  await ui.signInAs(usersApi.url, demo.totp, { code: async () => totpCode() });
  const deletion = new DeleteAccountPanel(page);
  await ui.security.open();
  await usersApi.forgetRequests();
  await deletion.start();
  await expect(deletion.dialog.getByRole('heading')).toContainText(`(${demo.totp.user}) on`);
  await expect(deletion.dialog.getByLabel(/authenticator app/)).toHaveCount(0);
  await deletion.confirmWithPassword(demo.totp.password);
  await expect(deletion.farewell).toBeVisible();
  const served = (await usersApi.requests()).filter((r) => r.path === DELETE);
  expect(served.map((r) => [r.status, r.body?.password])).toEqual([[200, '[redacted]']]);
  expect((await usersApi.requests()).map((r) => r.status)).not.toContain(429);
  expect(await sessionEntries(app.keychainService)).toEqual([]);
});
