// Personal access tokens: the 2FA-gated routes, signing in with one (X-User-Id + X-Auth-Token),
// and POST /logout removing the token it is called with (docs/sign-in.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, sha256, start, totpCode } from './helpers';
import type { Client, Session } from './helpers';

const GENERATE = '/api/v1/users.generatePersonalAccessToken';
const REGENERATE = '/api/v1/users.regeneratePersonalAccessToken';
const LIST = '/api/v1/users.getPersonalAccessTokens';
const REMOVE = '/api/v1/users.removePersonalAccessToken';
/** demouser has no TOTP or email 2FA: 2FA-gated routes ask for the password (Enforce_Password_Fallback). */
const DEMO_2FA = { 'x-2fa-code': sha256(DEMO.demouser.password), 'x-2fa-method': 'password' };

let c: Client;
let demo: Session;
beforeEach(async () => {
  c = await start();
  demo = await c.loginDemo();
});
afterEach(() => c.close());

const patOf = (token: string): Session => ({ userId: DEMO.demouser.id, authToken: token });

describe('generate, list, regenerate, remove', () => {
  it('generating is 2FA-gated; the token signs requests in and is listed by name with its last 6 characters', async () => {
    const challenge = await c.post(GENERATE, { tokenName: 'ci' }, demo);
    expect(challenge.status).toBe(400);
    expect(challenge.json).toMatchObject({ errorType: 'totp-required', details: { method: 'password' } });

    const made = await c.post(GENERATE, { tokenName: 'ci' }, demo, DEMO_2FA);
    expect(made.status).toBe(200);
    expect(made.json).toEqual({ success: true, token: expect.stringMatching(/^[\w-]{43}$/) });
    const token: string = made.json.token;
    const me = await c.get('/api/v1/me', patOf(token));
    expect(me.status).toBe(200);
    expect(me.json.username).toBe('demouser');

    const list = await c.get(LIST, demo);
    expect(list.json).toEqual({
      success: true,
      tokens: [{ name: 'ci', createdAt: expect.any(String), lastTokenPart: token.slice(-6), bypassTwoFactor: false }],
    });
    expect(list.text).not.toContain(token);
  });

  it('names are unique and required; regenerate replaces the token; remove revokes it', async () => {
    const first = (await c.post(GENERATE, { tokenName: 'ci' }, demo, DEMO_2FA)).json.token;
    const duplicate = await c.post(GENERATE, { tokenName: 'ci' }, demo, DEMO_2FA);
    expect(duplicate.json).toEqual({
      success: false,
      error: 'A token with this name already exists [error-token-already-exists]',
      errorType: 'error-token-already-exists',
      details: { method: 'personalAccessTokens:generateToken' },
    });
    // The route's own schema (apps/meteor/server/api/v1/users.ts) refuses it before the handler.
    expect((await c.post(GENERATE, {}, demo, DEMO_2FA)).json).toEqual({
      success: false,
      error: "must have required property 'tokenName'",
      errorType: 'invalid-params',
    });

    const second = (await c.post(REGENERATE, { tokenName: 'ci' }, demo, DEMO_2FA)).json.token;
    expect(second).not.toBe(first);
    expect((await c.get('/api/v1/me', patOf(first))).status).toBe(401);
    expect((await c.get('/api/v1/me', patOf(second))).status).toBe(200);

    expect((await c.post(REMOVE, { tokenName: 'ci' }, demo)).json.errorType).toBe('totp-required');
    expect((await c.post(REMOVE, { tokenName: 'ci' }, demo, DEMO_2FA)).json).toEqual({ success: true });
    expect((await c.get('/api/v1/me', patOf(second))).status).toBe(401);
    const missing = await c.post(REMOVE, { tokenName: 'ci' }, demo, DEMO_2FA);
    expect(missing.json).toMatchObject({
      errorType: 'error-token-does-not-exists',
      error: 'Token does not exist [error-token-does-not-exists]',
    });
    expect((await c.post(REGENERATE, { tokenName: 'ci' }, demo, DEMO_2FA)).json.details).toEqual({
      method: 'personalAccessTokens:regenerateToken',
    });
    expect((await c.get(LIST, demo)).json.tokens).toEqual([]);
  });

  it('an empty name is a name on 8.x (its schema sets no length); 7.x refuses it in the handler', async () => {
    expect((await c.post(GENERATE, { tokenName: '' }, demo, DEMO_2FA)).json).toEqual({ success: true, token: expect.any(String) });
    expect((await c.get(LIST, demo)).json.tokens).toEqual([expect.objectContaining({ name: '' })]);
    const old = await start({ compat: 7 });
    try {
      const session = await old.loginDemo();
      expect((await old.post(GENERATE, { tokenName: '' }, session, DEMO_2FA)).json).toEqual({
        success: false,
        error: "The 'tokenName' param is required",
      });
    } finally {
      await old.close();
    }
  });

  it('TOTP users answer the gate with a TOTP code', async () => {
    const roxie = await c.loginRoxie();
    expect((await c.post(GENERATE, { tokenName: 'bot' }, roxie)).json.details).toMatchObject({ method: 'totp' });
    const made = await c.post(GENERATE, { tokenName: 'bot' }, roxie, { 'x-2fa-code': totpCode(), 'x-2fa-method': 'totp' });
    expect(made.status).toBe(200);
  });

  it('without create-personal-access-tokens: not-authorized, and the list answers 403', async () => {
    const locked = await start({
      seed: {
        users: [{ _id: 'NoPatUser00000001', username: 'nopat', password: 'nopat-pass-1' }],
        permissions: { 'create-personal-access-tokens': [] },
      },
    });
    try {
      const session = await locked.login('nopat', 'nopat-pass-1');
      const gate = { 'x-2fa-code': sha256('nopat-pass-1'), 'x-2fa-method': 'password' };
      expect((await locked.post(GENERATE, { tokenName: 'x' }, session, gate)).json).toMatchObject({
        errorType: 'not-authorized',
        error: 'Not Authorized [not-authorized]',
        details: { method: 'personalAccessTokens:generateToken' },
      });
      const list = await locked.get(LIST, session);
      expect(list.status).toBe(403);
      expect(list.json.error).toBe('User does not have the permissions required for this action [error-unauthorized]');
    } finally {
      await locked.close();
    }
  });
});

