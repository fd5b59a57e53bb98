// LDAP and Crowd sign-in through POST /api/v1/login, as Rocket.Chat's handlers and its REST
// loginCompatibility treat them (docs/sign-in.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, ROXIE_SECRET, sha256, start, totpCode } from './helpers';
import type { Client } from './helpers';

const LENA = { id: 'LenaLdapUser4Kx7Q', username: 'lena.ldap', password: 'lena-ldap-1', email: 'lena.lindqvist@corp.example.com' };
const CARL = { id: 'CarlCrowdUser8Pm2', username: 'carl.crowd', crowdName: 'ccrowder', password: 'carl-crowd-1' };
const LOGIN = '/api/v1/login';

const ldapBody = (username: string, ldapPass: unknown) => ({ ldap: true, username, ldapPass, ldapOptions: {} });
const crowdBody = (username: string, crowdPassword: unknown) => ({ crowd: true, username, crowdPassword });

let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

describe('LDAP', () => {
  it('the LDAP shape signs an LDAP user in; on an LDAP workspace the REST password shape becomes the LDAP shape', async () => {
    await c.settings({ LDAP_Enable: true });
    const ldap = await c.post(LOGIN, ldapBody(LENA.username, LENA.password));
    expect(ldap.status).toBe(200);
    expect(ldap.json.data).toMatchObject({ userId: LENA.id, me: { username: 'lena.ldap', services: { password: { exists: false } } } });
    expect((await c.get('/api/v1/me', { userId: ldap.json.data.userId, authToken: ldap.json.data.authToken })).status).toBe(200);
    const rest = await c.post(LOGIN, { user: LENA.username, password: LENA.password });
    expect(rest.status).toBe(200);
    expect(rest.json.data.userId).toBe(LENA.id);
  });

  it('local users sign in on an LDAP workspace: not found in LDAP, the server falls back to the local password', async () => {
    await c.settings({ LDAP_Enable: true });
    expect((await c.post(LOGIN, ldapBody('demouser', 'demo-pass-1'))).json.data.userId).toBe(DEMO.demouser.id);
    expect((await c.post(LOGIN, { user: 'demouser@example.com', password: 'demo-pass-1' })).json.data.userId).toBe(DEMO.demouser.id);
    const wrong = await c.post(LOGIN, ldapBody('demouser', 'nope'));
    expect(wrong.json).toEqual({ success: false, error: 403, status: 'error', message: 'Incorrect password' });
  });

  it('the local password shape fails for the LDAP user, as Rocket.Chat answers it', async () => {
    // LDAP off: a plain password login, and LDAP users have no local password.
    const off = await c.post(LOGIN, { user: LENA.username, password: LENA.password });
    expect(off.status).toBe(401);
    expect(off.json).toEqual({ success: false, error: 403, status: 'error', message: 'User has no password set' });
    expect((await c.post(LOGIN, ldapBody(LENA.username, LENA.password))).json.message).toBe('User has no password set');
    // LDAP on: Meteor's own {user:{…}} shape is not converted, so it is a password login.
    await c.settings({ LDAP_Enable: true });
    const meteorShape = await c.post(LOGIN, {
      user: { username: LENA.username },
      password: { digest: sha256(LENA.password), algorithm: 'sha-256' },
    });
    expect(meteorShape.json).toMatchObject({ error: 403, message: 'User has no password set' });
    // A wrong LDAP password falls back to the local password too.
    expect((await c.post(LOGIN, ldapBody(LENA.username, 'wrong'))).json).toMatchObject({ error: 403, message: 'User has no password set' });
  });

  it('an LDAP user with a local password may use it only with LDAP_Login_Fallback, which each LDAP login refreshes', async () => {
    await c.settings({ LDAP_Enable: true });
    await c.post(`/_dev/users/${LENA.id}`, { password: 'local-pass-1' });
    const meteorShape = { user: { username: LENA.username }, password: { digest: sha256('local-pass-1'), algorithm: 'sha-256' } };
    expect((await c.post(LOGIN, meteorShape)).json).toEqual({ success: false, error: 403, status: 'error', message: 'Login forbidden' });

    await c.settings({ LDAP_Login_Fallback: true });
    expect((await c.post(LOGIN, meteorShape)).status).toBe(200);
    // An LDAP login stores the LDAP password locally; the fallback then accepts it even with LDAP unreachable.
    expect((await c.post(LOGIN, ldapBody(LENA.username, LENA.password))).status).toBe(200);
    await c.settings({ LDAP_Enable: false });
    expect((await c.post(LOGIN, { user: LENA.username, password: LENA.password })).status).toBe(200);
  });

  it('on an LDAP workspace the password must be sent plain: a digest cannot bind and Rocket.Chat fails with 500', async () => {
    await c.settings({ LDAP_Enable: true });
    const digest = await c.post(LOGIN, { user: 'demouser', password: { digest: sha256('demo-pass-1'), algorithm: 'sha-256' } });
    expect(digest.status).toBe(500);
    expect(digest.json).toEqual({ success: false, error: 'Internal server error' });
  });

  it('without ldapOptions the LDAP shape is not recognised', async () => {
    await c.settings({ LDAP_Enable: true });
    const res = await c.post(LOGIN, { ldap: true, username: LENA.username, ldapPass: LENA.password });
    expect(res.json).toEqual({ success: false, error: 400, status: 'error', message: 'Unrecognized options for login request' });
  });

  it('2FA on LDAP: the same challenge as a password login; a code next to the LDAP shape is ignored', async () => {
    await c.settings({ LDAP_Enable: true });
    await c.post(`/_dev/users/${LENA.id}`, { totpSecret: ROXIE_SECRET });
    const challenge = await c.post(LOGIN, ldapBody(LENA.username, LENA.password));
    expect(challenge.status).toBe(401);
    expect(challenge.json).toEqual({
      success: false,
      error: 'totp-required',
      status: 'error',
      message: 'TOTP Required',
      details: { method: 'totp', codeGenerated: false, availableMethods: ['totp'] },
    });
    const ignored = await c.post(LOGIN, { ...ldapBody(LENA.username, LENA.password), code: totpCode() });
    expect(ignored.json.error).toBe('totp-required');
    // The answers that work: the REST password shape with code (→ {totp:{code, login: LDAP}}), the totp wrapper, the header.
    expect((await c.post(LOGIN, { user: LENA.username, password: LENA.password, code: totpCode() })).status).toBe(200);
    expect((await c.post(LOGIN, { totp: { login: ldapBody(LENA.username, LENA.password), code: totpCode() } })).status).toBe(200);
    const header = await c.post(LOGIN, { username: LENA.username, password: LENA.password }, undefined, { 'x-2fa-code': totpCode() });
    expect(header.status).toBe(200);
    const invalid = await c.post(LOGIN, { totp: { login: ldapBody(LENA.username, LENA.password), code: '000000' } });
    expect(invalid.json).toMatchObject({ error: 'totp-invalid', message: 'TOTP Invalid' });
  });

  it('emailed 2FA codes work for LDAP users as for password users', async () => {
    await c.settings({ LDAP_Enable: true });
    await c.post(`/_dev/users/${LENA.id}`, { email2fa: true });
    const challenge = await c.post(LOGIN, ldapBody(LENA.username, LENA.password));
    expect(challenge.json.details).toMatchObject({ method: 'email', codeGenerated: true, availableMethods: ['email'] });
    const code = await c.lastCode(LENA.email);
    expect((await c.post(LOGIN, { totp: { login: ldapBody(LENA.username, LENA.password), code } })).status).toBe(200);
  });
});

