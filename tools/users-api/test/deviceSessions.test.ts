// sessions/list and sessions/logout.me (apps/meteor/ee/server/api/sessions.ts): each login is a
// device session; without the licence's device-management module both answer the licence
// middleware's 400 before anything else (apps/meteor/ee/server/api/v1/middlewares/license.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, start } from './helpers';
import type { Client, Session } from './helpers';

const LIST = '/api/v1/sessions/list';
const LOGOUT = '/api/v1/sessions/logout.me';
const FIREFOX = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const ENTERPRISE_ONLY = {
  success: false,
  error: 'This is an enterprise feature [error-action-not-allowed]',
  errorType: 'error-action-not-allowed',
};

let c: Client;
afterEach(() => c.close());

async function loginFrom(userAgent: string): Promise<Session> {
  const res = await c.call('POST', '/api/v1/login', {
    body: { user: DEMO.demouser.username, password: DEMO.demouser.password },
    headers: { 'User-Agent': userAgent },
  });
  return { userId: res.json.data.userId, authToken: res.json.data.authToken };
}

describe('with the device-management licence', () => {
  it('lists each login with its device, newest first, and signing one out ends that token only', async () => {
    const seed = { users: [{ _id: DEMO.demouser.id, username: 'demouser', password: DEMO.demouser.password }] };
    c = await start({ seed, now: () => Date.parse('2026-12-07T10:00:00.000Z') });
    await c.settings({ Dev_License_Device_Management: true });
    const laptop = await loginFrom(FIREFOX);
    await c.api.advanceClock(60_000);
    const here = await loginFrom('node');

    const list = await c.get(LIST, here);
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ success: true, total: 2, count: 50, offset: 0 });
    const [first, second] = list.json.sessions;
    expect(first).toEqual({
      _id: first.sessionId,
      sessionId: expect.stringMatching(/^\w{17}$/),
      userId: DEMO.demouser.id,
      device: { type: 'other', name: '', longVersion: '', os: { name: '', version: '' }, version: '' },
      host: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      ip: expect.any(String),
      loginAt: expect.any(String),
    });
    expect(second.device).toEqual({
      type: 'browser',
      name: 'Firefox',
      longVersion: '133.0',
      os: { name: 'Linux' },
      version: '133.0',
    });
    expect([second.loginAt, first.loginAt]).toEqual(['2026-12-07T10:00:00.000Z', '2026-12-07T10:01:00.000Z']);

    const out = await c.post(LOGOUT, { sessionId: second.sessionId }, here);
    expect(out.status).toBe(200);
    expect(out.json).toEqual({ success: true, sessionId: second.sessionId });
    expect((await c.get('/api/v1/me', laptop)).status).toBe(401);
    expect((await c.get('/api/v1/me', here)).status).toBe(200);
    expect((await c.get(LIST, here)).json.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([first.sessionId]);

    // Gone now, or never this user's: Rocket.Chat's notFound with its own words.
    const again = await c.post(LOGOUT, { sessionId: second.sessionId }, here);
    expect(again.status).toBe(404);
    expect(again.json).toEqual({ success: false, error: 'Session not found' });
  });

  it("checks parameters with the route's own validators, after the rate limit, with the [invalid-params] suffix", async () => {
    c = await start({ rateLimit: { limit: 1, windowMs: 60_000 } });
    await c.settings({ Dev_License_Device_Management: true });
    const me = await c.loginDemo();
    const missing = await c.post(LOGOUT, {}, me);
    expect(missing.json).toEqual({
      success: false,
      error: "must have required property 'sessionId' [invalid-params]",
      errorType: 'invalid-params',
    });
    const extra = await c.get(`${LIST}?device=phone`, me);
    expect(extra.json).toEqual({
      success: false,
      error: 'must NOT have additional properties [invalid-params]',
      errorType: 'invalid-params',
    });
    // The refused calls counted: the next of each is over the limit.
    expect((await c.get(LIST, me)).status).toBe(429);
    expect((await c.post(LOGOUT, { sessionId: 'x' }, me)).status).toBe(429);
  });

  it('refuses sort keys outside its list and filters on the device words', async () => {
    c = await start({ seed: { users: [{ _id: DEMO.demouser.id, username: 'demouser', password: DEMO.demouser.password }] } });
    await c.settings({ Dev_License_Device_Management: true });
    await loginFrom(FIREFOX);
    const me = await c.loginDemo();
    expect((await c.get(`${LIST}?sort=${encodeURIComponent('{"ip":1}')}`, me)).json).toEqual({
      success: false,
      error: 'error-invalid-sort-keys',
    });
    const firefox = await c.get(`${LIST}?filter=firefox`, me);
    expect(firefox.json.sessions.map((s: { device: { name: string } }) => s.device.name)).toEqual(['Firefox']);
  });

  it('the demo seed gives demouser two other devices', async () => {
    c = await start();
    const me = await c.loginDemo();
    const names = (await c.get(LIST, me)).json.sessions.map((s: { device?: { name: string } }) => s.device?.name);
    expect(names).toEqual(['', 'Safari', 'Firefox']);
  });
});

describe('without it', () => {
  it('both routes answer the licence refusal before validating, and do not count against the limit', async () => {
    c = await start({ rateLimit: { limit: 1, windowMs: 60_000 } });
    await c.settings({ Dev_License_Device_Management: false });
    const me = await c.loginDemo();
    for (let i = 0; i < 3; i++) {
      const list = await c.get(`${LIST}?bogus=1`, me);
      expect(list.status).toBe(400);
      expect(list.json).toEqual(ENTERPRISE_ONLY);
    }
    const out = await c.post(LOGOUT, {}, me);
    expect(out.status).toBe(400);
    expect(out.json).toEqual(ENTERPRISE_ONLY);
    // Authentication still comes first.
    expect((await c.get(LIST)).status).toBe(401);
  });
});
