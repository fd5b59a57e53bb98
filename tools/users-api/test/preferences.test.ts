// users.getPreferences and users.setPreferences as apps/meteor/server/api/v1/users.ts declares them,
// with saveUserPreferences (apps/meteor/server/meteor-methods/users/saveUserPreferences.ts) behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, start } from './helpers';
import type { Client } from './helpers';

const GET = '/api/v1/users.getPreferences';
const SET = '/api/v1/users.setPreferences';

let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

describe('users.getPreferences', () => {
  it('answers what the person set, with the language beside it', async () => {
    const me = await c.loginDemo();
    const res = await c.get(GET, me);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      success: true,
      preferences: {
        language: 'en',
        desktopNotifications: 'mentions',
        pushNotifications: 'all',
        emailNotificationMode: 'nothing',
        enableAutoAway: true,
        idleTimeLimit: 300,
        highlights: ['release', 'demo'],
      },
    });
  });

  it('wants a session', async () => {
    expect((await c.get(GET)).status).toBe(401);
  });
});

describe('users.setPreferences', () => {
  it('sets only the keys sent: the others stay (no whole set needed)', async () => {
    const me = await c.loginDemo();
    const res = await c.post(SET, { data: { desktopNotifications: 'nothing', language: 'de' } }, me);
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({
      _id: DEMO.demouser.id,
      settings: { preferences: expect.objectContaining({ desktopNotifications: 'nothing', language: 'de', idleTimeLimit: 300 }) },
    });
    const read = (await c.get(GET, me)).json.preferences;
    expect(read).toMatchObject({ desktopNotifications: 'nothing', language: 'de', highlights: ['release', 'demo'] });
  });

  it('renames the old email modes and refuses an idle time under a minute', async () => {
    const me = await c.loginDemo();
    await c.post(SET, { data: { emailNotificationMode: 'all' } }, me);
    expect((await c.get(GET, me)).json.preferences.emailNotificationMode).toBe('mentions');
    const refused = await c.post(SET, { data: { idleTimeLimit: 30 } }, me);
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      success: false,
      error: 'Invalid idleTimeLimit [invalid-idle-time-limit-value]',
      errorType: 'invalid-idle-time-limit-value',
    });
  });

  it("checks the body with Rocket.Chat's validator: unknown keys and wrong types are refused", async () => {
    const me = await c.loginDemo();
    const unknown = await c.post(SET, { data: { notAPreference: true } }, me);
    expect(unknown.status).toBe(400);
    expect(unknown.json.errorType).toBe('invalid-params');
    const wrongType = await c.post(SET, { data: { enableAutoAway: 'yes' } }, me);
    expect(wrongType.status).toBe(400);
    expect((await c.post(SET, {}, me)).status).toBe(400);
  });

  it("refuses another person's preferences without edit-other-user-info", async () => {
    const me = await c.loginDemo();
    const res = await c.post(SET, { userId: DEMO.roxie.id, data: { language: 'fr' } }, me);
    expect(res.json).toEqual({
      success: false,
      error: 'Editing user is not allowed [error-action-not-allowed]',
      errorType: 'error-action-not-allowed',
    });
  });

  it('asks no second factor, even of an authenticator user', async () => {
    const roxie = await c.loginRoxie();
    const res = await c.post(SET, { data: { highlights: ['roxie', 'funke'] } }, roxie);
    expect(res.status).toBe(200);
    expect((await c.get(GET, roxie)).json.preferences.highlights).toEqual(['roxie', 'funke']);
  });
});
