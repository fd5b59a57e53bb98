// §1 login, §2 logout and /me.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, sha256, start, totpCode } from './helpers';
import type { Client } from './helpers';

let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

describe('POST /api/v1/login', () => {
  it('logs in with user (username or email), username, email, and a SHA-256 digest', async () => {
    for (const body of [
      { user: 'demouser', password: 'demo-pass-1' },
      { user: 'DemoUser@Example.com', password: 'demo-pass-1' },
      { username: 'demouser', password: 'demo-pass-1' },
      { email: 'demouser@example.com', password: 'demo-pass-1' },
      { user: 'demouser', password: { digest: sha256('demo-pass-1'), algorithm: 'sha-256' } },
      { user: { username: 'demouser' }, password: { digest: sha256('demo-pass-1'), algorithm: 'sha-256' } },
    ]) {
      const res = await c.post('/api/v1/login', body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.json).toMatchObject({ status: 'success', success: true, data: { userId: DEMO.demouser.id } });
      expect(res.json.data.authToken).toMatch(/^[\w-]{43}$/);
      expect(res.json.data.me).toMatchObject({ _id: DEMO.demouser.id, username: 'demouser', email: 'demouser@example.com' });
      expect(res.json.data.me.services).toEqual({ password: { exists: true } }); // switches that are off are left out
    }
  });

  it('TOTP user: 401 totp-required with details.method totp, then 200 with a code from otpauth', async () => {
    const challenge = await c.post('/api/v1/login', { user: 'roxie', password: 'roxie-pass-1' });
    expect(challenge.status).toBe(401);
    expect(challenge.json).toMatchObject({
      success: false,
      status: 'error',
      error: 'totp-required',
      message: 'TOTP Required',
      details: { method: 'totp', codeGenerated: false, availableMethods: ['totp', 'email'] },
    });
    const ok = await c.post('/api/v1/login', { user: 'roxie', password: 'roxie-pass-1', code: totpCode() });
    expect(ok.status).toBe(200);
    expect(typeof ok.json.data.authToken).toBe('string');
    expect(ok.json.data.me.services.totp).toEqual({ enabled: true });
  });

  it('accepts the code in the x-2fa-code header, and backup codes once', async () => {
    const viaHeader = await c.post('/api/v1/login', { user: 'roxie', password: 'roxie-pass-1' }, undefined, { 'x-2fa-code': totpCode() });
    expect(viaHeader.status).toBe(200);
    const backup = await c.post('/api/v1/login', { user: 'roxie', password: 'roxie-pass-1', code: 'rx7Kp2Qa' });
    expect(backup.status).toBe(200);
    const again = await c.post('/api/v1/login', { user: 'roxie', password: 'roxie-pass-1', code: 'rx7Kp2Qa' });
    expect(again.json).toMatchObject({ error: 'totp-invalid', message: 'TOTP Invalid' });
  });

  it('accepts codes one step away and refuses codes two steps away', async () => {
    // The server's clock stands in the middle of a 30 s step: a step boundary passing between
    // making a code and checking it would turn "one step away" into two.
    const middle = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
    const fixed = await start({ now: () => middle });
    try {
      const login = (code: string) => fixed.post('/api/v1/login', { user: 'roxie', password: 'roxie-pass-1', code });
      expect((await login(totpCode(undefined, middle - 30_000))).status).toBe(200);
      expect((await login(totpCode(undefined, middle + 30_000))).status).toBe(200);
      const far = await login(totpCode(undefined, middle - 60_000));
      expect(far.status).toBe(401);
      expect(far.json.error).toBe('totp-invalid');
    } finally {
      await fixed.close();
    }
  });

  it('email 2FA: mails a 123-456 code, reuses it on later challenges, accepts it with or without the dash', async () => {
    const first = await c.post('/api/v1/login', { user: 'test.john', password: 'john-pass-1' });
    expect(first.status).toBe(401);
    expect(first.json.details).toMatchObject({
      method: 'email',
      codeGenerated: true,
      emailOrUsername: 'test.john',
      availableMethods: ['email'],
    });
    const code = await c.lastCode(DEMO.john.email);
    expect(code).toMatch(/^\d{3}-\d{3}$/);
    const second = await c.post('/api/v1/login', { user: 'test.john', password: 'john-pass-1' });
    expect(second.json.details).toMatchObject({ method: 'email', codeGenerated: false });
    expect(Date.parse(second.json.details.codeExpires)).toBeGreaterThan(Date.now());
    expect(await c.mailbox(DEMO.john.email)).toHaveLength(1);
    const ok = await c.post('/api/v1/login', { user: 'test.john', password: 'john-pass-1', code: code.replace('-', '') });
    expect(ok.status).toBe(200);
  });

  it('email 2FA: the 5th wrong code answers totp-max-attempts and mails a new code', async () => {
    await c.post('/api/v1/login', { user: 'test.john', password: 'john-pass-1' });
    const errors: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await c.post('/api/v1/login', { user: 'test.john', password: 'john-pass-1', code: '000-000' });
      expect(res.status).toBe(401);
      errors.push(res.json.error);
    }
    expect(errors).toEqual(['totp-invalid', 'totp-invalid', 'totp-invalid', 'totp-invalid', 'totp-max-attempts']);
    const last = await c.post('/api/v1/login', { user: 'test.john', password: 'john-pass-1', code: '000-000' });
    expect(last.json.error).toBe('totp-invalid');
    expect(await c.mailbox(DEMO.john.email)).toHaveLength(2);
    const max = await c.call('GET', '/_dev/requests');
    expect(max.json.requests.filter((r: { status: number }) => r.status === 401)).toHaveLength(7);
  });

  it('an expired email code is refused and a new one is mailed on the next challenge', async () => {
    await c.settings({ Accounts_TwoFactorAuthentication_By_Email_Code_Expiration: 60 });
    await c.post('/api/v1/login', { user: 'test.john', password: 'john-pass-1' });
    const code = await c.lastCode(DEMO.john.email);
    c.api.advanceClock(61_000);
    const late = await c.post('/api/v1/login', { user: 'test.john', password: 'john-pass-1', code });
    expect(late.json.error).toBe('totp-invalid');
    expect(late.json.details.codeGenerated).toBe(true);
    expect(await c.mailbox(DEMO.john.email)).toHaveLength(2);
  });

  it('skips 2FA when it is switched off globally', async () => {
    await c.settings({ Accounts_TwoFactorAuthentication_Enabled: false });
    expect((await c.post('/api/v1/login', { user: 'roxie', password: 'roxie-pass-1' })).status).toBe(200);
  });

  it('{resume} returns the same token without 2FA', async () => {
    const session = await c.loginRoxie();
    const res = await c.post('/api/v1/login', { resume: session.authToken });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ userId: DEMO.roxie.id, authToken: session.authToken });
  });

  it('failure bodies: unknown user, wrong password, unusable shapes', async () => {
    const unknown = await c.post('/api/v1/login', { user: 'nobody', password: 'x' });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual({ success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' });
    const wrong = await c.post('/api/v1/login', { user: 'demouser', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ success: false, error: 403, status: 'error', message: 'Incorrect password' });
    const resume = await c.post('/api/v1/login', { resume: 'not-a-token' });
    expect(resume.json).toMatchObject({ error: 403, status: 'error' });
    const empty = await c.post('/api/v1/login', {});
    expect(empty.status).toBe(401);
    expect(empty.json).toMatchObject({ success: false, status: 'error', error: 400 });
  });
});

