// §6 status routes and lists (users.list, users.autocomplete, directory, checkUsernameAvailability).
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

describe('status', () => {
  it('setStatus sets status and message; getStatus/getPresence describe the caller or another user', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await c.post('/api/v1/users.setStatus', { status: 'away', message: 'Lunch', expiresAt: future }, demo)).json).toEqual({
      success: true,
    });
    // The choice is kept in statusDefault; with no realtime connection, the status others see is offline.
    expect((await c.get('/api/v1/me', demo)).json).toMatchObject({ statusDefault: 'away', status: 'offline', statusConnection: 'offline' });
    const own = await c.get('/api/v1/users.getStatus', demo);
    expect(own.json).toMatchObject({
      _id: DEMO.demouser.id,
      status: 'offline',
      connectionStatus: 'offline',
      statusSource: 'user',
      statusExpiresAt: future,
    });
    const other = await c.get('/api/v1/users.getStatus?username=demouser', john);
    expect(other.json).not.toHaveProperty('connectionStatus');
    const presence = await c.get('/api/v1/users.getPresence', demo);
    expect(presence.json).toMatchObject({ presence: 'offline', connectionStatus: 'offline' });
    expect(presence.json.lastLogin).toBeDefined();
    const otherPresence = await c.get(`/api/v1/users.getPresence?userId=${DEMO.demouser.id}`, john);
    expect(otherPresence.json).toEqual({ presence: 'offline', success: true });
    expect((await c.get('/api/v1/me', demo)).json.statusText).toBe('Lunch');
  });

  it('the status others see follows live connections; a message alone keeps the chosen status', async () => {
    // Another client of this user holds a realtime connection (the REST API never does).
    await c.call('POST', `/_dev/users/${DEMO.demouser.id}`, { body: { statusConnection: 'online' } });
    await c.post('/api/v1/users.setStatus', { status: 'busy' }, demo);
    expect((await c.get('/api/v1/me', demo)).json).toMatchObject({ statusDefault: 'busy', status: 'busy' });
    await c.post('/api/v1/users.setStatus', { status: 'online' }, demo);
    expect((await c.get('/api/v1/me', demo)).json).toMatchObject({ statusDefault: 'online', status: 'online' });
    await c.call('POST', `/_dev/users/${DEMO.demouser.id}`, { body: { statusConnection: 'offline' } });
    await c.post('/api/v1/users.setStatus', { status: 'away' }, demo);
    await c.post('/api/v1/users.setStatus', { message: 'Back soon' }, demo);
    expect((await c.get('/api/v1/me', demo)).json).toMatchObject({ statusDefault: 'away', status: 'offline', statusText: 'Back soon' });
    // A message alone re-applies the chosen status: an invisible choice the workspace has since forbidden is refused.
    await c.post('/api/v1/users.setStatus', { status: 'offline' }, demo);
    await c.settings({ Accounts_AllowInvisibleStatusOption: false });
    expect((await c.post('/api/v1/users.setStatus', { message: 'Hidden' }, demo)).json.errorType).toBe('error-status-not-allowed');
    await c.settings({ Accounts_AllowInvisibleStatusOption: true });
    await c.post('/api/v1/users.setStatus', { status: 'online', message: '' }, demo);
  });

  it('setStatus errors', async () => {
    expect((await c.post('/api/v1/users.setStatus', {}, demo)).json).toEqual({
      success: false,
      error: 'Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation',
    });
    expect((await c.post('/api/v1/users.setStatus', { status: 'dancing' }, demo)).json.errorType).toBe('invalid-params');
    expect((await c.post('/api/v1/users.setStatus', { message: 'x', expiresAt: '2001-01-01T00:00:00Z' }, demo)).json.error).toBe(
      'expiresAt must be a future date [error-invalid-date]',
    );
    const other = await c.post('/api/v1/users.setStatus', { status: 'busy', username: 'roxie' }, demo);
    expect(other.status).toBe(403);
    expect((await c.post('/api/v1/users.setStatus', { status: 'busy', username: 'roxie' }, john)).status).toBe(200);
    await c.settings({ Accounts_AllowUserStatusMessageChange: false });
    expect((await c.post('/api/v1/users.setStatus', { message: 'x' }, demo)).json.error).toBe(
      'Change status is not allowed [error-not-allowed]',
    );
    expect((await c.post('/api/v1/users.setStatus', { status: 'online' }, demo)).status).toBe(200);
    await c.settings({ Accounts_AllowUserStatusMessageChange: true });
  });

  it('setStatus is limited to 5 per minute', async () => {
    const limited = await start({ rateLimit: { limit: 10, windowMs: 60_000 } });
    try {
      const session = await limited.loginDemo();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await limited.post('/api/v1/users.setStatus', { status: 'online' }, session)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('lists', () => {
  it('users.list pages (default 50, max 100) with total, sorted by username, limited fields', async () => {
    const page = await c.get('/api/v1/users.list', demo);
    expect(page.json.count).toBe(50);
    expect(page.json.offset).toBe(0);
    expect(page.json.total).toBeGreaterThan(200);
    const names = (page.json.users as { username?: string }[]).map((u) => u.username ?? '');
    expect([...names].sort()).toEqual(names);
    expect(Object.keys(page.json.users[5]).sort()).toEqual(
      ['_id', 'active', 'name', 'nameInsensitive', 'status', 'type', 'username'].filter((k) => k in page.json.users[5]),
    );
    expect(page.json.users[5]).not.toHaveProperty('emails');
    const big = await c.get('/api/v1/users.list?count=500&offset=10', demo);
    expect(big.json).toMatchObject({ count: 100, offset: 10, total: page.json.total });
    const desc = await c.get(`/api/v1/users.list?sort=${encodeURIComponent('{"username":-1}')}&count=3`, demo);
    const descNames = (desc.json.users as { username: string }[]).map((u) => u.username);
    expect([...descNames].sort().reverse()).toEqual(descNames);
  });

  it('users.list: admins see emails and may filter by email; errors', async () => {
    const full = await c.get('/api/v1/users.list?email=FUNKE@test.com', john);
    expect(full.json.users).toHaveLength(1);
    expect(full.json.users[0]).toMatchObject({
      username: 'roxie',
      emails: [{ address: 'funke@test.com', verified: true }],
      roles: ['user', 'livechat-agent'],
    });
    expect((await c.get('/api/v1/users.list?email=funke@test.com', demo)).status).toBe(403);
    const badSort = await c.get('/api/v1/users.list?sort=%7B%22username%22%3A2%7D', demo);
    expect(badSort.json).toEqual({
      success: false,
      error: 'Invalid sort parameter provided: "{"username":2}" [error-invalid-sort]',
      errorType: 'error-invalid-sort',
      details: { helperMethod: 'parseJsonQuery' },
    });
  });

  it('users.autocomplete: up to 10 items, DM contacts first', async () => {
    const res = await c.get(`/api/v1/users.autocomplete?selector=${encodeURIComponent('{"term":"o"}')}`, john);
    expect(res.json.items.length).toBeLessThanOrEqual(10);
    expect(res.json.items[0]).toMatchObject({ username: 'roxie', name: 'Funke Olasupo', nickname: 'baby girl' });
    expect(typeof res.json.items[0].status).toBe('string');
    const missing = await c.get('/api/v1/users.autocomplete', john);
    expect(missing.json).toMatchObject({ errorType: 'error-invalid-params', error: "must have required property 'selector'" });
  });

  it('directory: paging, text, sort, workspace, errors', async () => {
    const page = await c.get('/api/v1/directory?type=users&count=5', demo);
    expect(page.json).toMatchObject({ count: 5, offset: 0, success: true });
    expect(page.json.total).toBeGreaterThan(200);
    expect(page.json.result[0]).not.toHaveProperty('emails');
    expect(page.json.result.map((u: { username: string }) => u.username)).not.toContain('demouser');
    const found = await c.get('/api/v1/directory?type=users&text=funke', john);
    expect(found.json.result).toEqual([
      expect.objectContaining({
        _id: DEMO.roxie.id,
        username: 'roxie',
        nickname: 'baby girl',
        bio: 'Auspicious baby',
        emails: expect.any(Array),
      }),
    ]);
    const local = await c.get('/api/v1/directory?type=users&text=matrix', demo);
    const all = await c.get('/api/v1/directory?type=users&text=matrix&workspace=all', demo);
    expect(local.json.total).toBe(0);
    expect(all.json.total).toBe(1);
    const byName = await c.get(`/api/v1/directory?type=users&sort=${encodeURIComponent('{"name":-1}')}&count=3`, demo);
    const n = (byName.json.result as { name: string }[]).map((u) => u.name);
    expect([...n].sort().reverse()).toEqual(n);
    const twoKeys = await c.get(`/api/v1/directory?type=users&sort=${encodeURIComponent('{"name":1,"username":1}')}`, demo);
    expect(twoKeys.json).toEqual({ success: false, error: 'This method support only one "sort" parameter' });
    const badKey = await c.get(`/api/v1/directory?type=users&sort=${encodeURIComponent('{"password":1}')}`, demo);
    expect(badKey.json).toEqual({ success: false, error: 'Please verify the parameters' });
  });

  // Speed is measured by `npm run bench` (P4 syncs 50,000 people from this server), not by a
  // wall-clock bound here, which a busy machine breaks.
  it('serves a large generated directory deterministically', async () => {
    const big = await start({ people: 20_000 });
    const again = await start({ people: 20_000 });
    try {
      const session = await big.loginDemo();
      const page = await big.get('/api/v1/directory?type=users&offset=15000&count=100', session);
      expect(page.json.total).toBeGreaterThan(19_000);
      expect(page.json.count).toBe(100);
      const same = await again.get('/api/v1/directory?type=users&offset=15000&count=100', await again.loginDemo());
      expect(same.json.result).toEqual(page.json.result);
    } finally {
      await big.close();
      await again.close();
    }
  });

  it('checkUsernameAvailability', async () => {
    const check = async (u: string) =>
      (await c.get(`/api/v1/users.checkUsernameAvailability?username=${encodeURIComponent(u)}`, demo)).json;
    expect(await check('free.name')).toEqual({ result: true, success: true });
    expect((await check('ROXIE')).result).toBe(false);
    expect((await check('support')).result).toBe(false);
    expect((await check('demouser')).result).toBe(true);
    expect((await check('has space')).result).toBe(false);
    expect((await check('here')).error).toBe("here is blocked and can't be used! [error-blocked-username]");
    expect((await check('')).errorType).toBe('error-invalid-username');
    // A workspace that forbids changing usernames refuses the question, whatever the name.
    await c.settings({ Accounts_AllowUsernameChange: false });
    try {
      const refused = await c.get('/api/v1/users.checkUsernameAvailability?username=free.name', demo);
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({ error: 'Not allowed [error-not-allowed]', errorType: 'error-not-allowed' });
    } finally {
      await c.settings({ Accounts_AllowUsernameChange: true });
    }
  });
});
