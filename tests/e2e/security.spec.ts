import { TOTP } from 'otpauth';
import { demo, startTestServer, totpCode, type TestServer } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';
import type { AppWindow, Person } from './support/pages/appWindow';

const login = (server: TestServer, user: string, password: string) =>
  fetch(`${server.url}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password }),
  });
const statuses = async (server: TestServer) => (await server.requests()).map((r) => r.status);

/** Signs in (answering the second factor with `code` when one is asked) and opens Security. */
async function onSecurity(ui: AppWindow, server: TestServer, person: Person, code?: () => Promise<string>): Promise<void> {
  await ui.open();
  await ui.signInAs(server.url, person, code ? { code } : {});
  await ui.security.open();
  await expect(ui.security.twoFactorStatus).toBeVisible();
}

test.describe('password changes, one request each under the real one-a-minute limit', () => {
  let server: TestServer;
  test.beforeEach(async () => {
    server = await startTestServer({ limitUpdates: true });
  });
  test.afterEach(async () => {
    await server.close();
  });

  test('a user without 2FA: the new password works, the old does not, another session ends and this one stays', async ({
    page,
    app,
    ui,
  }) => {
    const other = (await (await login(server, demo.plain.user, demo.plain.password)).json()) as {
      data: { userId: string; authToken: string };
    };
    app.typedSecrets.push(demo.plain.password, 'a-brand-new-pass-1');
    await onSecurity(ui, server, demo.plain);
    await expectAccessible(page);
    await ui.security.changePassword({ current: demo.plain.password, next: 'a-brand-new-pass-1' });
    await expect(ui.security.message).toHaveText('Password changed. Other devices were signed out; this one stays signed in.');
    expect((await login(server, demo.plain.user, 'a-brand-new-pass-1')).status).toBe(200);
    expect((await login(server, demo.plain.user, demo.plain.password)).status).toBe(401);
    const otherMe = await fetch(`${server.url}/api/v1/me`, {
      headers: { 'X-User-Id': other.data.userId, 'X-Auth-Token': other.data.authToken },
    });
    expect(otherMe.status).toBe(401);
    await ui.home.open();
    await ui.home.refresh();
    await expect(ui.home.signedOutBanner).toHaveCount(0);
    await expect(ui.home.refreshError).toHaveCount(0);
    expect(await statuses(server)).not.toContain(429);
  });

  test('a TOTP user confirms with a code from the app', async ({ app, ui }) => {
    app.typedSecrets.push(demo.totp.password, 'roxie-new-pass-9');
    await onSecurity(ui, server, demo.totp, async () => totpCode());
    await expect(ui.security.twoFactorStatus).toContainText('authenticator app confirms');
    await ui.security.changePassword({ next: 'roxie-new-pass-9' });
    const code = totpCode();
    app.typedSecrets.push(code);
    await ui.security.confirmWithAppCode(code);
    await expect(ui.security.message).toContainText('Password changed.');
    const fresh = (await (await login(server, demo.totp.user, 'roxie-new-pass-9')).json()) as { error?: string };
    expect(fresh.error).toBe('totp-required'); // the new password is accepted; the code is asked next
    expect((await login(server, demo.totp.user, demo.totp.password)).status).toBe(401);
    expect(((await (await login(server, demo.totp.user, demo.totp.password)).json()) as { error?: string }).error).not.toBe(
      'totp-required',
    );
    expect(await statuses(server)).not.toContain(429);
  });

  test('an email-2FA user sends a code and confirms with it', async ({ app, ui }) => {
    app.typedSecrets.push(demo.email2fa.password, 'john-new-pass-9');
    await onSecurity(ui, server, demo.email2fa, () => server.latestEmailCode(demo.email2fa.email));
    await server.emptyMailbox();
    await ui.security.changePassword({ next: 'john-new-pass-9' });
    const dialog = ui.security.proofDialog;
    await dialog.getByRole('button', { name: 'Send code' }).click();
    await expect(dialog.getByRole('status')).toContainText(`Code sent to ${demo.email2fa.email}`);
    const code = await server.latestEmailCode(demo.email2fa.email);
    app.typedSecrets.push(code);
    await ui.security.confirmWithEmailedCode(code);
    await expect(ui.security.message).toContainText('Password changed.');
    expect(((await (await login(server, demo.email2fa.user, 'john-new-pass-9')).json()) as { error?: string }).error).toBe('totp-required');
    expect(((await (await login(server, demo.email2fa.user, demo.email2fa.password)).json()) as { error?: string }).error).not.toBe(
      'totp-required',
    );
    expect(await statuses(server)).not.toContain(429);
  });

  test('a wrong current password, a policy miss and "same as current" each show on their own field', async ({ app, ui }) => {
    app.typedSecrets.push(demo.plain.password, 'wrong-guess-1');
    await server.changeSettings({
      Accounts_Password_Policy_Enabled: true,
      Accounts_Password_Policy_MinLength: 10,
      Accounts_Password_Policy_AtLeastOneNumber: true,
    });
    await onSecurity(ui, server, demo.plain);
    const form = ui.security.passwordForm;

    await form.getByLabel('New password', { exact: true }).fill('short');
    await expect(form.getByTestId('policy-checklist')).toContainText('At least 10 characters (not met yet)');
    await ui.security.changePassword({ current: demo.plain.password, next: 'short' });
    await expect(form.getByText('The new password does not meet every rule below yet.')).toBeVisible();

    await ui.security.changePassword({ current: demo.plain.password, next: demo.plain.password });
    await expect(form.getByText('The new password is the same as your current one.')).toBeVisible();

    await ui.security.changePassword({ current: 'wrong-guess-1', next: 'a-good-password-7' });
    await expect(form.getByText('Your current password is not right.')).toBeVisible();
    expect(await statuses(server)).not.toContain(429);
    expect((await server.requests()).filter((r) => r.path.endsWith('updateOwnBasicInfo'))).toHaveLength(1);
  });
});

test('an email change shows the new address as not verified, and "resend confirmation" mails it', async ({ page, app, ui, usersApi }) => {
  app.typedSecrets.push(demo.plain.password);
  await onSecurity(ui, usersApi, demo.plain);
  await page.getByRole('form', { name: 'Change email' }).getByLabel('New email address').fill('moved@example.com');
  await page.getByRole('button', { name: 'Change email' }).click();
  await ui.security.confirmWithPassword(demo.plain.password);
  await expect(ui.security.message).toContainText('Email changed to moved@example.com');
  await expect(page.getByTestId('security-emails')).toContainText('moved@example.com Not verified');
  await usersApi.emptyMailbox();
  await page.getByRole('button', { name: 'Resend confirmation' }).click();
  await expect(ui.security.message).toContainText('A confirmation email is on its way to moved@example.com');
  expect(await usersApi.mailbox('moved@example.com')).toHaveLength(1);
});

test('authenticator setup end to end: QR, code, backup codes once; the next sign-in asks for it; it can be turned off', async ({
  page,
  app,
  ui,
  usersApi,
}) => {
  app.typedSecrets.push(demo.plain.password);
  await onSecurity(ui, usersApi, demo.plain);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await ui.security.confirmWithPassword(demo.plain.password);
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
  await page.getByRole('button', { name: 'Turn on', exact: true }).click();
  await expect(page.getByTestId('backup-codes').getByRole('listitem')).toHaveCount(12);
  // Beside the fresh backup codes the status already says what was just done.
  await expect(ui.security.twoFactorStatus).toContainText('authenticator app confirms');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'I have kept them' }).click();
  await expect(page.getByTestId('backup-codes')).toHaveCount(0);
  await expect(ui.security.twoFactorStatus).toContainText('authenticator app confirms');

  // The next sign-in asks for a code from the app.
  await ui.accounts.choose('demouser', 'Sign out');
  await ui.accounts.choose('demouser', 'Sign in again');
  await ui.signIn.submitPassword(demo.plain.password);
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await ui.signIn.enterCode(totp.generate());
  await expect(ui.home.asOf).toBeVisible();

  await ui.security.open();
  await page.getByRole('button', { name: 'Turn off the authenticator app' }).click();
  await ui.security.confirmWithAppCode(totp.generate());
  await expect(ui.security.message).toHaveText('Authenticator app turned off.');
  await expect(ui.security.twoFactorStatus).toContainText('your password confirms');
});

test('with the server stopped, every action on the Security screen is off and says why', async ({ page, ui }) => {
  const server = await startTestServer();
  await ui.open();
  await ui.signInAs(server.url, demo.plain);
  await server.close();
  await ui.home.refresh();
  await expect(ui.home.offlineBanner).toBeVisible();
  await ui.security.open();
  await expect(page.getByTestId('security-unavailable')).toContainText('cannot be reached now');
  for (const name of ['Set up an authenticator app', 'Change password', 'Change email', 'Sign out other devices']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeDisabled();
  }
  await expect(page.getByLabel('New password', { exact: true })).toBeDisabled();
  await expectAccessible(page);
});

test('an email-2FA user sets up an authenticator, confirming again with a new emailed code', async ({ page, app, ui, usersApi }) => {
  app.typedSecrets.push(demo.email2fa.password);
  await onSecurity(ui, usersApi, demo.email2fa, () => usersApi.latestEmailCode(demo.email2fa.email));
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const dialog = ui.security.proofDialog;
  await dialog.getByRole('button', { name: 'Send code' }).click();
  await expect(dialog.getByRole('status')).toContainText('Code sent');
  const first = await usersApi.latestEmailCode(demo.email2fa.email);
  app.typedSecrets.push(first);
  await ui.security.confirmWithEmailedCode(first);
  const secret = (await page.getByTestId('totp-secret').textContent())!;
  const totp = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' });
  await page.getByLabel('Code from the app').fill(totp.generate());
  await page.getByRole('button', { name: 'Turn on', exact: true }).click();
  // The first emailed code is used up: the server asks again and has mailed a new one.
  await expect(ui.security.proofDialog).toBeVisible();
  const second = await usersApi.latestEmailCode(demo.email2fa.email);
  expect(second).not.toBe(first);
  app.typedSecrets.push(second);
  await ui.security.confirmWithEmailedCode(second);
  await expect(page.getByTestId('backup-codes').getByRole('listitem')).toHaveCount(12);
});

test('a wrong code leaves the authenticator app on, and the dialog says so', async ({ page, app, ui, usersApi }) => {
  app.typedSecrets.push(demo.totp.password);
  await onSecurity(ui, usersApi, demo.totp, async () => totpCode());
  await page.getByRole('button', { name: 'Turn off the authenticator app' }).click();
  const dialog = ui.security.proofDialog;
  await ui.security.confirmWithAppCode('000000');
  await expect(dialog).toContainText('That code is not right, so the authenticator app is still on.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(ui.security.message).toHaveCount(0);
  await expect(ui.security.twoFactorStatus).toContainText('authenticator app confirms');
});

test('what this workspace and release do not allow is not offered, and the screen says why', async ({ page, app, ui }) => {
  const server = await startTestServer({ compat: '8.6' });
  try {
    await server.changeSettings({ Accounts_AllowPasswordChange: false });
    app.typedSecrets.push(demo.plain.password);
    await onSecurity(ui, server, demo.plain);
    await expect(page.getByTestId('authenticator-blocked')).toHaveText(
      'This server runs Rocket.Chat 8.6, which cannot set up or turn off an authenticator app from other apps: that came in Rocket.Chat 8.8.',
    );
    await expect(page.getByRole('button', { name: 'Set up an authenticator app' })).toHaveCount(0);
    await expect(page.getByTestId('password-blocked')).toHaveText('This workspace does not allow changing your password.');
    await expect(ui.security.passwordForm).toHaveCount(0);
    await expectAccessible(page);
  } finally {
    await server.close();
  }
});

test('a change the one-a-minute limit would refuse says when it can be made, and asks for no proof before then', async ({
  page,
  app,
  signedIn,
  usersApi,
}) => {
  app.typedSecrets.push(demo.plain.password);
  await usersApi.changeSettings({ UpdateOwnBasicInfo_Rate_Limit_Enabled: true });
  await signedIn.security.open();
  await signedIn.security.changeEmail('moved@example.com');
  await signedIn.security.confirmWithPassword(demo.plain.password);
  await expect(signedIn.security.message).toContainText('Email changed to moved@example.com');
  const changes = async () => (await usersApi.requests()).filter((r) => r.path === '/api/v1/users.updateOwnBasicInfo').length;
  const sent = await changes();

  await signedIn.security.changeEmail('moved.again@example.com');
  await expect(signedIn.security.changeWait('email')).toContainText(/^You can change your email in \d+ seconds\./);
  await expect(signedIn.security.proofDialog).toBeHidden();
  await expectAccessible(page);
  expect(await changes()).toBe(sent);
  expect(await statuses(usersApi)).not.toContain(429);
});
