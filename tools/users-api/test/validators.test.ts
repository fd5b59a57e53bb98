// The validation layer (validation/): every /api route has a known check, Rocket.Chat's
// validators refuse what they refuse with Rocket.Chat's replies, in Rocket.Chat's order,
// per release, and the request log marks each refusal.
import { afterEach, describe, expect, it } from 'vitest';
import { parseRelease } from '../src/release';
import { apiRoutes } from '../src/routes';
import { loadValidators } from '../src/validation/load';
import { routeParams } from '../src/validation/routeParams';
import { sha256, start } from './helpers';
import type { Client } from './helpers';

let servers: Client[] = [];
async function server(options: Parameters<typeof start>[0] = {}): Promise<Client> {
  const c = await start(options);
  servers.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(servers.map((c) => c.close()));
  servers = [];
});

const RELEASES = ['7', '8.0', '8.5', '8.6', '8.8'].map((text) => parseRelease(text)!);

describe('route table', () => {
  it('names a check (or none) for every /api route the server serves, and nothing else', () => {
    const served = apiRoutes
      .filter((route) => typeof route.path === 'string' && route.path.startsWith('/api/'))
      .map((route) => `${route.method} ${String(route.path)}`);
    expect(Object.keys(routeParams).sort()).toEqual([...new Set(served)].sort());
  });

  it('cites a Rocket.Chat file for each route and uses only validators that load', async () => {
    const validators = await loadValidators();
    for (const [route, params] of Object.entries(routeParams)) {
      expect(params.sources.length, route).toBeGreaterThan(0);
      for (const source of params.sources) expect(source, route).toMatch(/^(apps|packages)\/[\w./-]+\.ts$/);
      for (const release of RELEASES) {
        const check = params.check(release);
        if (check) expect(typeof validators[check.validator], `${route} on ${release.major}.${release.minor}`).toBe('function');
      }
    }
  });
});

describe('replies', () => {
  it('a typed query: 400 error-invalid-params, the messages without a suffix', async () => {
    const c = await server();
    const res = await c.get('/api/v1/users.checkUsernameAvailability', await c.loginDemo());
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ success: false, errorType: 'error-invalid-params', error: "must have required property 'username'" });
  });

  it('a typed body: 400 invalid-params without a suffix, several messages joined with "\\n "', async () => {
    const c = await server();
    const res = await c.post('/api/v1/users.sendConfirmationEmail', {});
    expect(res.json).toEqual({ success: false, errorType: 'invalid-params', error: "must have required property 'email'" });
    const users = await c.get('/api/v1/users.info?fields=x', await c.loginDemo());
    expect(users.json.error.split('\n ')).toEqual([
      "must have required property 'userId'",
      "must have required property 'username'",
      "must have required property 'importId'",
      "must have required property 'email'",
      "must have required property 'freeSwitchExtension'",
      'must match a schema in anyOf',
    ]);
  });

  it('validateParams (7.x): the thrown error invalid-params, with its " [invalid-params]" suffix', async () => {
    const c = await server({ compat: 7 });
    const res = await c.post('/api/v1/users.updateOwnBasicInfo', { data: { firstName: 'Demo' } }, await c.loginDemo());
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      success: false,
      error: 'must NOT have additional properties [invalid-params]',
      errorType: 'invalid-params',
    });
  });

  it('the server-local schemas of the route files answer the same way (setStatus, resetAvatar, verifyEmail)', async () => {
    const c = await server();
    const demo = await c.loginDemo();
    expect((await c.post('/api/v1/users.setStatus', { status: 'dancing' }, demo)).json).toEqual({
      success: false,
      errorType: 'invalid-params',
      error: 'must be equal to one of the allowed values',
    });
    expect((await c.post('/api/v1/users.resetAvatar', { userId: demo.userId, avatarUrl: 'x' }, demo)).json.error).toBe(
      'must NOT have additional properties',
    );
    expect((await c.post('/api/v1/users.verifyEmail', { token: '' })).json.error).toBe('must NOT have fewer than 1 characters');
  });
});

describe('order', () => {
  it('a typed route is checked before the rate limit: refused requests do not count', async () => {
    const c = await server({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const demo = await c.loginDemo();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await c.get('/api/v1/users.checkUsernameAvailability', demo)).status);
    statuses.push((await c.get('/api/v1/users.checkUsernameAvailability?username=someone.new', demo)).status);
    expect(statuses).toEqual([400, 400, 400, 200]);
  });

  it('validateParams (7.x) runs after the rate limit: refused requests count', async () => {
    const c = await server({ compat: 7, rateLimit: { limit: 2, windowMs: 60_000 } });
    const demo = await c.loginDemo();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await c.get('/api/v1/users.checkUsernameAvailability', demo)).status);
    expect(statuses).toEqual([400, 400, 429]);
  });

  it('after authentication and before the route 2FA', async () => {
    const c = await server();
    expect((await c.post('/api/v1/users.generatePersonalAccessToken', {})).status).toBe(401);
    const res = await c.post('/api/v1/users.generatePersonalAccessToken', {}, await c.loginDemo());
    expect(res.json).toEqual({ success: false, errorType: 'invalid-params', error: "must have required property 'tokenName'" });
  });
});

describe('releases', () => {
  it('users.info lookups by email are refused before 8.6 and checked as 7.x did on --compat 7', async () => {
    const [old, before, since] = [await server({ compat: 7 }), await server({ compat: '8.5' }), await server({ compat: '8.6' })];
    const lookup = async (c: Client) => c.get('/api/v1/users.info?email=funke@test.com', await c.loginDemo());
    expect((await lookup(old)).json).toEqual({
      success: false,
      errorType: 'invalid-params',
      error:
        "must have required property 'userId'\n must have required property 'username'\n must have required property 'importId'\n must match a schema in anyOf [invalid-params]",
    });
    expect((await lookup(before)).json.errorType).toBe('error-invalid-params');
    // Accepted from 8.6: what follows is the handler's answer (the demo user may not look up by email).
    expect((await lookup(since)).json).toEqual({ success: false, error: 'User not found.' });
  });

  it('--compat 7 has no validator where 7.x had none: the handlers answer as 7.x did', async () => {
    const c = await server({ compat: 7 });
    const demo = await c.loginDemo();
    expect((await c.post('/api/v1/users.2fa.sendEmailCode', {})).json.errorType).toBe('error-parameter-required');
    expect((await c.post('/api/v1/users.setStatus', { status: 'dancing' }, demo)).json.errorType).toBe('error-invalid-status');
    const proof = { 'x-2fa-code': sha256('demo-pass-1'), 'x-2fa-method': 'password' };
    expect((await c.post('/api/v1/users.generatePersonalAccessToken', {}, demo, proof)).json).toEqual({
      success: false,
      error: "The 'tokenName' param is required",
    });
  });
});

describe('request log', () => {
  it('marks a request a validator refused, with the validator messages; accepted requests carry no mark', async () => {
    const c = await server();
    const demo = await c.loginDemo();
    await c.post('/api/v1/users.updateOwnBasicInfo', { data: { firstName: 'Demo' } }, demo);
    await c.get('/api/v1/me', demo);
    const [login, refused, me] = (await c.get('/_dev/requests')).json.requests;
    expect(refused).toMatchObject({
      method: 'POST',
      path: '/api/v1/users.updateOwnBasicInfo',
      status: 400,
      rejectedBy: 'validator',
      messages: ['must NOT have additional properties'],
    });
    expect(login).not.toHaveProperty('rejectedBy');
    expect(me).not.toHaveProperty('rejectedBy');
  });
});