describe('signing in with a personal access token', () => {
  it('POST /logout with a personal access token removes that token, and only it', async () => {
    const token = (await c.post(GENERATE, { tokenName: 'laptop' }, demo, DEMO_2FA)).json.token;
    expect((await c.post('/api/v1/logout', {}, patOf(token))).status).toBe(200);
    expect((await c.get('/api/v1/me', patOf(token))).status).toBe(401);
    expect((await c.get(LIST, demo)).json.tokens).toEqual([]);
    expect((await c.get('/api/v1/me', demo)).status).toBe(200);
  });

  it('{resume: <token>} answers with the same token, without 2FA', async () => {
    const made = await c.call('POST', `/_dev/users/${DEMO.roxie.id}/tokens`, { body: { type: 'personalAccessToken', name: 'ci' } });
    const res = await c.post('/api/v1/login', { resume: made.json.authToken });
    expect(res.json.data).toMatchObject({ userId: DEMO.roxie.id, authToken: made.json.authToken });
  });

  it('a token made with bypassTwoFactor skips 2FA-gated routes; one without is challenged', async () => {
    const plain = await c.call('POST', `/_dev/users/${DEMO.roxie.id}/tokens`, { body: { type: 'personalAccessToken', name: 'plain' } });
    const bypass = await c.call('POST', `/_dev/users/${DEMO.roxie.id}/tokens`, {
      body: { type: 'personalAccessToken', name: 'bypass', bypassTwoFactor: true },
    });
    expect((await c.post(GENERATE, { tokenName: 'x' }, plain.json)).json.errorType).toBe('totp-required');
    expect((await c.post(GENERATE, { tokenName: 'x' }, bypass.json)).status).toBe(200);
    const list = await c.get(LIST, bypass.json);
    expect(list.json.tokens.map((t: { name: string; bypassTwoFactor: boolean }) => [t.name, t.bypassTwoFactor])).toEqual([
      ['Home automation', true] /* the demo seed's */,
      ['plain', false],
      ['bypass', true],
      ['x', false],
    ]);
  });

  it('/_dev token route and seed tokens make personal access tokens for tests', async () => {
    expect((await c.call('POST', `/_dev/users/${DEMO.demouser.id}/tokens`, { body: { type: 'other' } })).status).toBe(400);
    const seeded = await start({
      seed: {
        users: [
          {
            _id: 'PatSeedUser000001',
            username: 'patseed',
            tokens: [{ token: 'seed-pat-token-123456', type: 'personalAccessToken', name: 'ci', bypassTwoFactor: true }],
          },
        ],
      },
    });
    try {
      const pat = { userId: 'PatSeedUser000001', authToken: 'seed-pat-token-123456' };
      expect((await seeded.get(LIST, pat)).json.tokens).toEqual([
        { name: 'ci', createdAt: expect.any(String), lastTokenPart: '123456', bypassTwoFactor: true },
      ]);
    } finally {
      await seeded.close();
    }
  });
});
