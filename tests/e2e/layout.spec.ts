import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { seedPeople, signInThroughCore } from './support/manyAccounts';
import type { AppWindow } from './support/pages/appWindow';

// Issue 29, point 6: at 800×600 with ten accounts the screens stay in view, names are read
// whole, the accounts are chosen from a list, and a person opened in People is in view.

test.use({ viewport: { width: 800, height: 600 } });

const others = seedPeople(9);

/** demouser (signed in through the form) and nine more; the last one signed in is the active one. */
async function tenAccounts(page: Page, ui: AppWindow, hostUrl: string, serverUrl: string): Promise<void> {
  await signInThroughCore(
    page,
    hostUrl,
    serverUrl,
    others.map((person) => person.user),
  );
  // The last one signed in is the active account, whichever form the list takes.
  await expect(page.locator('.sidebar .account.active').first()).toContainText(others.at(-1)!.name);
}

/** The element's box lies wholly inside the window. */
async function expectInView(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize()!;
  expect(box, 'laid out').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(height);
}

test('ten accounts at 800×600: every screen in view, the active name whole, accounts chosen from the keyboard', async ({
  page,
  app,
  signedIn: ui,
  usersApi,
}) => {
  await tenAccounts(page, ui, app.host.url, usersApi.url);

  const sidebar = page.locator('.sidebar');
  const entries = page.getByRole('navigation', { name: 'Main' }).getByRole('button');
  await expect(entries).toHaveText(['Home', 'People', 'Activity', 'Security', 'Preferences', 'About']);
  for (const entry of await entries.all()) await expectInView(page, entry);
  expect(await sidebar.evaluate((element) => element.scrollHeight <= element.clientHeight)).toBe(true);
  await expect(ui.accounts.picker).toHaveAccessibleName(/10 accounts/);

  // The active account's name is whole: shown in full, not cut by the sidebar's width.
  const name = ui.accounts.picker.locator('.account-name');
  await expect(name).toHaveText(others.at(-1)!.name);
  await expectInView(page, name);
  expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);

  // By keyboard: ↓ opens the list on the active account, Escape closes it and returns.
  await ui.accounts.picker.focus();
  await page.keyboard.press('ArrowDown');
  await expect(ui.accounts.pickerOptions).toHaveCount(10);
  await expect(ui.accounts.pickerList.getByRole('option', { selected: true })).toBeFocused();
  await expect(ui.accounts.pickerList.getByRole('option', { selected: true })).toContainText(others.at(-1)!.name);
  await expectInView(page, ui.accounts.pickerList.getByRole('option', { selected: true }));
  await page.keyboard.press('Escape');
  await expect(ui.accounts.pickerList).toBeHidden();
  await expect(ui.accounts.picker).toBeFocused();

  // Enter opens it; Home goes to the first account (demouser), ↓ to the next, Enter chooses.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await expect(ui.accounts.pickerOptions.first()).toBeFocused();
  await expect(ui.accounts.pickerOptions.first()).toContainText('demouser');
  await page.keyboard.press('ArrowDown');
  await expect(ui.accounts.pickerOptions.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(ui.accounts.pickerList).toBeHidden();
  await expect(ui.home.profileHeading('demouser')).toBeVisible();
  await expect(ui.accounts.picker).toContainText('demouser');
  for (const entry of await entries.all()) await expectInView(page, entry);

  // Tab goes from the picker to the active account's status and menu, then on to the screens.
  await ui.accounts.picker.focus();
  for (const next of [
    ui.accounts.statusButton,
    ui.accounts.menuButton('demouser'),
    page.getByRole('button', { name: '+ Add account' }),
    entries.first(),
  ]) {
    await page.keyboard.press('Tab');
    await expect(next).toBeFocused();
  }
});

test('People at 800×600 with ten accounts: the person opens over the list, in view, and Back returns to it', async ({
  page,
  app,
  signedIn: ui,
  usersApi,
}) => {
  await tenAccounts(page, ui, app.host.url, usersApi.url);
  await ui.people.open();
  await expect(ui.people.directoryStatus).toContainText('people saved on this computer', { timeout: 15_000 });
  await ui.people.search.fill('ola');
  const funke = ui.people.results.getByRole('button', { name: /Funke Olasupo/ });
  await funke.click();

  const dialog = page.getByRole('dialog', { name: 'Funke Olasupo' });
  await expect(dialog).toBeVisible();
  const heading = ui.people.lookupResult.getByRole('heading', { name: 'Funke Olasupo' });
  await expect(heading).toBeFocused();
  await expectInView(page, heading);
  await expect(ui.people.lookupResult).toContainText('baby girl');

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(funke).toBeFocused();

  await funke.click();
  await expect(heading).toBeFocused();
  await dialog.getByRole('button', { name: 'Back to the list' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(funke).toBeFocused();

  // Wide enough for both, the person shows beside the list instead.
  await page.setViewportSize({ width: 1280, height: 800 });
  await funke.click();
  await expect(heading).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expectInView(page, heading);
});
