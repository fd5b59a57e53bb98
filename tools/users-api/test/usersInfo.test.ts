// §3 users.info: lookup keys, visibility by caller, rooms, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, start } from './helpers';
import type { Client, Session } from './helpers';

let c: Client;
let demo: Session;
let john: Session;
beforeAll(async () => {
  c = await start();
  demo = await c.loginDemo();
  john = await c.loginJohn();
});
afterAll(() => c.close());

const info = (query: string, who: Session) => c.get(`/api/v1/users.info?${query}`, who);

describe('GET /api/v1/users.info', () => {
  it('finds users by every lookup key (admin caller)', async () => {
    for (const query of [
      `userId=${DEMO.roxie.id}`,
      'username=roxie',
      `username=${DEMO.roxie.id}`,
      'email=FUNKE@test.com',
      `importId=slack:U05JOHN1234`,
      'freeSwitchExtension=1234',
    ]) {
      const res = await info(query, john);
      expect(res.status, query).toBe(200);
      expect(res.json.success).toBe(true);
      expect([DEMO.roxie.id, DEMO.john.id]).toContain(res.json.user._id);
    }
  });

  it('shows public fields and public custom fields to anyone', async () => {
    const res = await info('username=roxie', demo);
    expect(res.json.user).toMatchObject({
      _id: DEMO.roxie.id,
      name: 'Funke Olasupo',
      username: 'roxie',
      nickname: 'baby girl',
      bio: 'Auspicious baby',
      statusText: 'On a vacation',
      type: 'user',
      active: true,
      canViewAllInfo: false,
      customFields: { twitter: '@funke' },
    });
    for (const hidden of ['emails', 'roles', 'createdAt', 'lastLogin', 'services', 'statusConnection', 'importIds']) {
      expect(res.json.user, hidden).not.toHaveProperty(hidden);
    }
    expect(res.json.user.customFields).not.toHaveProperty('department');
  });

  it('adds full fields for holders of view-full-other-user-info', async () => {
    const res = await info('username=roxie', john);
    expect(res.json.user).toMatchObject({
      canViewAllInfo: true,
      emails: [{ address: 'funke@test.com', verified: true }],
      roles: ['user', 'livechat-agent'],
      createdAt: '2023-02-20T13:42:07.119Z',
      statusConnection: 'away',
      customFields: { twitter: '@funke', department: 'Marketing' },
    });
    expect(res.json.user).not.toHaveProperty('services');
  });

  it('adds services (password:true, no tokens or secrets) for oneself', async () => {
    const res = await info(`userId=${DEMO.john.id}`, john);
    expect(res.json.user).toMatchObject({
      _id: DEMO.john.id,
      name: 'Test John',
      nickname: 'tesuser2',
      freeSwitchExtension: '1234',
      importIds: ['slack:U05JOHN1234'],
      avatarETag: 'GFoEi6wv3uAxnzDcD',
      services: { password: true, email2fa: { enabled: true } },
      canViewAllInfo: true,
    });
    expect(res.json.user.services).not.toHaveProperty('resume');
    expect(res.text).not.toContain('bcrypt');
  });

  it('includeUserRooms lists rooms sorted by t then name, with roles and unread', async () => {
    const res = await info(`userId=${DEMO.john.id}&includeUserRooms=true`, john);
    const rooms = res.json.user.rooms as { name: string; t: string; unread: number; roles?: string[]; _id: string; rid: string }[];
    expect(rooms.map((r) => `${r.t}:${r.name}`)).toEqual([
      'c:Livestream',
      'c:general',
      'c:test-audit',
      'c:test-room',
      'c:try',
      'd:roxie',
      'p:new',
      'p:support',
    ]);
    expect(rooms[0]).toEqual({ _id: '651667dda2f73c7460e18cce', rid: 'JKa7R9zu2DinBhBN9', name: 'Livestream', t: 'c', unread: 1 });
    expect(rooms.find((r) => r.name === 'roxie')).toMatchObject({ rid: '5fRTXMt7DMJbpPJfhrbAXPnMktTFbNpwtJ', unread: 2 });
    expect(rooms.find((r) => r.name === 'test-room')?.roles).toEqual(['owner']);
    expect(rooms.find((r) => r.name === 'new')?.roles).toEqual(['leader']);
    expect(rooms.find((r) => r.name === 'try')?.roles).toEqual([]);
  });

  it('includeUserRooms for someone else: needs view-other-user-channels, else silently ignored', async () => {
    const byAdmin = await info(`username=roxie&includeUserRooms=true`, john);
    expect(byAdmin.json.user.rooms.length).toBeGreaterThan(0);
    const byUser = await info(`username=roxie&includeUserRooms=true`, demo);
    expect(byUser.status).toBe(200);
    expect(byUser.json.user).not.toHaveProperty('rooms');
    const own = await info(`username=demouser&includeUserRooms=true`, demo);
    expect(own.json.user.rooms.map((r: { name: string }) => r.name)).toEqual(['general', 'roxie']);
  });

  it('ignores fields', async () => {
    const res = await info(`username=roxie&fields=${encodeURIComponent('{"userRooms":1}')}`, john);
    expect(res.status).toBe(200);
    expect(res.json.user).not.toHaveProperty('rooms');
  });

  it('errors: User not found., Invalid search query., schema', async () => {
    expect((await info('username=nobody', demo)).json).toEqual({ success: false, error: 'User not found.' });
    // importId and email lookups need view-full-other-user-info.
    expect((await info('importId=slack:U05JOHN1234', demo)).json).toEqual({ success: false, error: 'User not found.' });
    expect((await info('email=funke@test.com', demo)).json).toEqual({ success: false, error: 'User not found.' });
    // ...except the caller's own address, which is "myself" (getFullUserData).
    expect((await info('email=DemoUser@example.com', demo)).json.user).toMatchObject({ username: 'demouser' });
    expect((await info('userId=', demo)).json).toEqual({ success: false, error: 'Invalid search query.' });
    const none = await info('includeUserRooms=true', demo);
    expect(none.status).toBe(400);
    expect(none.json).toEqual({
      success: false,
      errorType: 'error-invalid-params',
      error:
        "must have required property 'userId'\n must have required property 'username'\n must have required property 'importId'\n" +
        " must have required property 'email'\n must have required property 'freeSwitchExtension'\n must match a schema in anyOf",
    });
    const extra = await info('username=roxie&foo=1', demo);
    expect(extra.status).toBe(400);
    expect(extra.json.error).toContain('must NOT have additional properties');
  });

  it('hides status fields of users who deny status visibility', async () => {
    await c.post(`/_dev/users/${DEMO.roxie.id}`, { settings: { preferences: { statusVisibilityDenied: true } } });
    const other = await info('username=roxie', demo);
    expect(other.json.user).not.toHaveProperty('status');
    expect(other.json.user).not.toHaveProperty('statusText');
    await c.post(`/_dev/users/${DEMO.roxie.id}`, { settings: { preferences: {} } });
  });

  it('needs auth', async () => {
    const res = await c.get('/api/v1/users.info?username=roxie');
    expect(res.status).toBe(401);
  });
});

describe('users.info on --compat 7', () => {
  it('uses the old-style schema error of the customer document', async () => {
    const old = await start({ compat: 7 });
    try {
      const session = await old.loginDemo();
      const res = await old.get('/api/v1/users.info', session);
      expect(res.json).toEqual({
        success: false,
        error:
          "must have required property 'userId'\n must have required property 'username'\n must have required property 'importId'\n must match a schema in anyOf [invalid-params]",
        errorType: 'invalid-params',
      });
    } finally {
      await old.close();
    }
  });
});
