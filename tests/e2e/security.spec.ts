import { TOTP } from 'otpauth';
import type { Page } from '@playwright/test';
import { demo, startTestServer, totpCode, type TestServer } from '../support/usersApiServer';
import { accountMenu, addServer, expect, expectAccessible, signIn, test, type AppUnderTest } from './support/fixtures';

type Served = { requests: { path: string; status: number }[] };

const security = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Security' }).click();
const login = (server: TestServer, user: string, password: string) =>
  fetch(`${server.url}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password }),
  });
const statuses = async (server: TestServer) => ((await server.dev('/_dev/requests')) as Served).requests.map((r) => r.status);

/** Signs in through the UI, answering the second factor when one is asked. */
async function signedIn(
  page: Page,
  app: AppUnderTest,
  server: TestServer,
  user: string,
  password: string,
  code?: () => Promise<string>,
): Promise<void> {
  await app.open(page);
  await addServer(page, server.url);
  await signIn(page, user, password);
  if (code) {
    await expect(page.getByLabel(/Authentication code|Code from the email/)).toBeVisible();
    const answer = await code();
    app.typedSecrets.push(answer);
    await page.getByLabel(/Authentication code|Code from the email/).fill(answer);
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await expect(page.getByTestId('as-of')).toContainText('As of');
  await security(page);
  await expect(page.getByTestId('two-factor-status')).toBeVisible();
}

async function changePassword(page: Page, fields: { current?: string; next: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Change password' });
  if (fields.current !== undefined) await form.getByLabel('Current password', { exact: true }).fill(fields.current);
  await form.getByLabel('New password', { exact: true }).fill(fields.next);
  await form.getByLabel('Confirm new password', { exact: true }).fill(fields.next);
  await form.getByRole('button', { name: 'Change password' }).click();
}

test.describe('password changes, one request each under the real one-a-minute limit', () => {
  let server: TestServer;
  test.beforeEach(async () => {
    server = await startTestServer({ limitUpdates: true });
  });
  test.afterEach(async () => {
    await server.close();
  });

  test('a user without 2FA: the new password works, the old does not, another session ends and this one stays', async ({ page, app }) => {
    const other = (await (await login(server, demo.plain.user, demo.plain.password)).json()) as {
      data: { userId: string; authToken: string };
    };
    app.typedSecrets.push(demo.plain.password, 'a-brand-new-pass-1');
    await signedIn(page, app, server, demo.plain.user, demo.plain.password);
    await expectAccessible(page);
    await changePassword(page, { current: demo.plain.password, next: 'a-brand-new-pass-1' });
    await expect(page.getByTestId('security-message')).toHaveText(
      'Password changed. Other devices were signed out; this one stays signed in.',
    );
    expect((await login(server, demo.plain.user, 'a-brand-new-pass-1')).status).toBe(200);
    expect((await login(server, demo.plain.user, demo.plain.password)).status).toBe(401);
    const otherMe = await fetch(`${server.url}/api/v1/me`, {
      headers: { 'X-User-Id': other.data.userId, 'X-Auth-Token': other.data.authToken },
    });
    expect(otherMe.status).toBe(401);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Home' }).click();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByTestId('signed-out-banner')).toHaveCount(0);
    await expect(page.getByTestId('refresh-error')).toHaveCount(0);
    expect(await statuses(server)).not.toContain(429);
  });

  test('a TOTP user confirms with a code from the app', async ({ page, app }) => {
    app.typedSecrets.push(demo.totp.password, 'roxie-new-pass-9');
    await signedIn(page, app, server, demo.totp.user, demo.totp.password, async () => totpCode());
    await expect(page.getByTestId('two-factor-status')).toContainText('authenticator app confirms');
    await changePassword(page, { next: 'roxie-new-pass-9' });
    const code = totpCode();
    app.typedSecrets.push(code);
    await page.getByTestId('proof-dialog').getByLabel('Code from your authenticator app, or a backup code').fill(code);
    await page.getByTestId('proof-dialog').getByRole('button', { name: 'Confirm', exact: true }).click();
    await expect(page.getByTestId('security-message')).toContainText('Password changed.');
    const fresh = (await (await login(server, demo.totp.user, 'roxie-new-pass-9')).json()) as { error?: string };
    expect(fresh.error).toBe('totp-required'); // the new password is accepted; the code is asked next
    expect((await login(server, demo.totp.user, demo.totp.password)).status).toBe(401);
    expect(((await (await login(server, demo.totp.user, demo.totp.password)).json()) as { error?: string }).error).not.toBe(
      'totp-required',
    );
    expect(await statuses(server)).not.toContain(429);
  });

  test('an email-2FA user sends a code and confirms with it', async ({ page, app }) => {
    app.typedSecrets.push(demo.email2fa.password, 'john-new-pass-9');
    await signedIn(page, app, server, demo.email2fa.user, demo.email2fa.password, () => server.latestEmailCode(demo.email2fa.email));
    await server.dev('/_dev/mailbox', { method: 'DELETE' });
    await changePassword(page, { next: 'john-new-pass-9' });
    const dialog = page.getByTestId('proof-dialog');
    await dialog.getByRole('button', { name: 'Send code' }).click();
    await expect(dialog.getByRole('status')).toContainText(`Code sent to ${demo.email2fa.email}`);
    const code = await server.latestEmailCode(demo.email2fa.email);
    app.typedSecrets.push(code);
    await dialog.getByLabel('Code from the email').fill(code);
    await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
    await expect(page.getByTestId('security-message')).toContainText('Password changed.');
    expect(((await (await login(server, demo.email2fa.user, 'john-new-pass-9')).json()) as { error?: string }).error).toBe('totp-required');
    expect(((await (await login(server, demo.email2fa.user, demo.email2fa.password)).json()) as { error?: string }).error).not.toBe(
      'totp-required',
    );
    expect(await statuses(server)).not.toContain(429);
  });

  test('a wrong current password, a policy miss and "same as current" each show on their own field', async ({ page, app }) => {
    app.typedSecrets.push(demo.plain.password, 'wrong-guess-1');
    await server.dev('/_dev/settings', {
      method: 'POST',
      body: JSON.stringify({
        Accounts_Password_Policy_Enabled: true,
        Accounts_Password_Policy_MinLength: 10,
        Accounts_Password_Policy_AtLeastOneNumber: true,
      }),
    });
    await signedIn(page, app, server, demo.plain.user, demo.plain.password);
    const form = page.getByRole('form', { name: 'Change password' });

    await form.getByLabel('New password', { exact: true }).fill('short');
    await expect(form.getByTestId('policy-checklist')).toContainText('At least 10 characters (not met yet)');
    await changePassword(page, { current: demo.plain.password, next: 'short' });
    await expect(form.getByText('The new password does not meet every rule below yet.')).toBeVisible();

    await changePassword(page, { current: demo.plain.password, next: demo.plain.password });
    await expect(form.getByText('The new password is the same as your current one.')).toBeVisible();

    await changePassword(page, { current: 'wrong-guess-1', next: 'a-good-password-7' });
    await expect(form.getByText('Your current password is not right.')).toBeVisible();
    expect(await statuses(server)).not.toContain(429);
    expect(((await server.dev('/_dev/requests')) as Served).requests.filter((r) => r.path.endsWith('updateOwnBasicInfo'))).toHaveLength(1);
  });
});

test('an email change shows the new address as not verified, and "resend confirmation" mails it', async ({ page, app, usersApi }) => {
  app.typedSecrets.push(demo.plain.password);
  await signedIn(page, app, usersApi, demo.plain.user, demo.plain.password);
  await page.getByRole('form', { name: 'Change email' }).getByLabel('New email address').fill('moved@example.com');
  await page.getByRole('button', { name: 'Change email' }).click();
  await page.getByTestId('proof-dialog').getByLabel('Current password', { exact: true }).fill(demo.plain.password);
  await page.getByTestId('proof-dialog').getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page.getByTestId('security-message')).toContainText('Email changed to moved@example.com');
  await expect(page.getByTestId('security-emails')).toContainText('moved@example.com Not verified');
  await usersApi.dev('/_dev/mailbox', { method: 'DELETE' });
  await page.getByRole('button', { name: 'Resend confirmation' }).click();
  await expect(page.getByTestId('security-message')).toContainText('A confirmation email is on its way to moved@example.com');
  const box = (await usersApi.dev('/_dev/mailbox?to=moved@example.com')) as { messages: unknown[] };
  expect(box.messages).toHaveLength(1);
});

test('authenticator setup end to end: QR, code, backup codes once; the next sign-in asks for it; it can be turned off', async ({
  page,
  app,
  usersApi,
}) => {
  app.typedSecrets.push(demo.plain.password);
  await signedIn(page, app, usersApi, demo.plain.user, demo.plain.password);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.getByTestId('proof-dialog').getByLabel('Current password', { exact: true }).fill(demo.plain.password);
  await page.getByTestId('proof-dialog').getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())!;
  const generated = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' });
  // Every code typed is checked at teardown: none may reach the data folder or the logs.
  const totp = {
    generate: () => {
      const code = generated.generate();
      app.typedSecrets.push(code);
      return code;
    },
  };
  await page.getByLabel('Code from the app').fill(totp.generate());
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('backup-codes').getByRole('listitem')).toHaveCount(12);
  // Beside the fresh backup codes the status already says what was just done.
  await expect(page.getByTestId('two-factor-status')).toContainText('authenticator app confirms');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'I have kept them' }).click();
  await expect(page.getByTestId('backup-codes')).toHaveCount(0);
  await expect(page.getByTestId('two-factor-status')).toContainText('authenticator app confirms');

  // The next sign-in asks for a code from the app.
  await (await accountMenu(page, 'demouser')).getByRole('menuitem', { name: 'Sign out' }).click();
  await (await accountMenu(page, 'demouser')).getByRole('menuitem', { name: 'Sign in again' }).click();
  await page.getByLabel('Password', { exact: true }).fill(demo.plain.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await page.getByLabel('Authentication code').fill(totp.generate());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('as-of')).toBeVisible();

  await security(page);
  await page.getByRole('button', { name: 'Turn off the authenticator app' }).click();
  await page.getByTestId('proof-dialog').getByLabel('Code from your authenticator app, or a backup code').fill(totp.generate());
  await page.getByTestId('proof-dialog').getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page.getByTestId('security-message')).toHaveText('Authenticator app turned off.');
  await expect(page.getByTestId('two-factor-status')).toContainText('your password confirms');
});

test('with the server stopped, every action on the Security screen is off and says why', async ({ page, app }) => {
  const server = await startTestServer();
  await app.open(page);
  await addServer(page, server.url);
  await signIn(page, demo.plain.user, demo.plain.password);
  await expect(page.getByTestId('as-of')).toContainText('As of');
  await server.close();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await security(page);
  await expect(page.getByTestId('security-unavailable')).toContainText('cannot be reached now');
  for (const name of ['Set up an authenticator app', 'Change password', 'Change email', 'Sign out other devices']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeDisabled();
  }
  await expect(page.getByLabel('New password', { exact: true })).toBeDisabled();
  await expectAccessible(page);
});

test('an email-2FA user sets up an authenticator, confirming again with a new emailed code', async ({ page, app, usersApi }) => {
  app.typedSecrets.push(demo.email2fa.password);
  await signedIn(page, app, usersApi, demo.email2fa.user, demo.email2fa.password, () => usersApi.latestEmailCode(demo.email2fa.email));
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const dialog = page.getByTestId('proof-dialog');
  await dialog.getByRole('button', { name: 'Send code' }).click();
  await expect(dialog.getByRole('status')).toContainText('Code sent');
  const first = await usersApi.latestEmailCode(demo.email2fa.email);
  app.typedSecrets.push(first);
  await dialog.getByLabel('Code from the email').fill(first);
  await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!;
  const totp = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' });
  await page.getByLabel('Code from the app').fill(totp.generate());
  await page.getByRole('button', { name: 'Turn on' }).click();
  // The first emailed code is used up: the server asks again and has mailed a new one.
  await expect(page.getByTestId('proof-dialog')).toBeVisible();
  const second = await usersApi.latestEmailCode(demo.email2fa.email);
  expect(second).not.toBe(first);
  app.typedSecrets.push(second);
  await page.getByTestId('proof-dialog').getByLabel('Code from the email').fill(second);
  await page.getByTestId('proof-dialog').getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page.getByTestId('backup-codes').getByRole('listitem')).toHaveCount(12);
});

test('a wrong code leaves the authenticator app on, and the dialog says so', async ({ page, app, usersApi }) => {
  app.typedSecrets.push(demo.totp.password);
  await signedIn(page, app, usersApi, demo.totp.user, demo.totp.password, async () => totpCode());
  await page.getByRole('button', { name: 'Turn off the authenticator app' }).click();
  const dialog = page.getByTestId('proof-dialog');
  await dialog.getByLabel('Code from your authenticator app, or a backup code').fill('000000');
  await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(dialog).toContainText('That code is not right, so the authenticator app is still on.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('security-message')).toHaveCount(0);
  await expect(page.getByTestId('two-factor-status')).toContainText('authenticator app confirms');
});

test('what this workspace and release do not allow is not offered, and the screen says why', async ({ page, app }) => {
  const server = await startTestServer({ compat: '8.6' });
  try {
    await server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify({ Accounts_AllowPasswordChange: false }) });
    app.typedSecrets.push(demo.plain.password);
    await signedIn(page, app, server, demo.plain.user, demo.plain.password);
    await expect(page.getByTestId('authenticator-blocked')).toHaveText(
      'This server runs Rocket.Chat 8.6, which cannot set up or turn off an authenticator app from other apps: that came in Rocket.Chat 8.8.',
    );
    await expect(page.getByRole('button', { name: 'Set up an authenticator app' })).toHaveCount(0);
    await expect(page.getByTestId('password-blocked')).toHaveText('This workspace does not allow changing your password.');
    await expect(page.getByRole('form', { name: 'Change password' })).toHaveCount(0);
    await expectAccessible(page);
  } finally {
    await server.close();
  }
});
