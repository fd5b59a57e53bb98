import { demo, startTestServer, type TestServer } from '../support/usersApiServer';
import { bioConflict } from './support/conflicts';
import { expect, expectAccessible, test } from './support/fixtures';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const serverUser = (server: TestServer) => server.user(demo.plain.userId);
const posts = async (server: TestServer, path: string) => (await server.requests()).filter((r) => r.method === 'POST' && r.path === path);

test('online edits of name, nickname, bio, status text and a custom field are saved on the server', async ({
  page,
  signedIn: ui,
  usersApi,
}) => {
  await ui.home.editProfile({
    Name: 'Demo Person',
    Nickname: 'dp',
    Bio: 'Writes tests.',
    'Status text': 'Heads down',
    department: 'Sales',
  });
  await expect(ui.home.pendingMarks).toHaveCount(0, { timeout: 15_000 });
  await expect(ui.home.identity).toContainText('Demo Person');
  await expect(ui.home.identity).toContainText('Writes tests.');
  await expect(page.getByRole('region', { name: 'Custom fields' })).toContainText('Sales');
  expect(await serverUser(usersApi)).toMatchObject({
    name: 'Demo Person',
    nickname: 'dp',
    bio: 'Writes tests.',
    statusText: 'Heads down',
    customFields: { department: 'Sales' },
  });

  // The status picker in the account list.
  await ui.accounts.setStatus('Away', 'Back at two');
  await expect.poll(async () => (await serverUser(usersApi)).statusDefault, { timeout: 15_000 }).toBe('away');
  expect((await serverUser(usersApi)).statusText).toBe('Back at two');
  await ui.activity.open();
  await expect(ui.activity.history).toContainText('Saved');
  await expectAccessible(page);
});

test('edits made while the server cannot be reached survive a restart and sync in one request when it is back', async ({
  page,
  app,
  signedIn: ui,
  usersApi,
}) => {
  // The server drops every connection: to the app it cannot be reached. (Stopping it and
  // listening again on its port later would race every other process for that port.)
  await usersApi.dropConnections();
  try {
    await ui.home.editProfile({ Nickname: 'made offline', Bio: 'Written on a train.' });
    await expect(ui.home.pendingMarks).toHaveCount(2);

    await app.restart(page);
    await expect(ui.home.pendingMarks).toHaveCount(2);
    await expect(ui.home.identity).toContainText('Written on a train.');
    // Removing the account now would lose them: the question says so.
    await ui.accounts.choose('demouser', /^Remove demouser/);
    const question = page.getByRole('dialog', { name: 'Remove this account?' });
    await expect(question).toContainText('2 edits have not reached the server yet and will be lost.');
    await question.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await usersApi.restore();
  }
  await expect(ui.home.pendingMarks).toHaveCount(0, { timeout: 25_000 });
  expect(await serverUser(usersApi)).toMatchObject({ nickname: 'made offline', bio: 'Written on a train.' });
  expect((await posts(usersApi, '/api/v1/users.updateOwnBasicInfo')).filter((r) => r.status === 200)).toHaveLength(1);
});

for (const keep of ['mine', 'theirs'] as const) {
  test(`a bio changed offline and on the server becomes a conflict; "${keep === 'mine' ? 'Keep mine' : 'Take theirs'}" makes server and cache agree`, async ({
    page,
    signedIn: ui,
    usersApi,
  }) => {
    await bioConflict(ui, usersApi);
    await ui.activity.open();
    await expect(ui.activity.conflicts).toContainText('Bio', { timeout: 20_000 });
    const dialog = await ui.activity.resolve();
    await expect(dialog.getByRole('region', { name: 'On the server' })).toContainText('Their words');
    await expect(dialog.getByRole('region', { name: 'Yours' })).toContainText('My words');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: keep === 'mine' ? 'Keep mine' : 'Take theirs' }).click();
    const expected = keep === 'mine' ? 'My words' : 'Their words';
    await expect.poll(async () => (await serverUser(usersApi)).bio, { timeout: 15_000 }).toBe(expected);
    await expect(ui.activity.history).toContainText(keep === 'mine' ? 'Kept mine' : 'Took the server');
    await ui.home.open();
    await expect(ui.home.identity).toContainText(expected);
    await expect(ui.home.pendingMarks).toHaveCount(0, { timeout: 15_000 });
  });
}

test('a taken and an invalid username each show an error on the username field, and nothing changes', async ({
  signedIn: ui,
  usersApi,
}) => {
  const form = await ui.home.openEditor();
  const username = form.getByLabel('Username', { exact: true });
  await username.fill('not valid!');
  await expect(form.getByText('Username may contain letters, digits, dots, dashes and underscores.')).toBeVisible();
  await username.fill('roxie');
  await expect(form.getByText('The username “roxie” is taken or not allowed on this server.')).toBeVisible();
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await ui.home.saveEditor();
  await expect(username).toBeFocused();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(ui.home.identity).toContainText('@demouser');
  expect((await serverUser(usersApi)).username).toBe('demouser');
  expect(await posts(usersApi, '/api/v1/users.updateOwnBasicInfo')).toEqual([]);
});

