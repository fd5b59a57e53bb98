import type { Page } from '@playwright/test';
import { demo, startTestServer, type TestServer } from '../support/usersApiServer';
import { accountMenu, addServer, expect, expectAccessible, signIn, test } from './support/fixtures';

type Served = { requests: { method: string; path: string; status: number }[] };
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const serverUser = async (server: TestServer) =>
  ((await server.dev(`/_dev/users/${demo.plain.userId}`)) as { user: Record<string, unknown> }).user;
const posts = async (server: TestServer, path: string) =>
  ((await server.dev('/_dev/requests')) as Served).requests.filter((r) => r.method === 'POST' && r.path === path);
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
const offline = (server: TestServer) =>
  server.dev('/_dev/faults', { method: 'POST', body: JSON.stringify({ route: '*', reset: true, times: 100_000 }) });
const online = (server: TestServer) => server.dev('/_dev/faults', { method: 'DELETE' });

async function signedIn(page: Page, app: { open(page: Page): Promise<void> }, server: TestServer): Promise<void> {
  await app.open(page);
  await addServer(page, server.url);
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByTestId('as-of')).toContainText('As of');
}

async function editProfile(page: Page, fields: Record<string, string>): Promise<void> {
  await page.getByRole('button', { name: 'Edit profile' }).click();
  const form = page.getByRole('form', { name: 'Edit profile' });
  for (const [label, text] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(text);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('save-notice')).toContainText('Saved on this computer');
}

test('online edits of name, nickname, bio, status text and a custom field are saved on the server', async ({ page, app, usersApi }) => {
  await signedIn(page, app, usersApi);
  await editProfile(page, { Name: 'Demo Person', Nickname: 'dp', Bio: 'Writes tests.', 'Status text': 'Heads down', department: 'Sales' });
  await expect(page.getByTestId('pending-mark')).toHaveCount(0, { timeout: 15_000 });
  const identity = page.getByRole('region', { name: 'Identity' });
  await expect(identity).toContainText('Demo Person');
  await expect(identity).toContainText('Writes tests.');
  await expect(page.getByRole('region', { name: 'Custom fields' })).toContainText('Sales');
  expect(await serverUser(usersApi)).toMatchObject({
    name: 'Demo Person',
    nickname: 'dp',
    bio: 'Writes tests.',
    statusText: 'Heads down',
    customFields: { department: 'Sales' },
  });

  // The status picker in the account list.
  await page.getByRole('button', { name: /Set status/ }).click();
  await page.getByRole('radio', { name: 'Away' }).check();
  await page.getByLabel('Status message').fill('Back at two');
  await page.getByRole('button', { name: 'Save status' }).click();
  await expect.poll(async () => (await serverUser(usersApi)).statusDefault, { timeout: 15_000 }).toBe('away');
  expect((await serverUser(usersApi)).statusText).toBe('Back at two');
  await nav(page, 'Activity');
  await expect(page.getByTestId('history')).toContainText('Saved');
  await expectAccessible(page);
});

test('edits made while the server cannot be reached survive a restart and sync in one request when it is back', async ({
  page,
  app,
  usersApi,
}) => {
  await signedIn(page, app, usersApi);
  // The server drops every connection: to the app it cannot be reached. (Stopping it and
  // listening again on its port later would race every other process for that port.)
  await offline(usersApi);
  try {
    await editProfile(page, { Nickname: 'made offline', Bio: 'Written on a train.' });
    await expect(page.getByTestId('pending-mark')).toHaveCount(2);

    await app.restart(page);
    await expect(page.getByTestId('pending-mark')).toHaveCount(2);
    await expect(page.getByRole('region', { name: 'Identity' })).toContainText('Written on a train.');
    // Removing the account now would lose them: the question says so.
    await (await accountMenu(page, 'demouser')).getByRole('menuitem', { name: /^Remove demouser/ }).click();
    const question = page.getByRole('dialog', { name: 'Remove this account?' });
    await expect(question).toContainText('2 edits have not reached the server yet and will be lost.');
    await question.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await online(usersApi);
  }
  await expect(page.getByTestId('pending-mark')).toHaveCount(0, { timeout: 25_000 });
  expect(await serverUser(usersApi)).toMatchObject({ nickname: 'made offline', bio: 'Written on a train.' });
  expect((await posts(usersApi, '/api/v1/users.updateOwnBasicInfo')).filter((r) => r.status === 200)).toHaveLength(1);
});

