// The /_dev controls: faults, mailbox, user patches, token revocation, request
// log, settings, clock, reset — and their absence without --dev.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, start } from './helpers';
import type { Client } from './helpers';

let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

describe('/_dev without --dev', () => {
  it('answers the 404 envelope', async () => {
    const plain = await start({ dev: false });
    try {
      for (const res of [
        await plain.get('/_dev/mailbox'),
        await plain.post('/_dev/faults', { route: '*', status: 500, times: 1 }),
        await plain.post('/_dev/settings', {}),
        await plain.call('DELETE', `/_dev/users/${DEMO.demouser.id}/tokens`),
      ]) {
        expect(res.status).toBe(404);
        expect(res.json).toEqual({ success: false, error: 'Resource not found' });
      }
      expect((await plain.get('/api/info')).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});

describe('faults', () => {
  it('status faults apply to the next N calls of a route, then clear by themselves', async () => {
    const session = await c.loginDemo();
    const set = await c.post('/_dev/faults', { route: '/api/v1/me', status: 503, times: 2 });
    expect(set.json).toEqual({ success: true, faults: [{ route: '/api/v1/me', status: 503, times: 2 }] });
    expect((await c.get('/api/v1/me', session)).status).toBe(503);
    expect((await c.get('/api/info')).status).toBe(200);
    expect((await c.get('/api/v1/me', session)).status).toBe(503);
    expect((await c.get('/api/v1/me', session)).status).toBe(200);
  });

  it("'*' faults, delays, malformed JSON, dropped connections, and DELETE clears", async () => {
    const session = await c.loginDemo();
    await c.post('/_dev/faults', { route: '*', status: 500, times: 1 });
    const crashed = await c.get('/api/info');
    expect(crashed.status).toBe(500);
    expect(crashed.json).toEqual({ success: false, error: 'Internal server error' });

    await c.post('/_dev/faults', { route: '/api/v1/me', delayMs: 150, times: 1 });
    const t0 = Date.now();
    expect((await c.get('/api/v1/me', session)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    await c.post('/_dev/faults', { route: '/api/v1/me', malformedJson: true, times: 1 });
    const broken = await c.get('/api/v1/me', session);
    expect(broken.status).toBe(200);
    expect(broken.headers.get('content-type')).toBe('application/json');
    expect(() => JSON.parse(broken.text)).toThrow();

    await c.post('/_dev/faults', { route: '/api/v1/me', reset: true, times: 1 });
    await expect(fetch(`${c.url}/api/v1/me`)).rejects.toThrow();

    await c.post('/_dev/faults', { route: '*', status: 500, times: 5 });
    expect((await c.call('DELETE', '/_dev/faults')).json).toEqual({ success: true });
    expect((await c.get('/_dev/faults')).json.faults).toEqual([]);
    expect((await c.get('/api/v1/me', session)).status).toBe(200);
    const log = (await c.get('/_dev/requests')).json.requests as { path: string; status: number }[];
    expect(log.some((r) => r.path === '/api/v1/me' && r.status === 0)).toBe(true);
  });

  it('rejects malformed fault definitions', async () => {
    expect((await c.post('/_dev/faults', { route: 'me', status: 500 })).status).toBe(400);
    expect((await c.post('/_dev/faults', { route: '*' })).status).toBe(400);
    expect((await c.post('/_dev/faults', { route: '*', status: 500, bogus: 1 })).status).toBe(400);
  });
});

describe('users, tokens, mailbox, requests, settings, clock, reset', () => {
  it('POST /_dev/users/<id> patches the user and bumps _updatedAt', async () => {
    const session = await c.loginDemo();
    const before = (await c.get('/api/v1/me', session)).json._updatedAt;
    const res = await c.post(`/_dev/users/${DEMO.demouser.id}`, { name: 'Edited Elsewhere', nickname: null });
    expect(res.json.user.name).toBe('Edited Elsewhere');
    const me = (await c.get('/api/v1/me', session)).json;
    expect(me.name).toBe('Edited Elsewhere');
    expect(Date.parse(me._updatedAt)).toBeGreaterThan(Date.parse(before));
    expect((await c.post(`/_dev/users/${DEMO.demouser.id}`, { _id: 'x' })).status).toBe(400);
    expect((await c.post('/_dev/users/nobody', { name: 'x' })).status).toBe(404);
    await c.post(`/_dev/users/${DEMO.demouser.id}`, { password: 'changed-elsewhere-1' });
    expect((await c.post('/api/v1/login', { user: 'demouser', password: 'changed-elsewhere-1' })).status).toBe(200);
  });

  it('DELETE /_dev/users/<id>/tokens revokes every login token', async () => {
    const a = await c.loginDemo();
    const b = await c.loginDemo();
    // These two and the seed's two other device sessions.
    expect((await c.call('DELETE', `/_dev/users/${DEMO.demouser.id}/tokens`)).json).toEqual({ success: true, removed: 4 });
    expect((await c.get('/api/v1/me', a)).status).toBe(401);
    expect((await c.get('/api/v1/me', b)).status).toBe(401);
  });

  it('mailbox lists by recipient and clears; requests log records status and clears', async () => {
    await c.post('/api/v1/users.2fa.sendEmailCode', { emailOrUsername: 'test.john' });
    const [mail] = await c.mailbox('TEST.JOHN@test.com');
    expect(mail).toMatchObject({ to: DEMO.john.email, subject: 'Authentication code', code: expect.stringMatching(/^\d{3}-\d{3}$/) });
    expect(Date.parse(mail?.sentAt ?? '')).not.toBeNaN();
    expect((await c.get('/_dev/mailbox')).json.messages).toHaveLength(1);
    await c.call('DELETE', '/_dev/mailbox');
    expect(await c.mailbox(DEMO.john.email)).toEqual([]);

    await c.get('/api/v1/me');
    const log = (await c.get('/_dev/requests')).json.requests;
    expect(log).toEqual([
      {
        seq: 1,
        method: 'POST',
        path: '/api/v1/users.2fa.sendEmailCode',
        status: 200,
        at: expect.any(String),
        body: { emailOrUsername: 'test.john' },
      },
      { seq: 2, method: 'GET', path: '/api/v1/me', status: 401, at: expect.any(String) },
    ]);
    await c.post('/api/v1/login', { user: 'demouser', password: 'demo-pass-1' });
    expect((await c.get('/_dev/requests')).json.requests.at(-1).body).toEqual({ user: 'demouser', password: '[redacted]' });
    await c.call('DELETE', '/_dev/requests');
    expect((await c.get('/_dev/requests')).json.requests).toEqual([]);
    // Numbers go on after a clear (and a reset), so a reader can ask "anything new since n?".
    await c.get('/api/v1/me');
    expect((await c.get('/_dev/requests')).json.requests).toEqual([expect.objectContaining({ seq: 4, path: '/api/v1/me' })]);
  });

  it('settings patch refuses unknown keys and wrong types; clock moves time', async () => {
    expect((await c.post('/_dev/settings', { No_Such_Setting: true })).status).toBe(400);
    expect((await c.post('/_dev/settings', { Accounts_AllowUserProfileChange: 'no' })).status).toBe(400);
    const ok = await c.post('/_dev/settings', { UpdateOwnBasicInfo_Rate_Limit_Calls: 2 });
    expect(ok.json.settings.UpdateOwnBasicInfo_Rate_Limit_Calls).toBe(2);
    expect((await c.get('/_dev/settings')).json.settings.API_Enable_Rate_Limiter_Limit_Calls_Default).toBe(10);
    const clock = await c.post('/_dev/clock', { advanceMs: 3_600_000 });
    expect(clock.json.offsetMs).toBe(3_600_000);
    expect(Date.parse(clock.json.now)).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it('POST /_dev/reset restores the seed', async () => {
    const session = await c.loginDemo();
    await c.post(`/_dev/users/${DEMO.demouser.id}`, { name: 'Changed' });
    await c.post('/_dev/reset', {});
    expect((await c.get('/api/v1/me', session)).status).toBe(401);
    const fresh = await c.loginDemo();
    expect((await c.get('/api/v1/me', fresh)).json.name).toBe('demouser');
  });
});
