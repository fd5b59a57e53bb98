// users.deleteOwnAccount: off unless the workspace allows it, the password digest as proof, and
// the "last owner of rooms" answer with its confirmRelinquish step (docs/protocol.md §6).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, sha256, start } from './helpers';
import type { Client } from './helpers';

const DELETE = '/api/v1/users.deleteOwnAccount';

let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

describe('users.deleteOwnAccount', () => {
  it('is refused while the workspace does not allow it, whatever the password', async () => {
    const demo = await c.loginDemo();
    const res = await c.post(DELETE, { password: sha256(DEMO.demouser.password) }, demo);
    expect(res.json).toEqual({ success: false, error: 'Not allowed [error-not-allowed]', errorType: 'error-not-allowed' });
    expect((await c.get('/api/v1/me', demo)).status).toBe(200);
  });

  it('checks the body with the route’s schema, then the digest', async () => {
    await c.settings({ Accounts_AllowDeleteOwnAccount: true });
    const demo = await c.loginDemo();
    expect((await c.post(DELETE, {}, demo)).json).toEqual({
      success: false,
      error: "must have required property 'password'",
      errorType: 'invalid-params',
    });
    expect((await c.post(DELETE, { password: sha256('wrong') }, demo)).json).toEqual({
      success: false,
      error: 'Invalid password [error-invalid-password]',
      errorType: 'error-invalid-password',
      details: { method: 'deleteUserOwnAccount' },
    });
  });

  it('deletes an account that owns no room alone: its session ends and it cannot sign in again', async () => {
    await c.settings({ Accounts_AllowDeleteOwnAccount: true });
    const demo = await c.loginDemo();
    expect((await c.post(DELETE, { password: sha256(DEMO.demouser.password) }, demo)).json).toEqual({ success: true });
    expect((await c.get('/api/v1/me', demo)).status).toBe(401);
    const again = await c.post('/api/v1/login', { user: DEMO.demouser.username, password: DEMO.demouser.password });
    expect(again.status).toBe(401);
  });

  it('answers user-last-owner with the rooms named, and deletes on confirmRelinquish', async () => {
    await c.settings({ Accounts_AllowDeleteOwnAccount: true });
    const john = await c.loginJohn();
    const first = await c.post(DELETE, { password: sha256(DEMO.john.password) }, john);
    expect(first.status).toBe(400);
    // test.john is the sole owner of test-room (roxie is a member) and the only member of the team room Support.
    expect(first.json).toEqual({
      success: false,
      error: '[user-last-owner]',
      errorType: 'user-last-owner',
      details: { shouldBeRemoved: ['Support'], shouldChangeOwner: ['test-room'] },
    });
    expect((await c.get('/api/v1/me', john)).status).toBe(200);
    const second = await c.post(DELETE, { password: sha256(DEMO.john.password), confirmRelinquish: true }, john);
    expect(second.json).toEqual({ success: true });
    expect((await c.get('/api/v1/me', john)).status).toBe(401);
  });
});
