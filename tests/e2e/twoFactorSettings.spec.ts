import fs from 'node:fs';
import { demo, totpCode } from '../support/usersApiServer';
import type { TestServer } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';

/** The requests that turned codes by email off, as the server logged them: status and the second factor they carried. */
const disableRequests = async (server: TestServer) =>
  (await server.requests()).filter((r) => r.path === '/api/v1/users.2fa.disableEmail').map((r) => [r.status, r.secondFactor]);
const statuses = async (server: TestServer) => (await server.requests()).map((r) => r.status);
const login = (server: TestServer, user: string, password: string, code?: string) =>
  fetch(`${server.url}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password, ...(code ? { code } : {}) }),
  });

test('a user without 2FA turns codes by email on, then off with the code mailed, in one request', async ({
  page,
  app,
  signedIn: ui,
  usersApi,
}) => {
  app.typedSecrets.push(demo.plain.password);
  await ui.security.open();
  await expect(ui.security.emailCodesStatus).toHaveText('Off: the server does not email you codes to confirm sign-ins.');
  const asked = await ui.security.turnOnEmailCodes();
  expect(asked).toContain(`Sign-ins of demouser on `);
  await expect(ui.security.message).toHaveText('Emailed codes turned on. Other devices were signed out; this one stays signed in.');
  await expect(ui.security.emailCodesStatus).toContainText('On:');
  await expect(ui.security.twoFactorStatus).toContainText('a code sent to your email confirms');
  await expectAccessible(page);

  await usersApi.forgetRequests();
  await ui.security.turnOffEmailCodes();
  await expect(ui.security.proofDialog).toContainText('Turning off codes by email for demouser on ');
  await ui.security.sendEmailedCode();
  const code = await usersApi.latestEmailCode(demo.plain.email);
  app.typedSecrets.push(code);
  await ui.security.confirmWithEmailedCode(code);
  await expect(ui.security.message).toHaveText('Emailed codes turned off.');
  await expect(ui.security.emailCodesStatus).toContainText('Off:');
  expect(await disableRequests(usersApi)).toEqual([[200, 'email']]);
  expect((await login(usersApi, demo.plain.user, demo.plain.password)).status).toBe(200);
  expect(await statuses(usersApi)).not.toContain(429);
});

test('an email-2FA user turns codes by email off with the mailed code, carried by the first request', async ({ app, ui, usersApi }) => {
  app.typedSecrets.push(demo.email2fa.password);
  await ui.open();
  await ui.signInAs(usersApi.url, demo.email2fa, { code: () => usersApi.latestEmailCode(demo.email2fa.email) });
  await ui.security.open();
  await expect(ui.security.emailCodesStatus).toContainText('On:');
  await usersApi.emptyMailbox();
  await usersApi.forgetRequests();
  await ui.security.turnOffEmailCodes();
  await ui.security.sendEmailedCode();
  const code = await usersApi.latestEmailCode(demo.email2fa.email);
  app.typedSecrets.push(code);
  await ui.security.confirmWithEmailedCode(code);
  await expect(ui.security.message).toHaveText('Emailed codes turned off.');
  await expect(ui.security.twoFactorStatus).toContainText('your password confirms');
  expect(await disableRequests(usersApi)).toEqual([[200, 'email']]);
  expect(await statuses(usersApi)).not.toContain(429);
});

test('a TOTP user sees backup codes run low, makes new ones (shown once, saved to a file, never on disk), and turns emailed codes off', async ({
  page,
  app,
  ui,
  usersApi,
}) => {
  app.typedSecrets.push(demo.totp.password, 'rx7Kp2Qa');
  await ui.open();
  await ui.signInAs(usersApi.url, demo.totp, { code: async () => totpCode() });
  await ui.security.open();
  await expect(ui.security.backupCodesLeft).toHaveText('4 backup codes left.');
  await expect(ui.security.backupCodesWarning).toHaveCount(0);

  // A sign-in elsewhere with a backup code spends one: three left is few.
  expect((await login(usersApi, demo.totp.user, demo.totp.password, 'rx7Kp2Qa')).status).toBe(200);
  await ui.home.open();
  await ui.security.open();
  await expect(ui.security.backupCodesLeft).toHaveText('3 backup codes left.');
  await expect(ui.security.backupCodesWarning).toHaveText('Only 3 backup codes left. Make new ones before they run out.');

  const confirm = totpCode();
  app.typedSecrets.push(confirm);
  const shownOnce = await ui.security.makeNewBackupCodes(confirm);
  expect(shownOnce).toHaveLength(12);
  // Every code shown once is checked at teardown: none may reach the data folder or the logs.
  app.typedSecrets.push(...shownOnce);
  await expect(page.getByRole('heading', { name: /^New backup codes for Funke Olasupo \(roxie\) on / })).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save to a file' }).click();
  const saved = fs.readFileSync((await (await download).path())!, 'utf8');
  expect(saved).toContain('Backup codes for Funke Olasupo (roxie) on ');
  for (const code of shownOnce) expect(saved).toContain(code);
  await ui.security.keptBackupCodes();
  await expect(ui.security.shownBackupCodes).toHaveCount(0);
  await expect(ui.security.message).toHaveText('New backup codes made. The old ones no longer work.');
  await expect(ui.security.backupCodesLeft).toHaveText('12 backup codes left.');
  await expect(ui.security.backupCodesWarning).toHaveCount(0);

  await usersApi.forgetRequests();
  await ui.security.turnOffEmailCodes();
  const appCode = totpCode();
  app.typedSecrets.push(appCode);
  await ui.security.confirmWithAppCode(appCode);
  await expect(ui.security.message).toHaveText('Emailed codes turned off.');
  await expect(ui.security.emailCodesStatus).toContainText('Off:');
  expect(await disableRequests(usersApi)).toEqual([[200, 'totp']]);
  expect(await statuses(usersApi)).not.toContain(429);
});
