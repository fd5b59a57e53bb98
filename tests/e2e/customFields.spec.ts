import { demo, type TestServer } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';

// Issue 29, point 3: custom fields come from the workspace's definition (Accounts_CustomFields),
// and a save says what the server kept, not what the app sent.

const seeded = {
  twitter: { type: 'text', required: false, maxLength: 50, public: true },
  department: { type: 'select', required: false, options: ['Engineering', 'Sales', 'Support', 'Marketing', 'Finance'] },
};
const serverFields = async (server: TestServer) => (await server.user(demo.plain.userId)).customFields as Record<string, unknown>;

test('the editor offers the workspace’s fields with their controls, and no free field', async ({ page, signedIn: ui, usersApi }) => {
  const editor = await ui.home.openEditor();
  const department = ui.home.customField('department');
  await expect(department).toHaveRole('combobox');
  await expect(department.getByRole('option')).toHaveText(['Engineering', 'Sales', 'Support', 'Marketing', 'Finance']);
  await expect(ui.home.customField('twitter')).toHaveAccessibleDescription('At most 50 characters.');
  await expect(editor.getByRole('button', { name: 'Add field' })).toHaveCount(0);
  await expectAccessible(page);
  await ui.home.fillEditor({ department: 'Support', twitter: '@demo' });
  await ui.home.saveEditor();
  await expect(ui.home.saveNotice).toContainText('Saved on this computer and on', { timeout: 15_000 });
  expect(await serverFields(usersApi)).toEqual({ department: 'Support', twitter: '@demo' });
});

test('a field the server drops is reported as not kept, with the reason, in the notice and the history', async ({ ui, usersApi }) => {
  // The workspace defines "pronouns" when the app reads its settings, and drops it afterwards.
  await usersApi.changeSettings({ Accounts_CustomFields: { ...seeded, pronouns: { type: 'text' } } });
  await ui.open();
  await ui.signInAs(usersApi.url, demo.plain);
  await usersApi.changeSettings({ Accounts_CustomFields: seeded });
  await ui.home.openEditor();
  await ui.home.fillEditor({ pronouns: 'he/him', Nickname: 'dee' });
  await ui.home.saveEditor();
  await expect(ui.home.saveNotice).toContainText('Not kept: the workspace has no field “pronouns”.', { timeout: 15_000 });
  await expect(ui.home.saveNotice).not.toContainText('Saved on this computer and on');
  expect(await serverFields(usersApi)).not.toHaveProperty('pronouns');
  expect((await usersApi.user(demo.plain.userId)).nickname).toBe('dee');
  await ui.activity.open();
  await expect(ui.activity.history).toContainText('Not kept by the server');
  await expect(ui.activity.history).toContainText('Not kept: the workspace has no field “pronouns”.');
  await expect(ui.activity.outbox).toHaveCount(0);
});

test('a value the server refuses waits in "Needs your decision" with its words, without a Retry', async ({
  page,
  signedIn: ui,
  usersApi,
}) => {
  // The workspace narrows its list after the app read it: the app still offers "Sales".
  await usersApi.changeSettings({
    Accounts_CustomFields: { ...seeded, department: { type: 'select', options: ['Engineering', 'Support'] } },
  });
  await ui.home.openEditor();
  await ui.home.fillEditor({ department: 'Sales' });
  await ui.home.saveEditor();
  await expect(ui.home.saveNotice).toContainText('did not take every change: see Activity', { timeout: 15_000 });
  await ui.activity.open();
  const refused = ui.activity.conflicts.getByRole('listitem').filter({ hasText: 'department' });
  await expect(refused).toContainText('“Sales” was refused by');
  await expect(refused).toContainText('Value for field department is invalid.');
  await expect(refused.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(ui.activity.outbox).toHaveCount(0);
  await expectAccessible(page);
  await refused.getByRole('button', { name: 'Discard the edit of department' }).click();
  await expect(ui.activity.history).toContainText('Discarded');
  expect(await serverFields(usersApi)).toMatchObject({ department: 'Engineering' });
});
