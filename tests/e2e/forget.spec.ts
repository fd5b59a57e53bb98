import keytar from '@github/keytar';
import fs from 'node:fs';
import { demo } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';

test('About says the local data is encrypted; Forget this computer lists what goes, then the keychain and data folder are empty', async ({
  page,
  app,
  signedIn: ui,
}) => {
  await ui.about.open();
  await expect(page.getByTestId('storage-state')).toHaveText('Encrypted on this computer, with a key kept in the system keychain.');
  expect((await keytar.findCredentials(app.keychainService)).length).toBe(2); // the session and the cache's key

  await page.getByRole('button', { name: 'Forget this computer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Forget this computer?' });
  await expect(dialog.getByTestId('forget-list').getByRole('listitem').first()).toContainText(`${demo.plain.user} on`);
  await expect(dialog.getByTestId('forget-list')).toContainText(app.dataDir);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Forget this computer', exact: true }).click();
  await expect(page.getByTestId('forgotten')).toContainText('This computer was forgotten');

  expect(await keytar.findCredentials(app.keychainService)).toEqual([]);
  expect(fs.readdirSync(app.dataDir)).toEqual([]);
});
