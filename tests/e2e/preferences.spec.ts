import { demo } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';

const SET = '/api/v1/users.setPreferences';

async function serverPreferences(usersApi: { user(id: string): Promise<Record<string, unknown>> }): Promise<Record<string, unknown>> {
  const user = (await usersApi.user(demo.plain.userId)) as { settings?: { preferences?: Record<string, unknown> } };
  return user.settings?.preferences ?? {};
}

test('preferences changed offline are saved on this computer and reach the server in one request when it is back', async ({
  page,
  signedIn: ui,
  usersApi,
}) => {
  await ui.preferences.open();
  await expect(ui.preferences.account).toContainText('For demouser on');
  await expect(page.getByLabel('Desktop notifications', { exact: true })).toHaveValue('mentions');
  await expectAccessible(page);
  try {
    await usersApi.dropConnections();
    await ui.home.open();
    await ui.home.refresh();
    await expect(ui.home.offlineBanner).toBeVisible();
    await ui.preferences.open();
    await ui.preferences.choose('Language', 'Deutsch');
    await ui.preferences.toggle('Away when idle');
    await ui.preferences.addHighlight('deploy');
    await usersApi.forgetRequests();
    await ui.preferences.save();
    await expect(ui.preferences.preference('language').getByTestId('pending-mark')).toHaveText('Not sent yet');
  } finally {
    await usersApi.restore();
  }
  await expect(ui.preferences.pendingMarks).toHaveCount(0, { timeout: 30_000 });
  const sets = (await usersApi.requests()).filter((r) => r.method === 'POST' && r.path === SET);
  expect(sets.map((r) => [r.status, r.body])).toEqual([
    [200, { data: { language: 'de', enableAutoAway: false, highlights: ['release', 'demo', 'deploy'] } }],
  ]);
  expect(await serverPreferences(usersApi)).toMatchObject({ enableAutoAway: false, highlights: ['release', 'demo', 'deploy'] });
  expect((await usersApi.user(demo.plain.userId)).language).toBe('de');
  expect((await usersApi.requests()).filter((r) => r.status === 429)).toEqual([]);
});

test('a preference changed here and on the server becomes a conflict, shown side by side in words', async ({
  page,
  signedIn: ui,
  usersApi,
}) => {
  await ui.preferences.open();
  await expect(page.getByLabel('Desktop notifications', { exact: true })).toHaveValue('mentions');
  try {
    await usersApi.dropConnections();
    await ui.home.open();
    await ui.home.refresh();
    await expect(ui.home.offlineBanner).toBeVisible();
    await ui.preferences.open();
    await ui.preferences.choose('Desktop notifications', 'Nothing');
    await ui.preferences.save();
    await usersApi.changeUser(demo.plain.userId, {
      settings: { preferences: { ...(await serverPreferences(usersApi)), desktopNotifications: 'all' } },
    });
  } finally {
    await usersApi.restore();
  }
  await expect(ui.preferences.preference('desktopNotifications').getByTestId('pending-mark')).toHaveText(
    'Changed on the server too: choose in Activity',
    { timeout: 30_000 },
  );
  await ui.activity.open();
  await expect(ui.activity.conflicts).toContainText('Desktop notifications');
  const dialog = await ui.activity.resolve();
  await expect(dialog.getByRole('region', { name: 'Before' })).toContainText('Mentions only');
  await expect(dialog.getByRole('region', { name: 'On the server' })).toContainText('Every message');
  await expect(dialog.getByRole('region', { name: 'Yours' })).toContainText('Nothing');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Keep mine' }).click();
  await expect.poll(async () => (await serverPreferences(usersApi)).desktopNotifications, { timeout: 15_000 }).toBe('nothing');
  await ui.preferences.open();
  await expect(page.getByLabel('Desktop notifications', { exact: true })).toHaveValue('nothing');
  await expect(ui.preferences.pendingMarks).toHaveCount(0);
});