test('leaving the editor with unsaved changes asks first', async ({ page, signedIn: ui }) => {
  await (await ui.home.openEditor()).getByLabel('Nickname').fill('half typed');
  await ui.people.open();
  const question = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(ui.home.editor.getByLabel('Nickname')).toHaveValue('half typed');
  await ui.people.open();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(ui.people.heading).toBeVisible();
});

test('a PNG avatar reaches the server and the cache; a file that is not an image is refused before upload', async ({
  page,
  signedIn: ui,
  usersApi,
}) => {
  const picker = page.getByLabel('Choose a picture for your avatar');
  await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(page.getByTestId('avatar-message')).toContainText('not an image');
  await picker.setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('still not a picture') });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByTestId('avatar-message')).toContainText('not an image');
  expect(await posts(usersApi, '/api/v1/users.setAvatar')).toEqual([]);

  await picker.setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('img', { name: 'Preview of your new avatar' })).toBeVisible();
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByTestId('avatar-message')).toHaveText('Avatar changed.');
  await expect(page.getByTestId('avatar-image')).toHaveAttribute('src', `data:image/png;base64,${png.toString('base64')}`);
  // The same picture in the account switcher, at once and after a reload.
  const sidebarAvatar = ui.accounts.items.locator('img');
  await expect(sidebarAvatar).toHaveAttribute('src', `data:image/png;base64,${png.toString('base64')}`);
  await page.reload();
  await expect(sidebarAvatar).toHaveAttribute('src', `data:image/png;base64,${png.toString('base64')}`);
  const served = await fetch(`${usersApi.url}/avatar/demouser`);
  expect(served.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

  await page.getByRole('button', { name: 'Use default avatar' }).click();
  await page.getByRole('dialog', { name: 'Use the default avatar?' }).getByRole('button', { name: 'Use default' }).click();
  await expect(page.getByTestId('avatar-image')).toHaveAttribute('src', /^data:image\/svg\+xml/);
});

test('a 429 shows as "waiting to send" and the edit goes through after the reset with no action', async ({ ui }) => {
  // The server's clock stands still until the test moves it: however slow the machine, the
  // second edit lands inside the first one's window, and the window ends only when told.
  const frozenAt = Date.now();
  const server = await startTestServer({ now: () => frozenAt });
  try {
    await ui.open();
    await ui.signInAs(server.url, demo.plain);
    await server.changeSettings({
      UpdateOwnBasicInfo_Rate_Limit_Enabled: true,
      UpdateOwnBasicInfo_Rate_Limit_Calls: 1,
      UpdateOwnBasicInfo_Rate_Limit_Time: 2000,
    });
    await ui.home.editProfile({ Nickname: 'first' });
    await expect(ui.home.pendingMarks).toHaveCount(0, { timeout: 15_000 });
    await ui.home.editProfile({ Nickname: 'second' });
    await expect(ui.home.pendingMarks).toHaveText('Waiting to send', { timeout: 15_000 });
    await server.advanceClock(2000);
    await expect(ui.home.pendingMarks).toHaveCount(0, { timeout: 20_000 });
    expect((await serverUser(server)).nickname).toBe('second');
    const statuses = (await posts(server, '/api/v1/users.updateOwnBasicInfo')).map((r) => r.status);
    // Asked again before the clock moved, the server said 429 once more: still one 200 per edit.
    expect(statuses.filter((status) => status !== 429)).toEqual([200, 200]);
    expect(statuses[1]).toBe(429);
  } finally {
    await server.close();
  }
});

test('what the workspace does not allow is shown read-only with the reason, and no avatar change is offered', async ({
  page,
  ui,
  usersApi,
}) => {
  await usersApi.changeSettings({
    Accounts_AllowUsernameChange: false,
    Accounts_AllowUserAvatarChange: false,
    Accounts_AllowInvisibleStatusOption: false,
  });
  await ui.open();
  await ui.signInAs(usersApi.url, demo.plain);
  await expect(page.getByTestId('avatar-locked')).toHaveText('This workspace does not allow changing your avatar.');
  await expect(page.getByRole('button', { name: 'Change avatar…' })).toHaveCount(0);
  const form = await ui.home.openEditor();
  const username = form.getByLabel('Username', { exact: true });
  await expect(username).toHaveAttribute('readonly', '');
  await expect(form).toContainText('This workspace does not allow changing your username.');
  await expect(form.getByLabel('Status', { exact: true }).locator('option')).toHaveText(['Online', 'Away', 'Busy']);
  await expect(form.getByLabel('Name', { exact: true })).not.toHaveAttribute('readonly', '');
  await expectAccessible(page);
});
