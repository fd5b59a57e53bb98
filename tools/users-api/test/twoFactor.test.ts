// §5 two-factor routes: sendEmailCode, TOTP enrolment, email 2FA switches.
import * as OTPAuth from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, sha256, start, totpCode } from './helpers';
import type { Client, Session } from './helpers';

let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

const passwordProof = (password: string) => ({ 'x-2fa-code': sha256(password), 'x-2fa-method': 'password' });

describe('POST users.2fa.sendEmailCode', () => {
  it('mails every verified address, always answers success, and serves a logged-in caller', async () => {
    const res = await c.post('/api/v1/users.2fa.sendEmailCode', { emailOrUsername: 'test.john@TEST.com' });
    expect(res.json).toEqual({ success: true });
    const [mail] = await c.mailbox(DEMO.john.email);
    expect(mail).toMatchObject({ subject: 'Authentication code', to: DEMO.john.email });
    expect(mail?.text).toContain(mail?.code ?? 'missing');
    expect((await c.post('/api/v1/users.2fa.sendEmailCode', { emailOrUsername: 'nobody' })).json).toEqual({ success: true });
    const demo = await c.loginDemo();
    await c.post('/api/v1/users.2fa.sendEmailCode', { emailOrUsername: 'test.john' }, demo);
    expect(await c.mailbox(DEMO.demouser.email)).toHaveLength(1);
    const missing = await c.post('/api/v1/users.2fa.sendEmailCode', {});
    expect(missing.json).toEqual({ success: false, error: "must have required property 'emailOrUsername'", errorType: 'invalid-params' });
  });
});

