// §0 and §7: envelopes, headers, auth, 401/403/404/500, rate limits, malformed JSON.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, start } from './helpers';
import type { Client } from './helpers';

let c: Client;
beforeEach(async () => {
  c = await start();
});
afterEach(() => c.close());

describe('envelopes and headers', () => {
  it('sends Cache-Control: no-store and Pragma: no-cache on API replies, success and failure', async () => {
    for (const res of [await c.get('/api/info'), await c.get('/api/v1/me'), await c.get('/api/v1/nope')]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('pragma')).toBe('no-cache');
    }
  });

  it('/api/info: trimmed version for anyone, the full one for view-statistics', async () => {
    expect((await c.get('/api/info')).json).toMatchObject({ version: '8.8', success: true, minimumClientVersions: expect.any(Object) });
    const john = await c.loginJohn();
    expect((await c.get('/api/info', john)).json).toMatchObject({ version: '8.8.1', info: { version: '8.8.1' } });
  });

  it('401 for missing, wrong, expired or revoked tokens', async () => {
    const body = {
      success: false,
      error: 'You must be logged in to do this.',
      status: 'error',
      message: 'You must be logged in to do this.',
    };
    expect((await c.get('/api/v1/me')).json).toEqual(body);
    const session = await c.loginDemo();
    expect((await c.get('/api/v1/me', { userId: session.userId, authToken: 'wrong' })).status).toBe(401);
    expect((await c.get('/api/v1/me', { userId: DEMO.john.id, authToken: session.authToken })).status).toBe(401);
    c.api.advanceClock(91 * 24 * 3600 * 1000);
    const expired = await c.get('/api/v1/me', session);
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual(body);
  });

  it('403 bodies: declared permission, other refusals, users without a username', async () => {
    const bot = (await c.call('POST', '/_dev/users/rocket.cat/tokens')).json;
    await c.post('/_dev/users/rocket.cat', { roles: ['guest-less'] });
    expect((await c.get('/api/v1/users.list', bot)).json).toEqual({
      success: false,
      error: 'User does not have the permissions required for this action [error-unauthorized]',
    });
    const demo = await c.loginDemo();
    expect((await c.get('/api/v1/users.list?email=x@y.z', demo)).json).toEqual({ success: false, error: 'unauthorized' });
    const pending = await c.login('pending.setup@example.com', 'pending-pass-1');
    expect((await c.get('/api/v1/me', pending)).status).toBe(200);
    const refused = await c.get('/api/v1/users.info?username=roxie', pending);
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ success: false, error: 'Users must have a username [error-unauthorized]' });
  });

  it('404 envelope for unknown routes and methods', async () => {
    for (const res of [await c.get('/api/v1/users.nothing'), await c.call('DELETE', '/api/v1/me')]) {
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ success: false, error: 'Resource not found' });
    }
  });

  it('malformed JSON answers 400 with a clear error, and the server keeps serving', async () => {
    const session = await c.loginDemo();
    const res = await c.call('POST', '/api/v1/users.updateOwnBasicInfo', {
      auth: session,
      rawBody: '{"data": {',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      success: false,
      errorType: 'error-invalid-json',
      error: 'Malformed JSON in request body [error-invalid-json]',
    });
    expect((await c.get('/api/v1/me', session)).status).toBe(200);
  });

  it('accepts urlencoded bodies', async () => {
    const res = await c.call('POST', '/api/v1/login', {
      rawBody: 'user=demouser&password=demo-pass-1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
  });
});

describe('general rate limit (10 per 60 s per route and IP)', () => {
  it('sends X-RateLimit-* (reset in epoch ms), 429 after the limit, admins exempt, resets with the window', async () => {
    const limited = await start({ rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const demo = await limited.loginDemo();
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 4; i++) {
        const sentAt = Date.now();
        last = await limited.get('/api/v1/me', demo);
        const answeredAt = Date.now();
        statuses.push(last.status);
        if (i === 0) {
          expect(last.headers.get('x-ratelimit-limit')).toBe('3');
          expect(last.headers.get('x-ratelimit-remaining')).toBe('2');
          // The window opened while this first call was being served, however long that took.
          const reset = Number(last.headers.get('x-ratelimit-reset'));
          expect(reset).toBeGreaterThanOrEqual(sentAt + 60_000);
          expect(reset).toBeLessThanOrEqual(answeredAt + 60_000);
        }
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(last?.json.error).toMatch(
        /^Error, too many requests\. Please slow down\. You must wait \d+ seconds before trying this endpoint again\. \[error-too-many-requests\]$/,
      );
      expect(last?.headers.get('x-ratelimit-remaining')).toBe('0');
      // Another route has its own budget; /api/info is not limited.
      expect((await limited.get('/api/v1/users.getStatus', demo)).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await limited.get('/api/info')).status).toBe(200);
      const john = await limited.loginJohn();
      for (let i = 0; i < 5; i++) expect((await limited.get('/api/v1/me', john)).status).toBe(200);
      limited.api.advanceClock(60_000);
      expect((await limited.get('/api/v1/me', demo)).status).toBe(200);
      const log = (await limited.get('/_dev/requests')).json.requests as { status: number }[];
      expect(log.filter((r) => r.status === 429)).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it('defaults to Rocket.Chat limits when not configured', async () => {
    const defaults = await start({ rateLimit: undefined });
    try {
      const res = await defaults.get('/api/v1/me', await defaults.loginDemo());
      expect(res.headers.get('x-ratelimit-limit')).toBe('10');
      expect(res.headers.get('x-ratelimit-remaining')).toBe('9');
    } finally {
      await defaults.close();
    }
  });
});