for (const keep of ['mine', 'theirs'] as const) {
  test(`a bio changed offline and on the server becomes a conflict; "${keep === 'mine' ? 'Keep mine' : 'Take theirs'}" makes server and cache agree`, async ({
    page,
    app,
    usersApi,
  }) => {
    await signedIn(page, app, usersApi);
    try {
      await offline(usersApi);
      await page.getByRole('button', { name: 'Refresh', exact: true }).click();
      await expect(page.getByTestId('offline-banner')).toBeVisible();
      await editProfile(page, { Bio: 'My words' });
      await usersApi.dev(`/_dev/users/${demo.plain.userId}`, { method: 'POST', body: JSON.stringify({ bio: 'Their words' }) });
    } finally {
      await online(usersApi);
    }
    await nav(page, 'Activity');
    await expect(page.getByTestId('conflicts')).toContainText('Bio', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Resolve…' }).click();
    const dialog = page.getByTestId('conflict-dialog');
    await expect(dialog.getByRole('region', { name: 'On the server' })).toContainText('Their words');
    await expect(dialog.getByRole('region', { name: 'Yours' })).toContainText('My words');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: keep === 'mine' ? 'Keep mine' : 'Take theirs' }).click();
    const expected = keep === 'mine' ? 'My words' : 'Their words';
    await expect.poll(async () => (await serverUser(usersApi)).bio, { timeout: 15_000 }).toBe(expected);
    await expect(page.getByTestId('history')).toContainText(keep === 'mine' ? 'Kept mine' : 'Took the server');
    await nav(page, 'Home');
    await expect(page.getByRole('region', { name: 'Identity' })).toContainText(expected);
    await expect(page.getByTestId('pending-mark')).toHaveCount(0, { timeout: 15_000 });
  });
}

test('a taken and an invalid username each show an error on the username field, and nothing changes', async ({ page, app, usersApi }) => {
  await signedIn(page, app, usersApi);
  await page.getByRole('button', { name: 'Edit profile' }).click();
  const form = page.getByRole('form', { name: 'Edit profile' });
  const username = form.getByLabel('Username', { exact: true });
  await username.fill('not valid!');
  await expect(form.getByText('Username may contain letters, digits, dots, dashes and underscores.')).toBeVisible();
  await username.fill('roxie');
  await expect(form.getByText('The username “roxie” is taken or not allowed on this server.')).toBeVisible();
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(username).toBeFocused();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('region', { name: 'Identity' })).toContainText('@demouser');
  expect((await serverUser(usersApi)).username).toBe('demouser');
  expect(await posts(usersApi, '/api/v1/users.updateOwnBasicInfo')).toEqual([]);
});

test('leaving the editor with unsaved changes asks first', async ({ page, app, usersApi }) => {
  await signedIn(page, app, usersApi);
  await page.getByRole('button', { name: 'Edit profile' }).click();
  await page.getByRole('form', { name: 'Edit profile' }).getByLabel('Nickname').fill('half typed');
  await nav(page, 'People');
  const question = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('form', { name: 'Edit profile' }).getByLabel('Nickname')).toHaveValue('half typed');
  await nav(page, 'People');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
});

test('a PNG avatar reaches the server and the cache; a file that is not an image is refused before upload', async ({
  page,
  app,
  usersApi,
}) => {
  await signedIn(page, app, usersApi);
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
  const sidebarAvatar = page.getByTestId('account-item').locator('img');
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

test('a 429 shows as "waiting to send" and the edit goes through after the reset with no action', async ({ page, app }) => {
  // The server's clock stands still until the test moves it: however slow the machine, the
  // second edit lands inside the first one's window, and the window ends only when told.
  const frozenAt = Date.now();
  const server = await startTestServer({ now: () => frozenAt });
  try {
    await signedIn(page, app, server);
    await server.dev('/_dev/settings', {
      method: 'POST',
      body: JSON.stringify({
        UpdateOwnBasicInfo_Rate_Limit_Enabled: true,
        UpdateOwnBasicInfo_Rate_Limit_Calls: 1,
        UpdateOwnBasicInfo_Rate_Limit_Time: 2000,
      }),
    });
    await editProfile(page, { Nickname: 'first' });
    await expect(page.getByTestId('pending-mark')).toHaveCount(0, { timeout: 15_000 });
    await editProfile(page, { Nickname: 'second' });
    await expect(page.getByTestId('pending-mark')).toHaveText('Waiting to send', { timeout: 15_000 });
    await server.dev('/_dev/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 2000 }) });
    await expect(page.getByTestId('pending-mark')).toHaveCount(0, { timeout: 20_000 });
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
  app,
  usersApi,
}) => {
  await usersApi.dev('/_dev/settings', {
    method: 'POST',
    body: JSON.stringify({
      Accounts_AllowUsernameChange: false,
      Accounts_AllowUserAvatarChange: false,
      Accounts_AllowInvisibleStatusOption: false,
    }),
  });
  await signedIn(page, app, usersApi);
  await expect(page.getByTestId('avatar-locked')).toHaveText('This workspace does not allow changing your avatar.');
  await expect(page.getByRole('button', { name: 'Change avatar…' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Edit profile' }).click();
  const form = page.getByRole('form', { name: 'Edit profile' });
  const username = form.getByLabel('Username', { exact: true });
  await expect(username).toHaveAttribute('readonly', '');
  await expect(form).toContainText('This workspace does not allow changing your username.');
  await expect(form.getByLabel('Status', { exact: true }).locator('option')).toHaveText(['Online', 'Away', 'Busy']);
  await expect(form.getByLabel('Name', { exact: true })).not.toHaveAttribute('readonly', '');
  await expectAccessible(page);
});
