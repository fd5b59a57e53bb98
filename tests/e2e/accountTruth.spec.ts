import { demo, totpCode } from '../support/usersApiServer';
import { bioConflict } from './support/conflicts';
import { expect, test } from './support/fixtures';

test('a new name shows in the heading and the account list once saved, and after a reload', async ({ page, signedIn: ui }) => {
  const item = ui.accounts.items.filter({ hasText: 'Demo Üser' });
  await ui.home.editProfile({ Name: 'Demo Üser' });
  await expect(ui.home.pendingMarks).toHaveCount(0);
  await expect(ui.home.profileHeading('Demo Üser')).toBeVisible();
  await expect(item).toHaveCount(1);
  await expect(ui.accounts.menuButton('Demo Üser')).toBeVisible();

  await page.reload();
  await expect(ui.home.profileHeading('Demo Üser')).toBeVisible();
  await expect(item).toHaveCount(1);
});

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test("one account's notices never show on another's screens, nor come back when it is chosen again", async ({
  page,
  app,
  signedIn: ui,
  usersApi,
}) => {
  await page.getByLabel('Choose a picture for your avatar').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Upload' }).click();
  const avatarMessage = page.getByTestId('avatar-message');
  await expect(avatarMessage).toHaveText('Avatar changed.');

  app.typedSecrets.push(demo.totp.password);
  await ui.signInAs(usersApi.url, demo.totp, { code: async () => totpCode() });
  await expect(ui.home.profileHeading('Funke Olasupo')).toBeVisible();
  await expect(avatarMessage).toHaveCount(0);
  await ui.home.editProfile({ Bio: 'Roxie writes here.' });
  await expect(ui.home.saveNotice).toContainText('Saved on this computer');

  await ui.accounts.items.filter({ hasText: demo.plain.user }).getByRole('button').first().click();
  await expect(ui.home.profileHeading(demo.plain.user)).toBeVisible();
  await expect(ui.home.saveNotice).toHaveCount(0);
  await expect(avatarMessage).toHaveCount(0);
});

test('"Password changed" goes when the person moves on to the authenticator', async ({ page, app, signedIn: ui }) => {
  app.typedSecrets.push(demo.plain.password, 'a-brand-new-pass-1');
  await ui.security.open();
  await ui.security.changePassword({ current: demo.plain.password, next: 'a-brand-new-pass-1' });
  await expect(ui.security.message).toContainText('Password changed.');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(ui.security.message).toHaveCount(0);
  await ui.security.confirmWithPassword('a-brand-new-pass-1');
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await expect(ui.security.message).toHaveCount(0);
});

test('an account that needs the person is marked in the switcher while another is on screen; Ctrl+1…9 pick accounts', async ({
  page,
  app,
  signedIn: ui,
  usersApi,
}) => {
  await bioConflict(ui, usersApi);
  const demouser = ui.accounts.items.filter({ hasText: demo.plain.user });
  await expect(demouser.getByTestId('account-attention')).toHaveText('1', { timeout: 20_000 });

  app.typedSecrets.push(demo.totp.password);
  await ui.signInAs(usersApi.url, demo.totp, { code: async () => totpCode() });
  const roxie = ui.accounts.items.filter({ hasText: 'Funke Olasupo' });
  await expect(roxie).toHaveAttribute('aria-current', 'true');
  await expect(demouser.getByTestId('account-attention')).toHaveText('1');
  await expect(roxie.getByTestId('account-attention')).toHaveCount(0);
  await ui.activity.open();
  await expect(page.getByTestId('screen-account')).toContainText(`Funke Olasupo (${demo.totp.user}) on`);

  await page.keyboard.press('Control+1');
  await expect(demouser).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('screen-account')).toContainText(`${demo.plain.user} on`);
  await expect(ui.activity.conflicts).toContainText('Bio');
  await page.keyboard.press('Control+2');
  await expect(roxie).toHaveAttribute('aria-current', 'true');
});