describe('TOTP enrolment', () => {
  it('enableTotp → validateTotp → login with TOTP → codes remaining → regenerate → disable', async () => {
    const demo = await c.loginDemo();
    const other = await c.loginDemo();
    const enable = await c.post('/api/v1/users.enableTotp', {}, demo, passwordProof('demo-pass-1'));
    expect(enable.status).toBe(200);
    const { secret, url } = enable.json as { secret: string; url: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const parsed = OTPAuth.URI.parse(url);
    // The otpauth label is `Rocket.Chat:<username>` (§5): issuer prefix + account name.
    expect(url.startsWith('otpauth://totp/Rocket.Chat%3Ademouser?')).toBe(true);
    expect(parsed.issuer).toBe('Rocket.Chat');
    expect(parsed.label).toBe('demouser');
    expect(parsed.secret.base32).toBe(secret);

    const missing = await c.post('/api/v1/users.validateTotp', {}, demo, passwordProof('demo-pass-1'));
    expect(missing.json).toEqual({ success: false, error: "must have required property 'code'", errorType: 'invalid-params' });
    const bad = await c.post('/api/v1/users.validateTotp', { code: '000000' }, demo, passwordProof('demo-pass-1'));
    expect(bad.json.errorType).toBe('invalid-totp');
    const validated = await c.post('/api/v1/users.validateTotp', { code: totpCode(secret) }, demo, passwordProof('demo-pass-1'));
    expect(validated.status).toBe(200);
    const codes = validated.json.codes as string[];
    expect(codes).toHaveLength(12);
    for (const code of codes) expect(code).toHaveLength(8);
    // validateTotp logs out the other non-PAT sessions.
    expect((await c.get('/api/v1/me', other)).status).toBe(401);

    const challenge = await c.post('/api/v1/login', { user: 'demouser', password: 'demo-pass-1' });
    expect(challenge.json.details.method).toBe('totp');
    expect((await c.login('demouser', 'demo-pass-1', codes[0])).authToken).toBeTruthy();
    expect((await c.get('/api/v1/users.totpCodesRemaining', demo)).json).toEqual({ remaining: 11, success: true });

    const regenerated = await c.post('/api/v1/users.regenerateTotpCodes', { code: totpCode(secret) }, demo);
    expect(regenerated.json.codes).toHaveLength(12);
    expect((await c.get('/api/v1/users.totpCodesRemaining', demo)).json.remaining).toBe(12);

    // A wrong code is no error: a 200 that says nothing was turned off.
    const wrong = await c.post('/api/v1/users.disableTotp', { code: '123456' }, demo);
    expect(wrong.status).toBe(200);
    expect(wrong.json).toEqual({ disabled: false, success: true });
    expect((await c.post('/api/v1/login', { user: 'demouser', password: 'demo-pass-1' })).json.error).toBe('totp-required');
    expect((await c.post('/api/v1/users.disableTotp', { code: totpCode(secret) }, demo)).json).toEqual({ disabled: true, success: true });
    expect((await c.post('/api/v1/login', { user: 'demouser', password: 'demo-pass-1' })).status).toBe(200);
    expect((await c.post('/api/v1/users.disableTotp', { code: totpCode(secret) }, demo)).json).toEqual({ disabled: false, success: true });
  });

  it('the TOTP user proves enableTotp with a TOTP header or, named explicitly, an emailed code, and hears the app is on already', async () => {
    const roxie = await c.loginRoxie();
    const viaTotp = await c.post('/api/v1/users.enableTotp', {}, roxie, { 'x-2fa-code': totpCode(), 'x-2fa-method': 'totp' });
    expect(viaTotp.json).toEqual({ success: false, error: '[error-2fa-already-enabled]', errorType: 'error-2fa-already-enabled' });
    const challenge = await c.post('/api/v1/users.enableTotp', {}, roxie, { 'x-2fa-code': '000000', 'x-2fa-method': 'email' });
    expect(challenge.json).toMatchObject({ errorType: 'totp-invalid', details: { method: 'email', codeGenerated: true } });
    const code = await c.lastCode(DEMO.roxie.email);
    const viaEmail = await c.post('/api/v1/users.enableTotp', {}, roxie, { 'x-2fa-code': code, 'x-2fa-method': 'email' });
    expect(viaEmail.json.errorType).toBe('error-2fa-already-enabled');
  });

  it('an OAuth user gets no emailed codes as a second factor when the workspace keeps them from OAuth users', async () => {
    const octo = (await c.call('POST', '/_dev/users/GitHubOctoUser5Lm/tokens')).json as Session;
    await c.call('POST', '/_dev/users/GitHubOctoUser5Lm', { body: { email2fa: true } });
    expect((await c.post('/api/v1/users.enableTotp', {}, octo)).json.details).toMatchObject({
      method: 'email',
      availableMethods: ['email'],
    });
    await c.settings({ Accounts_twoFactorAuthentication_email_available_for_OAuth_users: false });
    try {
      // No second factor left, and no password to fall back to: the route passes without one.
      expect((await c.post('/api/v1/users.enableTotp', {}, octo)).status).toBe(200);
    } finally {
      await c.settings({ Accounts_twoFactorAuthentication_email_available_for_OAuth_users: true });
    }
  });
});

describe('email 2FA switches', () => {
  it('enableEmail turns it on (other sessions out); disableEmail needs a code', async () => {
    const demo = await c.loginDemo();
    const other = await c.loginDemo();
    expect((await c.post('/api/v1/users.2fa.enableEmail', {}, demo)).json).toEqual({ success: true });
    expect((await c.get('/api/v1/me', other)).status).toBe(401);
    const challenge = await c.post('/api/v1/login', { user: 'demouser', password: 'demo-pass-1' });
    expect(challenge.json.details.method).toBe('email');

    const gate = await c.post('/api/v1/users.2fa.disableEmail', {}, demo);
    expect(gate.json).toMatchObject({ errorType: 'totp-required', details: { method: 'email' } });
    const code = await c.lastCode(DEMO.demouser.email);
    const off = await c.post('/api/v1/users.2fa.disableEmail', {}, demo, { 'x-2fa-code': code, 'x-2fa-method': 'email' });
    expect(off.json).toEqual({ success: true });
    expect((await c.post('/api/v1/login', { user: 'demouser', password: 'demo-pass-1' })).status).toBe(200);
  });

  it('enableEmail refuses while any address is unverified, even beside a verified one', async () => {
    const demo = await c.loginDemo();
    const emails = [
      { address: DEMO.demouser.email, verified: true },
      { address: 'second@example.com', verified: false },
    ];
    await c.call('POST', `/_dev/users/${demo.userId}`, { body: { emails } });
    const refused = await c.post('/api/v1/users.2fa.enableEmail', {}, demo);
    expect(refused.json).toEqual({
      success: false,
      error: 'You need to verify your emails before setting up 2FA [error-invalid-user]',
      errorType: 'error-invalid-user',
      details: { method: '2fa:enableEmail' },
    });
    await c.call('POST', `/_dev/users/${demo.userId}`, { body: { emails: [] } });
    expect((await c.post('/api/v1/users.2fa.enableEmail', {}, demo)).json).toEqual({ success: true });
  });

  it('logs which second factor a request carried, never the code', async () => {
    const john = await c.loginJohn();
    await c.post('/api/v1/users.2fa.sendEmailCode', { emailOrUsername: 'test.john' });
    const code = await c.lastCode(DEMO.john.email);
    await c.post('/api/v1/users.2fa.disableEmail', {}, john, { 'x-2fa-code': code, 'x-2fa-method': 'email' });
    const log = (await c.call('GET', '/_dev/requests')).json as { requests: { path: string; secondFactor?: string }[] };
    const entry = log.requests.find((r) => r.path === '/api/v1/users.2fa.disableEmail');
    expect(entry?.secondFactor).toBe('email');
    expect(JSON.stringify(log)).not.toContain(code);
  });
});
