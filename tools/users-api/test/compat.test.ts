// --compat 7 vs 8 (§4 reply leak, and the smaller differences of §1/§2/§6).
import { describe, expect, it } from 'vitest';
import { DEMO, sha256, start } from './helpers';
import type { Client } from './helpers';

async function withServer(compat: 7 | 8, run: (c: Client) => Promise<void>): Promise<void> {
  // Real bcrypt cost here: the 7.x leak must look like Rocket.Chat's.
  const c = await start({ compat, bcryptRounds: 10 });
  try {
    await run(c);
  } finally {
    await c.close();
  }
}

describe('updateOwnBasicInfo reply', () => {
  it('--compat 7 replies with the raw document: services.password.bcrypt and services.resume.loginTokens', async () => {
    await withServer(7, async (c) => {
      const session = await c.loginDemo();
      const res = await c.post('/api/v1/users.updateOwnBasicInfo', { data: { nickname: 'leaky' } }, session);
      expect(res.status).toBe(200);
      const user = res.json.user;
      expect(user.services.password.bcrypt).toMatch(/^\$2[aby]\$10\$[./A-Za-z0-9]{53}$/);
      // The seed's two other sessions first; device sessions live apart from the user, as in Rocket.Chat.
      expect(user.services.resume.loginTokens).toHaveLength(3);
      expect(user.services.resume.loginTokens[2]).toEqual({ hashedToken: sha256Base64(session.authToken), when: expect.any(String) });
      expect(res.text).not.toContain('sessionId');
      expect(user.createdAt).toBe('2023-03-02T17:59:43.415Z');
      expect(user.__rooms).toEqual(['GENERAL', 'gzvcvpov9G4TxbGFSrbAXPnMktTFbNpwtJ']);
      expect(user.nickname).toBe('leaky');
    });
  });

  it('--compat 8 replies sanitised like /me', async () => {
    await withServer(8, async (c) => {
      const session = await c.loginDemo();
      const res = await c.post('/api/v1/users.updateOwnBasicInfo', { data: { nickname: 'clean' } }, session);
      expect(res.status).toBe(200);
      expect(res.json.user.services).toEqual({ password: { exists: true } }); // switches that are off are left out
      expect(res.text).not.toContain('bcrypt');
      expect(res.text).not.toContain('loginTokens');
      expect(res.text).not.toContain('hashedToken');
      expect(res.json.user).not.toHaveProperty('createdAt');
      expect(res.json.user.nickname).toBe('clean');
    });
  });
});

describe('smaller differences', () => {
  it('7.x: logout body, version, empty nickname ignored, status validation', async () => {
    await withServer(7, async (c) => {
      expect((await c.get('/api/info')).json.version).toBe('7.13');
      const session = await c.loginDemo();
      await c.post('/api/v1/users.updateOwnBasicInfo', { data: { nickname: 'kept' } }, session);
      const empty = await c.post('/api/v1/users.updateOwnBasicInfo', { data: { nickname: '' } }, session);
      expect(empty.json.user.nickname).toBe('kept');
      expect((await c.post('/api/v1/users.setStatus', { status: 'dancing' }, session)).json.errorType).toBe('error-invalid-status');
      await c.settings({ Accounts_AllowUserStatusMessageChange: false });
      expect((await c.post('/api/v1/users.setStatus', { status: 'away' }, session)).json.error).toBe(
        'Change status is not allowed [error-not-allowed]',
      );
      const out = await c.post('/api/v1/logout', {}, session);
      expect(out.json).toEqual({ status: 'success', data: { message: "You've been logged out!" } });
    });
  });

  it('7.x asks for a session before sending a confirmation email again; 8.x does not', async () => {
    await withServer(7, async (c) => {
      expect((await c.post('/api/v1/users.sendConfirmationEmail', { email: 'new.hire@example.com' })).status).toBe(401);
      const session = await c.loginDemo();
      expect((await c.post('/api/v1/users.sendConfirmationEmail', { email: 'new.hire@example.com' }, session)).json).toEqual({
        success: true,
      });
    });
    await withServer(8, async (c) => {
      expect((await c.post('/api/v1/users.sendConfirmationEmail', { email: 'new.hire@example.com' })).json).toEqual({ success: true });
    });
  });

  it('8.x: logout answers an empty 200, empty nickname clears', async () => {
    await withServer(8, async (c) => {
      const session = await c.loginDemo();
      await c.post('/api/v1/users.updateOwnBasicInfo', { data: { nickname: 'gone' } }, session);
      const empty = await c.post('/api/v1/users.updateOwnBasicInfo', { data: { nickname: '' } }, session);
      expect(empty.json.user).not.toHaveProperty('nickname');
      const out = await c.post('/api/v1/logout', {}, session);
      expect(out.status).toBe(200);
      expect(out.text).toBe('');
    });
  });
});

function sha256Base64(token: string): string {
  // Accounts._hashLoginToken, computed independently of the server.
  return Buffer.from(sha256(token), 'hex').toString('base64');
}

describe('--compat with a minor release', () => {
  it('reports the release in /api/info and answers a route newer than it as an unknown one (404)', async () => {
    const older = await start({ compat: '8.6' });
    const newest = await start({ compat: 8 });
    try {
      expect((await older.get('/api/info')).json.version).toBe('8.6');
      expect((await newest.get('/api/info')).json.version).toBe('8.8');
    } finally {
      await older.close();
      await newest.close();
    }
  });

  it('8.6 has no TOTP routes (8.8) but looks people up by email and extension; 8.0 has neither', async () => {
    const servers = { '8.0': await start({ compat: '8.0' }), '8.6': await start({ compat: '8.6' }), '8.8': await start({ compat: '8.8' }) };
    try {
      for (const [release, c] of Object.entries(servers)) {
        const session = await c.loginDemo();
        const totpRoutes = [
          await c.post('/api/v1/users.enableTotp', {}, session),
          await c.post('/api/v1/users.disableTotp', { code: '123456' }, session),
          await c.post('/api/v1/users.validateTotp', { code: '123456' }, session),
          await c.post('/api/v1/users.regenerateTotpCodes', { code: '123456' }, session),
          await c.get('/api/v1/users.totpCodesRemaining', session),
        ];
        const missing = totpRoutes.filter((res) => res.status === 404 && res.json.error === 'Resource not found').length;
        expect([release, missing]).toEqual([release, release === '8.8' ? 0 : 5]);
        const byEmail = await c.get(`/api/v1/users.info?email=${encodeURIComponent(DEMO.john.email)}`, session);
        const byExtension = await c.get('/api/v1/users.info?freeSwitchExtension=1234', session);
        if (release === '8.0') {
          expect(byEmail.json).toMatchObject({ success: false, errorType: 'error-invalid-params' });
          expect(byExtension.json).toMatchObject({ success: false, errorType: 'error-invalid-params' });
        } else {
          expect(byEmail.json.error).toBe('User not found.'); // asked without view-full-other-user-info
          expect(byExtension.json.user.username).toBe('test.john');
        }
      }
    } finally {
      for (const c of Object.values(servers)) await c.close();
    }
  });

  it('refuses a release it does not imitate', async () => {
    await expect(start({ compat: '8.9' })).rejects.toThrow('not a release the server imitates');
    await expect(start({ compat: '6' })).rejects.toThrow('not a release the server imitates');
  });
});