describe('Crowd', () => {
  it('the Crowd shape signs a Crowd user in by username or Crowd name, and copies the Crowd password locally', async () => {
    await c.settings({ CROWD_Enable: true });
    const byUsername = await c.post(LOGIN, crowdBody(CARL.username, CARL.password));
    expect(byUsername.status).toBe(200);
    expect(byUsername.json.data.userId).toBe(CARL.id);
    expect((await c.post(LOGIN, crowdBody(CARL.crowdName, CARL.password))).json.data.userId).toBe(CARL.id);
    // Crowd synced the password: the plain password shape now works, with Crowd on or off.
    expect((await c.post(LOGIN, { user: CARL.username, password: CARL.password })).status).toBe(200);
    await c.settings({ CROWD_Enable: false });
    expect((await c.post(LOGIN, { user: CARL.username, password: CARL.password })).status).toBe(200);
  });

  it('refusals: wrong Crowd password, Crowd off before any Crowd login, an empty password', async () => {
    const off = await c.post(LOGIN, crowdBody(CARL.username, CARL.password));
    expect(off.json).toEqual({ success: false, error: 403, status: 'error', message: 'User has no password set' });
    await c.settings({ CROWD_Enable: true });
    const wrong = await c.post(LOGIN, crowdBody(CARL.username, 'wrong'));
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ success: false, error: 400, status: 'error', message: 'Unrecognized options for login request' });
    const empty = await c.post(LOGIN, crowdBody(CARL.username, ''));
    expect(empty.status).toBe(500);
  });

  it('local users fall back to their local password; Crowd decides whether a Crowd user is active', async () => {
    await c.settings({ CROWD_Enable: true });
    expect((await c.post(LOGIN, crowdBody('demouser', 'demo-pass-1'))).json.data.userId).toBe(DEMO.demouser.id);
    const seed = {
      users: [
        {
          _id: 'GoneCrowdUser0001',
          username: 'gone',
          emails: [{ address: 'gone@corp.example.com', verified: true }],
          crowd: { password: 'gone-pass-1', active: false },
        },
      ],
      settings: { CROWD_Enable: true },
    };
    const other = await start({ seed });
    try {
      const inactive = await other.post(LOGIN, crowdBody('gone', 'gone-pass-1'));
      expect(inactive.json).toMatchObject({ error: 'error-user-is-not-activated', message: 'User is not activated' });
    } finally {
      await other.close();
    }
  });

  it('2FA on Crowd: challenged like a password login, answered with the totp wrapper or the password shape and code', async () => {
    await c.settings({ CROWD_Enable: true });
    await c.post(`/_dev/users/${CARL.id}`, { totpSecret: ROXIE_SECRET });
    expect((await c.post(LOGIN, crowdBody(CARL.username, CARL.password))).json.error).toBe('totp-required');
    expect((await c.post(LOGIN, { totp: { login: crowdBody(CARL.username, CARL.password), code: totpCode() } })).status).toBe(200);
    expect((await c.post(LOGIN, { user: CARL.username, password: CARL.password, code: totpCode() })).status).toBe(200);
  });
});
