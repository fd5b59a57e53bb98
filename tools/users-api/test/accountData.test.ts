// A username for an account without one (users.getUsernameSuggestion) and "download my data"
// (users.requestDataDownload), as apps/meteor/server/api/v1/users.ts declares them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, start } from './helpers';
import type { Client } from './helpers';

const SUGGEST = '/api/v1/users.getUsernameSuggestion';
const DOWNLOAD = '/api/v1/users.requestDataDownload';
const DAY = 24 * 60 * 60 * 1000;

let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

describe('users.getUsernameSuggestion', () => {
  it('answers an account without a username (userWithoutUsername) with its name as a slug', async () => {
    const pending = await c.login('pending.setup@example.com', 'pending-pass-1');
    // The same session is refused elsewhere: the route is one of the few open to it.
    expect((await c.get('/api/v1/users.getPersonalAccessTokens', pending)).status).toBe(403);
    const res = await c.get(SUGGEST, pending);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ success: true, result: 'pending.setup' });
  });

  it('skips taken names: initial + last name next, then the address, then a numbered name', async () => {
    const pending = await c.login('pending.setup@example.com', 'pending-pass-1');
    const patched = await c.post(`/_dev/users/${DEMO.john.id}`, { username: 'pending.setup' });
    expect(patched.status).toBe(200);
    expect((await c.get(SUGGEST, pending)).json.result).toBe('psetup');
    await c.settings({ UTF8_Names_Slugify: false });
    expect((await c.get(SUGGEST, pending)).json.result).toBe('Pending Setup');
  });

  it('the suggestion is set through users.updateOwnBasicInfo, which 8.x opens to accounts without a username', async () => {
    const pending = await c.login('pending.setup@example.com', 'pending-pass-1');
    const suggested: string = (await c.get(SUGGEST, pending)).json.result;
    const saved = await c.post('/api/v1/users.updateOwnBasicInfo', { data: { username: suggested } }, pending);
    expect(saved.status).toBe(200);
    expect(saved.json.user.username).toBe('pending.setup');
    expect((await c.get('/api/v1/users.info?username=roxie', pending)).status).toBe(200);

    const old = await start({ compat: 7 });
    try {
      const pending7 = await old.login('pending.setup@example.com', 'pending-pass-1');
      const refused = await old.post('/api/v1/users.updateOwnBasicInfo', { data: { username: 'pending.setup' } }, pending7);
      expect(refused.json).toEqual({ success: false, error: 'Users must have a username [error-unauthorized]' });
    } finally {
      await old.close();
    }
  });

  it('wants a session', async () => {
    expect((await c.get(SUGGEST)).status).toBe(401);
  });
});

describe('users.requestDataDownload', () => {
  it('queues a request, answers the same one again within a day, and a new one after', async () => {
    const demo = await c.loginDemo();
    const first = await c.get(`${DOWNLOAD}?fullExport=true`, demo);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      success: true,
      requested: true,
      url: null,
      pendingOperationsBeforeMyRequest: 0,
      exportOperation: { status: 'pending', fullExport: true, createdAt: expect.any(String) },
    });
    const again = await c.get(`${DOWNLOAD}?fullExport=true`, demo);
    expect(again.json).toMatchObject({ requested: false, exportOperation: { _id: first.json.exportOperation._id } });

    // Messages only is another kind: a request of its own, behind the full export still waiting.
    const messages = await c.get(DOWNLOAD, demo);
    expect(messages.json).toMatchObject({ requested: true, pendingOperationsBeforeMyRequest: 1, exportOperation: { fullExport: false } });

    expect((await c.post('/_dev/clock', { advanceMs: DAY + 1000 })).status).toBe(200);
    const later = await c.get(`${DOWNLOAD}?fullExport=true`, demo);
    expect(later.json.requested).toBe(true);
    expect(later.json.exportOperation._id).not.toBe(first.json.exportOperation._id);
  });

  it('checks the query with Rocket.Chat validator and refuses an account without a username', async () => {
    const demo = await c.loginDemo();
    const bad = await c.get(`${DOWNLOAD}?everything=1`, demo);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ success: false, errorType: 'error-invalid-params' });
    const pending = await c.login('pending.setup@example.com', 'pending-pass-1');
    expect((await c.get(DOWNLOAD, pending)).json).toEqual({ success: false, error: 'Users must have a username [error-unauthorized]' });
  });

  it('is public in settings.public as UserData_EnableDownload', async () => {
    const res = await c.get('/api/v1/settings.public?count=200');
    expect(res.json.settings).toContainEqual({ _id: 'UserData_EnableDownload', value: true });
  });
});
