// §2 related logout calls and §6 email verification.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, start } from './helpers';
import type { Client } from './helpers';

let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

describe('sessions', () => {
  it('logoutOtherClients keeps the caller token (returned with its expiry) and drops the others', async () => {
    const a = await c.loginDemo();
    const b = await c.loginDemo();
    const res = await c.post('/api/v1/users.logoutOtherClients', {}, a);
    expect(res.json.token).toBe(a.authToken);
    const expires = Date.parse(res.json.tokenExpires);
    expect(expires - Date.now()).toBeGreaterThan(89 * 24 * 3600 * 1000);
    expect((await c.get('/api/v1/me', b)).status).toBe(401);
    expect((await c.get('/api/v1/me', a)).status).toBe(200);
  });

  it('users.logout drops every token of the user; others need logout-other-user', async () => {
    const a = await c.loginDemo();
    const b = await c.loginDemo();
    const john = await c.loginJohn();
    expect((await c.post('/api/v1/users.logout', { userId: DEMO.john.id }, a)).status).toBe(403);
    const res = await c.post('/api/v1/users.logout', {}, a);
    expect(res.json).toEqual({ message: `User ${DEMO.demouser.id} has been logged out!`, success: true });
    expect((await c.get('/api/v1/me', a)).status).toBe(401);
    expect((await c.get('/api/v1/me', b)).status).toBe(401);
    const r = await c.loginRoxie();
    expect((await c.post('/api/v1/users.logout', { userId: DEMO.roxie.id }, john)).status).toBe(200);
    expect((await c.get('/api/v1/me', r)).status).toBe(401);
  });

  it('removeOtherTokens drops personal access tokens too; logoutOtherClients keeps them', async () => {
    const seed = {
      users: [
        {
          _id: 'PatUser0000000001',
          username: 'pat.user',
          password: 'pat-pass-1',
          tokens: [{ token: 'pat-token-1', type: 'personalAccessToken' as const, name: 'ci' }],
        },
      ],
    };
    const s = await start({ seed });
    try {
      const pat = { userId: 'PatUser0000000001', authToken: 'pat-token-1' };
      const session = await s.login('pat.user', 'pat-pass-1');
      const other = await s.login('pat.user', 'pat-pass-1');
      await s.post('/api/v1/users.logoutOtherClients', {}, session);
      expect((await s.get('/api/v1/me', other)).status).toBe(401);
      expect((await s.get('/api/v1/me', pat)).status).toBe(200);
      await s.post('/api/v1/users.removeOtherTokens', {}, session);
      expect((await s.get('/api/v1/me', pat)).status).toBe(401);
      expect((await s.get('/api/v1/me', session)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('email verification', () => {
  it('sendConfirmationEmail mails a token for an unverified address and always succeeds; verifyEmail uses it', async () => {
    expect((await c.post('/api/v1/users.sendConfirmationEmail', { email: 'nobody@example.com' })).json).toEqual({ success: true });
    expect((await c.post('/api/v1/users.sendConfirmationEmail', { email: DEMO.demouser.email })).json).toEqual({ success: true });
    expect(await c.mailbox(DEMO.demouser.email)).toHaveLength(0);
    await c.post('/api/v1/users.sendConfirmationEmail', { email: 'new.hire@example.com' });
    const [mail] = await c.mailbox('new.hire@example.com');
    expect(mail?.token).toMatch(/^[\w-]{43}$/);
    expect((await c.post('/api/v1/users.verifyEmail', { token: 'unknown' })).status).toBe(404);
    expect((await c.post('/api/v1/users.verifyEmail', { token: mail?.token })).json).toEqual({ success: true });
    // Email 2FA was switched on by default (§1): a verified address now means an emailed code.
    const challenge = await c.post('/api/v1/login', { user: 'new.hire', password: 'hire-pass-1' });
    expect(challenge.json).toMatchObject({ error: 'totp-required', details: { method: 'email' } });
    const hire = await c.login('new.hire', 'hire-pass-1', await c.lastCode('new.hire@example.com'));
    expect((await c.get('/api/v1/me', hire)).json.emails).toEqual([{ address: 'new.hire@example.com', verified: true }]);
  });

  it('sendConfirmationEmail is limited to 1 per minute', async () => {
    const limited = await start({ rateLimit: { limit: 10, windowMs: 60_000 } });
    try {
      expect((await limited.post('/api/v1/users.sendConfirmationEmail', { email: 'a@example.com' })).status).toBe(200);
      expect((await limited.post('/api/v1/users.sendConfirmationEmail', { email: 'a@example.com' })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