describe('logout and /me', () => {
  it('GET /me returns the §2 fields and hides private ones', async () => {
    const session = await c.loginDemo();
    const me = await c.get('/api/v1/me', session);
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      success: true,
      _id: DEMO.demouser.id,
      username: 'demouser',
      email: 'demouser@example.com',
      emails: [{ address: 'demouser@example.com', verified: true }],
      roles: ['user'],
      active: true,
      services: { password: { exists: true } },
      avatarUrl: `${c.url}/avatar/demouser`,
      isOAuthUser: false,
      settings: { profile: {}, calendar: {} },
    });
    expect(me.json.settings.preferences).toMatchObject({ enableAutoAway: true });
    for (const hidden of ['createdAt', 'lastLogin', 'type', 'phone', '__rooms', 'importIds', 'e2e', 'inviteToken']) {
      expect(me.json, hidden).not.toHaveProperty(hidden);
    }
    expect(me.text).not.toContain('bcrypt');
    expect(me.text).not.toContain('loginTokens');
  });

  it('logout removes only the presented token and answers 200', async () => {
    const a = await c.loginDemo();
    const b = await c.loginDemo();
    const out = await c.post('/api/v1/logout', {}, a);
    expect(out.status).toBe(200);
    expect((await c.get('/api/v1/me', a)).status).toBe(401);
    expect((await c.get('/api/v1/me', b)).status).toBe(200);
  });

  it('an OAuth user reports isOAuthUser and its service', async () => {
    const created = await c.call('POST', '/_dev/users/GitHubOctoUser5Lm/tokens');
    const me = await c.get('/api/v1/me', created.json);
    expect(me.json).toMatchObject({ isOAuthUser: true, services: { github: { username: 'octocat' }, password: { exists: false } } });
  });
});
