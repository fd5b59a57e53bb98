// §4 users.updateOwnBasicInfo: schema, 2FA gate, effects, rate limit. The error
// strings of every step are in errorStrings.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, sha256, start, totpCode } from './helpers';
import type { Client, Session } from './helpers';

const PATH = '/api/v1/users.updateOwnBasicInfo';
let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

const update = (who: Session, data: Record<string, unknown>, extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  c.post(PATH, { data, ...extra }, who, headers);

describe('schema (a typed body: no suffix on the current line; the 7.x form is in validators.test.ts)', () => {
  it('rejects unknown keys in data (data.firstName) with invalid-params', async () => {
    const res = await update(await c.loginDemo(), { firstName: 'Demo' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      success: false,
      error: 'must NOT have additional properties',
      errorType: 'invalid-params',
    });
  });

  it('requires data, refuses non-string values, coerces numbers', async () => {
    const session = await c.loginDemo();
    const missing = await c.post(PATH, {}, session);
    expect(missing.json).toEqual({
      success: false,
      error: "must have required property 'data'",
      errorType: 'invalid-params',
    });
    expect((await update(session, { nickname: { x: 1 } })).json.error).toBe('must be string');
    const coerced = await update(session, { nickname: 42 });
    expect(coerced.status).toBe(200);
    expect(coerced.json.user.nickname).toBe('42');
  });
});

describe('2FA gate', () => {
  it('password change without proof: 400 totp-required with method password (user without 2FA)', async () => {
    const res = await update(await c.loginDemo(), { newPassword: 'brand-new-1' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      success: false,
      error: 'TOTP Required [totp-required]',
      errorType: 'totp-required',
      details: { method: 'password', codeGenerated: false, availableMethods: [] },
    });
  });

  it('after a password change the other tokens answer 401 and the caller keeps working', async () => {
    const caller = await c.loginDemo();
    const other = await c.loginDemo();
    const res = await update(caller, { newPassword: 'brand-new-1', currentPassword: sha256('demo-pass-1') });
    expect(res.status).toBe(200);
    expect((await c.get('/api/v1/me', other)).status).toBe(401);
    expect((await c.get('/api/v1/me', caller)).status).toBe(200);
    expect((await c.post('/api/v1/login', { user: 'demouser', password: 'demo-pass-1' })).status).toBe(401);
    expect((await c.post('/api/v1/login', { user: 'demouser', password: 'brand-new-1' })).status).toBe(200);
  });

  it('TOTP user: currentPassword is checked as a TOTP code; the header pair works', async () => {
    const roxie = await c.loginRoxie();
    const viaPassword = await update(roxie, { email: 'funke@new.example.com', currentPassword: sha256('roxie-pass-1') });
    expect(viaPassword.json).toMatchObject({
      error: 'TOTP Invalid [totp-invalid]',
      errorType: 'totp-invalid',
      details: { method: 'totp' },
    });
    const onlyCode = await update(roxie, { email: 'funke@new.example.com' }, {}, { 'x-2fa-code': totpCode() });
    expect(onlyCode.json.errorType).toBe('totp-required');
    const ok = await update(roxie, { email: 'funke@new.example.com' }, {}, { 'x-2fa-code': totpCode(), 'x-2fa-method': 'totp' });
    expect(ok.status).toBe(200);
    expect(ok.json.user.emails).toEqual([{ address: 'funke@new.example.com', verified: false }]);
  });

  it('email-2FA user: currentPassword fails as an email code and mails one; sendEmailCode + headers succeed', async () => {
    const john = await c.loginJohn();
    const before = (await c.mailbox(DEMO.john.email)).length;
    const wrong = await update(john, { newPassword: 'john-new-pass-2', currentPassword: sha256('john-pass-1') });
    expect(wrong.json).toMatchObject({ errorType: 'totp-invalid', details: { method: 'email', codeGenerated: true } });
    expect((await c.mailbox(DEMO.john.email)).length).toBe(before + 1);
    await c.post('/api/v1/users.2fa.sendEmailCode', { emailOrUsername: 'test.john' });
    const code = await c.lastCode(DEMO.john.email);
    const ok = await update(john, { newPassword: 'john-new-pass-2' }, {}, { 'x-2fa-code': code, 'x-2fa-method': 'email' });
    expect(ok.status).toBe(200);
  });

  it('resending the address on file still asks for 2FA, then changes nothing', async () => {
    const demo = await c.loginDemo();
    expect((await update(demo, { email: DEMO.demouser.email })).json.errorType).toBe('totp-required');
    const ok = await update(demo, { email: DEMO.demouser.email, currentPassword: sha256('demo-pass-1') });
    expect(ok.json.user.emails).toEqual([{ address: DEMO.demouser.email, verified: true }]);
  });

  it('no gate for fields other than email/password, when 2FA is off, or with requirePasswordChange', async () => {
    const demo = await c.loginDemo();
    expect((await update(demo, { nickname: 'dee', currentPassword: 'ignored' })).status).toBe(200);
    await c.settings({ Accounts_TwoFactorAuthentication_Enabled: false });
    expect((await update(demo, { newPassword: 'no-proof-needed-1' })).status).toBe(200);
    await c.settings({ Accounts_TwoFactorAuthentication_Enabled: true });
    const hire = await c.login('new.hire', 'hire-pass-1');
    const res = await update(hire, { newPassword: 'my-own-pass-1' });
    expect(res.status).toBe(200);
    expect(res.json.user).not.toHaveProperty('requirePasswordChange');
  });

  it('OAuth users without a password: the forced password check cannot pass; where nothing is checked, newPassword is ignored', async () => {
    const octo = (await c.call('POST', '/_dev/users/GitHubOctoUser5Lm/tokens')).json as Session;
    // saveUserProfile requires a second factor: with none, the password is asked for, which this user has not got.
    const challenge = await update(octo, { newPassword: 'whatever-1', nickname: 'octo' });
    expect(challenge.json).toMatchObject({ errorType: 'totp-required', details: { method: 'password' } });
    expect((await update(octo, { newPassword: 'whatever-1', currentPassword: sha256('anything') })).json.errorType).toBe('totp-invalid');
    await c.settings({ Accounts_TwoFactorAuthentication_Enabled: false });
    const res = await update(octo, { newPassword: 'whatever-1', nickname: 'octo' });
    expect(res.status).toBe(200);
    expect(res.json.user.services.password).toEqual({ exists: false });
    expect(res.json.user.nickname).toBe('octo');
  });

  it('with password changes off: refused for someone with a password, ignored without a word for someone who must set one and has none', async () => {
    await c.settings({ Accounts_AllowPasswordChange: false });
    const demo = await c.loginDemo();
    const refused = await update(demo, { newPassword: 'another-pass-2', currentPassword: sha256('demo-pass-1') });
    expect(refused.json).toMatchObject({
      errorType: 'error-action-not-allowed',
      error: 'Edit user password is not allowed [error-action-not-allowed]',
    });
    const octo = (await c.call('POST', '/_dev/users/GitHubOctoUser5Lm/tokens')).json as Session;
    await c.call('POST', '/_dev/users/GitHubOctoUser5Lm', { body: { requirePasswordChange: true } });
    const ignored = await update(octo, { newPassword: 'whatever-1', nickname: 'set' });
    expect(ignored.status).toBe(200);
    expect(ignored.json.user).toMatchObject({ nickname: 'set', requirePasswordChange: true, services: { password: { exists: false } } });
  });
});

describe('effects', () => {
  it('a changed email becomes unverified, mails both addresses, and verifies through the mailed token', async () => {
    const demo = await c.loginDemo();
    const res = await update(demo, { email: 'demo@new.example.com', currentPassword: sha256('demo-pass-1') });
    expect(res.json.user.emails).toEqual([{ address: 'demo@new.example.com', verified: false }]);
    expect(res.json.user).not.toHaveProperty('email');
    expect((await c.mailbox(DEMO.demouser.email)).map((m) => m.subject)).toEqual(['Your email address was changed']);
    const [confirmation] = await c.mailbox('demo@new.example.com');
    expect(confirmation?.text).toContain(`/#/verify-email/${confirmation?.token}`);
    expect((await c.post('/api/v1/users.verifyEmail', { token: confirmation?.token })).status).toBe(200);
    expect((await c.get('/api/v1/me', demo)).json.email).toBe('demo@new.example.com');
  });

  it('writes each step at once: nothing is rolled back when a later step fails', async () => {
    const demo = await c.loginDemo();
    const res = await update(demo, { name: 'Demo Renamed', statusText: 'x'.repeat(130), bio: 'b'.repeat(261) });
    expect(res.json.errorType).toBe('error-bio-size-exceeded');
    const me = (await c.get('/api/v1/me', demo)).json;
    expect(me.name).toBe('Demo Renamed');
    expect(me.statusText).toBe('x'.repeat(120));
  });

  it('updates identity, status, bio and nickname, and replies sanitised like /me without preferences', async () => {
    const demo = await c.loginDemo();
    const before = (await c.get('/api/v1/me', demo)).json._updatedAt;
    const res = await update(demo, {
      name: '  Demo User  ',
      username: 'demo.user',
      statusType: 'busy',
      statusText: 'In a meeting',
      bio: 'Hello',
      nickname: 'dee',
    });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({
      name: 'Demo User',
      username: 'demo.user',
      // The choice; with no realtime connection, the status others see stays offline.
      status: 'offline',
      statusDefault: 'busy',
      statusText: 'In a meeting',
      bio: 'Hello',
      nickname: 'dee',
      services: { password: { exists: true } },
    });
    expect(res.json.user.settings).not.toHaveProperty('preferences');
    expect(Date.parse(res.json.user._updatedAt)).toBeGreaterThan(Date.parse(before));
    const cleared = await update(demo, { bio: '', nickname: '' });
    expect(cleared.json.user).not.toHaveProperty('bio');
    expect(cleared.json.user).not.toHaveProperty('nickname');
    expect((await c.get('/avatar/demo.user')).status).toBe(200);
  });

  it('allows a change of case only, and custom fields with the complete set', async () => {
    const demo = await c.loginDemo();
    expect((await update(demo, { username: 'DemoUser' })).json.user.username).toBe('DemoUser');
    const custom = await update(demo, {}, { customFields: { twitter: '@new', department: 'Sales', unknown: 'dropped' } });
    expect(custom.json.user.customFields).toEqual({ twitter: '@new', department: 'Sales' });
    const skipped = await update(demo, {}, { customFields: {} });
    expect(skipped.json.user.customFields).toEqual({ twitter: '@new', department: 'Sales' });
  });

  it('keeps only the custom fields the workspace defines, field by field, as Rocket.Chat does', async () => {
    const demo = await c.loginDemo();
    // Stored before the workspace dropped it from its definition: a save that does not send it leaves it.
    await c.post(`/_dev/users/${DEMO.demouser.id}`, { customFields: { department: 'Engineering', legacy: 'old' } });
    const saved = await update(demo, {}, { customFields: { twitter: '@new', department: 'Sales', pronouns: 'he/him' } });
    expect(saved.status).toBe(200);
    expect(saved.json.user.customFields).toEqual({ department: 'Sales', legacy: 'old', twitter: '@new' });
    // An empty value is not held to minLength; an undefined field is dropped without a word.
    await c.settings({ Accounts_CustomFields: { twitter: { type: 'text', minLength: 3 } } });
    const emptied = await update(demo, {}, { customFields: { twitter: '', pronouns: 'she/her' } });
    expect(emptied.status).toBe(200);
    expect(emptied.json.user.customFields).toEqual({ department: 'Sales', legacy: 'old', twitter: '' });
    // A workspace that defines none keeps none.
    await c.settings({ Accounts_CustomFields: {} });
    const none = await update(demo, {}, { customFields: { twitter: '@again' } });
    expect(none.status).toBe(200);
    expect(none.json.user.customFields).toEqual({ department: 'Sales', legacy: 'old', twitter: '' });
  });

  it('GET pw.getPolicy describes the demo policy', async () => {
    const res = await c.get('/api/v1/pw.getPolicy', await c.loginDemo());
    expect(res.json).toEqual({
      enabled: true,
      policy: [['get-password-policy-minLength', { minLength: 8 }], ['get-password-policy-mustContainAtLeastOneNumber']],
      success: true,
    });
  });
});

describe('rate limit (1 per 60 s per user, admins exempt)', () => {
  it('answers 429 on the second call, with X-RateLimit-* headers, and resets after the window', async () => {
    // The server's clock stands still unless moved: "wait 60 seconds" holds however long a call takes.
    const frozenAt = Date.now();
    const limited = await start({ updateRateLimit: { limit: 1, windowMs: 60_000 }, now: () => frozenAt });
    try {
      const demo = await limited.loginDemo();
      const challenge = await limited.post(PATH, { data: { newPassword: 'brand-new-1' } }, demo);
      expect(challenge.json.errorType).toBe('totp-required');
      expect(challenge.headers.get('x-ratelimit-limit')).toBe('1');
      expect(challenge.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(challenge.headers.get('x-ratelimit-reset'))).toBe(frozenAt + 60_000);
      // The trap of §4: retrying right after a challenge is refused.
      const retry = await limited.post(PATH, { data: { newPassword: 'brand-new-1', currentPassword: sha256('demo-pass-1') } }, demo);
      expect(retry.status).toBe(429);
      expect(retry.json).toEqual({
        success: false,
        error:
          'Error, too many requests. Please slow down. You must wait 60 seconds before trying this endpoint again. [error-too-many-requests]',
      });
      // Another user has their own budget; an admin has none.
      expect((await limited.post(PATH, { data: { nickname: 'r' } }, await limited.loginRoxie())).status).toBe(200);
      const john = await limited.loginJohn();
      for (let i = 0; i < 3; i++) {
        const res = await limited.post(PATH, { data: { nickname: `j${i}` } }, john);
        expect(res.status).toBe(200);
        expect(res.headers.get('x-ratelimit-limit')).toBeNull();
      }
      limited.api.advanceClock(60_001);
      expect((await limited.post(PATH, { data: { nickname: 'later' } }, demo)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('--compat 7 gate', () => {
  it('asks for 2FA whenever email or newPassword is non-empty, even with requirePasswordChange', async () => {
    const old = await start({ compat: 7 });
    try {
      const hire = await old.login('new.hire', 'hire-pass-1');
      const res = await old.post(PATH, { data: { newPassword: 'my-own-pass-1' } }, hire);
      expect(res.json.errorType).toBe('totp-required');
      const empty = await old.post(PATH, { data: { nickname: '' } }, await old.loginDemo());
      expect(empty.status).toBe(200);
    } finally {
      await old.close();
    }
  });
});
