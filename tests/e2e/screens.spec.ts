import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { demo } from '../support/usersApiServer';
import { expect, test } from './support/fixtures';
import { seedPeople, signInThroughCore } from './support/manyAccounts';
import { everyWay, screenshotDir } from './support/screens';

// Every screen at 1280×800 and 800×600, light and dark: a picture each under
// test-results/screenshots/ (kept by CI), and axe with moderate findings counted.
test.beforeAll(() => fs.mkdirSync(screenshotDir, { recursive: true }));
// Each screen is pictured and axe-checked four times: a test of eight screens takes one to two
// minutes on a busy 2-core machine. The limit only bounds a hang; every step waits for a state.
test.describe.configure({ timeout: 300_000 });

/** A port on this computer where nothing listens. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('first run: welcome with a known server, add server', async ({ page, app, ui, usersApi }) => {
  fs.writeFileSync(path.join(app.dataDir, 'servers.json'), JSON.stringify({ 'Demo server': usersApi.url }));
  await app.restart(page);
  await expect(page.getByTestId('known-servers')).toContainText('Demo server');
  await everyWay(page, 'welcome');

  await ui.addServer.open();
  await ui.addServer.check(`127.0.0.1:${await closedPort()}`);
  await expect(page.getByRole('alert')).toContainText('nothing answers');
  await everyWay(page, 'add-server-error');
  await ui.addServer.check(usersApi.url);
  await expect(ui.addServer.found).toBeVisible();
  await everyWay(page, 'add-server-found');
});

test('sign in: the form, a wrong password, the second factor; a page without the secret', async ({ page, app, ui, usersApi }) => {
  await ui.open();
  await ui.addServer.add(usersApi.url);
  await everyWay(page, 'sign-in');
  await ui.signIn.withPassword(demo.email2fa.user, 'not-the-password');
  await expect(page.getByText('Wrong username, email or password.')).toBeVisible();
  await everyWay(page, 'sign-in-error');
  await ui.signIn.submitPassword(demo.email2fa.password);
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await everyWay(page, 'sign-in-email-code');

  await page.goto(app.host.url.replace(/#.*$/, ''));
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Open Account Manager from its own address' })).toBeVisible();
  await everyWay(page, 'opened-without-secret');
});

test('signed in: home, editing, status, account menu', async ({ page, signedIn: ui, usersApi }) => {
  await everyWay(page, 'home');

  await ui.home.openEditor();
  await expect(page.getByRole('heading', { name: 'Edit profile' })).toBeFocused();
  await everyWay(page, 'home-editing');
  await ui.home.editor.getByLabel('Nickname').fill('Screens');
  await ui.home.saveEditor();
  await expect(ui.home.saveNotice).toContainText(`Saved on this computer and on ${new URL(usersApi.url).host}.`, {
    timeout: 15_000,
  });
  await everyWay(page, 'home-saved');

  await ui.accounts.statusButton.click();
  await expect(page.getByRole('dialog', { name: 'Set status' })).toBeVisible();
  await everyWay(page, 'status-picker');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Actions for demouser/ }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await everyWay(page, 'account-menu');
  await page.keyboard.press('Escape');

  await ui.activity.open();
  await expect(ui.activity.history).toContainText('Saved on the server');
  await everyWay(page, 'activity');
});

test('signed in: people, security with authenticator setup, about', async ({ page, app, signedIn: ui }) => {
  await ui.people.open();
  await expect(ui.people.directoryStatus).toContainText('people saved on this computer', { timeout: 15_000 });
  await ui.people.search.fill('ola');
  await expect(ui.people.results.getByRole('listitem').first()).toBeVisible();
  await ui.people.results.getByRole('button', { name: /Funke Olasupo/ }).click();
  await expect(ui.people.lookupResult.getByRole('heading', { name: 'Funke Olasupo' })).toBeFocused();
  await everyWay(page, 'people');

  await ui.security.open();
  await expect(ui.security.twoFactorStatus).toBeVisible();
  await everyWay(page, 'security');
  app.typedSecrets.push(demo.plain.password);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await ui.security.confirmWithPassword(demo.plain.password);
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  await expect(qr).toBeVisible();
  expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(240);
  await everyWay(page, 'security-authenticator-setup');

  await ui.about.open();
  await expect(ui.about.appVersion).toBeVisible();
  await everyWay(page, 'about');
});

test('trouble: a server out of reach, a conflict waiting, a session the server ended', async ({ page, signedIn: ui, usersApi }) => {
  try {
    await usersApi.dropConnections();
    await ui.home.refresh();
    await expect(ui.home.offlineBanner).toBeVisible();
    await ui.home.openEditor();
    await ui.home.fillEditor({ Bio: 'Mine' });
    await ui.home.saveEditor();
    await expect(ui.home.saveNotice).toContainText('when the server can be reached');
    await everyWay(page, 'home-unreachable');
    await usersApi.changeUser(demo.plain.userId, { bio: 'Theirs' });
  } finally {
    await usersApi.restore();
  }
  await expect(ui.activity.badge).toHaveText('1', { timeout: 20_000 });
  await ui.activity.open();
  await expect(ui.activity.conflicts).toContainText('Bio');
  await everyWay(page, 'activity-conflict');
  await ui.activity.resolve();
  await everyWay(page, 'conflict-dialog');
  await page.getByRole('button', { name: 'Decide later' }).click();

  await usersApi.revokeTokens(demo.plain.userId);
  await ui.home.open();
  await ui.home.refresh();
  await expect(ui.home.signedOutBanner).toContainText('has ended');
  await everyWay(page, 'home-session-ended');
});

test('ten accounts: the collapsed switcher, its list with the accounts that need attention', async ({
  page,
  app,
  signedIn: ui,
  usersApi,
}) => {
  // demouser's edit is refused: the workspace narrowed its list after the app read it.
  await usersApi.changeSettings({
    Accounts_CustomFields: { department: { type: 'select', required: false, options: ['Engineering', 'Support'] } },
  });
  await ui.home.openEditor();
  await ui.home.fillEditor({ department: 'Sales' });
  await ui.home.saveEditor();
  await expect(ui.home.saveNotice).toContainText('did not take every change', { timeout: 15_000 });

  const [ada, ...rest] = seedPeople(9);
  await signInThroughCore(page, app.host.url, usersApi.url, [ada!.user, ...rest.map((person) => person.user)]);
  await expect(ui.accounts.picker).toHaveAccessibleName(/10 accounts/);

  // Ada's session ends on the server; the app learns it at her next refresh.
  await usersApi.revokeTokens(ada!.userId);
  await ui.accounts.picker.click();
  await ui.accounts.pickerOptions.filter({ hasText: ada!.name }).click();
  await expect(ui.home.profileHeading(ada!.name)).toBeVisible();
  await ui.home.refresh();
  await expect(ui.home.signedOutBanner).toContainText('has ended');
  await ui.accounts.picker.click();
  await ui.accounts.pickerOptions.filter({ hasText: 'demouser' }).click();
  await expect(ui.home.profileHeading(demo.plain.user)).toBeVisible();
  await expect(page.getByTestId('accounts-attention-total')).toHaveText('2');
  await everyWay(page, 'ten-accounts');

  await everyWay(page, 'account-picker-attention', {
    open: async () => {
      await ui.accounts.picker.click();
      await expect(ui.accounts.pickerOptions).toHaveCount(10);
      await expect(ui.accounts.pickerList.getByTestId('account-attention')).toHaveText(['1', '1']);
    },
    close: async () => {
      await page.keyboard.press('Escape');
      await expect(ui.accounts.pickerList).toBeHidden();
    },
  });
});
