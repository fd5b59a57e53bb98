import { demo } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';
import { DeviceSessionsPanel } from './support/pages/deviceSessionsPanel';

const ANDROID = 'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/** demouser signing in from a phone, outside the app: that phone's session. */
async function phoneSignIn(url: string): Promise<{ userId: string; authToken: string }> {
  const reply = await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': ANDROID },
    body: JSON.stringify({ user: demo.plain.user, password: demo.plain.password }),
  });
  return ((await reply.json()) as { data: { userId: string; authToken: string } }).data;
}

const meStatus = async (url: string, session: { userId: string; authToken: string }) =>
  (await fetch(`${url}/api/v1/me`, { headers: { 'X-User-Id': session.userId, 'X-Auth-Token': session.authToken } })).status;

test('where the server lists devices: this computer marked, another device signed out, its token ends and ours stays', async ({
  page,
  signedIn: ui,
  usersApi,
}) => {
  const phone = await phoneSignIn(usersApi.url);
  const devices = new DeviceSessionsPanel(page);
  await ui.security.open();
  await expect(devices.list).toHaveAccessibleName(new RegExp(`^Signed-in devices of ${demo.plain.user} on `));
  await expect(devices.thisComputer).toHaveCount(1);
  await expect(devices.thisComputer.getByRole('button')).toHaveCount(0);
  // The demo seed's two other devices, and the phone just now.
  await expect(devices.row('Windows 10.0')).toContainText('Firefox 133.0');
  await expect(devices.row('iOS 18.1 (mobile)')).toContainText('From 198.51.100.7.');
  await expect(devices.row('Android 15 (mobile)')).toContainText('Signed in just now.');
  await expectAccessible(page);

  const asked = await devices.signOut('Android 15 (mobile)');
  expect(asked).toContain(`will be signed out of ${demo.plain.user} on`);
  await expect(devices.answer).toHaveText('That device is signed out. It needs the password to sign in again.');
  await expect(devices.row('Android 15 (mobile)')).toHaveCount(0);
  expect(await meStatus(usersApi.url, phone)).toBe(401);
  // This computer is still signed in: the list is read again with its token.
  await expect(devices.thisComputer).toHaveCount(1);
  await expect(devices.signOutOthers).toBeEnabled();

  const served = await usersApi.requests();
  expect(served.filter((r) => r.path === '/api/v1/sessions/logout.me').map((r) => r.status)).toEqual([200]);
  expect(served.map((r) => r.status)).not.toContain(429);
});

test('where it does not: no list, and "Sign out other devices" as before', async ({ page, signedIn: ui, usersApi }) => {
  await usersApi.changeSettings({ Dev_License_Device_Management: false });
  const devices = new DeviceSessionsPanel(page);
  await ui.security.open();
  await expect(devices.signOutOthers).toBeEnabled();
  await expect
    .poll(async () => (await usersApi.requests()).filter((r) => r.path === '/api/v1/sessions/list').map((r) => r.status))
    .toContain(400);
  await expect(devices.list).toHaveCount(0);
});
