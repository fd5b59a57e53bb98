import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startUsersApi } from '../../../tools/users-api/src/index';
import { demo, startTestServer, testBcryptRounds, type TestServer } from '../../../tests/support/usersApiServer';
import { collectGarbage, startDrippingServer, type DrippingServer } from '../../../tests/support/drippingServer';
import { TestClock } from '../../../tests/support/testClock';
import { systemClock } from '../clock';
import { ApiFailure } from './apiFailure';
import { passwordDigest } from './authApi';
import { loginWith, passwordLoginBody } from './signInApi';
import { UsersApiClient, type Credentials, type UsersApiClientOptions } from './usersApiClient';

/** Retries over real HTTP: the reference server's faults decide what each try meets. */
describe('UsersApiClient retries', () => {
  let server: TestServer;
  let auth: Credentials;
  // The waits between tries are this clock's: they pass when the test moves it (`during`), and `ran` lists them.
  let clock: TestClock;
  const waits = () => clock.ran;
  const client = (options: Partial<UsersApiClientOptions> = {}) =>
    new UsersApiClient({
      baseUrl: server.url,
      fetch,
      clock,
      ...options,
    });
  const served = async (path: string) => (await server.requests()).filter((r) => r.path === path);
  const failureOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiFailure);
    return error as ApiFailure;
  };

  beforeAll(async () => {
    server = await startTestServer();
    clock = new TestClock();
    const answer = await loginWith(client(), passwordLoginBody(demo.plain.user, { digest: passwordDigest(demo.plain.password) }));
    auth = { userId: answer.userId, token: answer.token };
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    clock = new TestClock();
    await server.restore();
    await server.forgetRequests();
  });

  it('tries a GET again after 5xx replies and a dropped connection, with growing waits', async () => {
    await server.failWith(503, { route: '/api/v1/me', times: 1 });
    await server.dropConnections({ route: '/api/v1/me', times: 1 });
    await server.failWith(500, { route: '/api/v1/me', times: 1 });
    const me = (await clock.during(client({ retryPolicy: { attempts: 4 } }).request({ path: '/api/v1/me', auth }))) as { username: string };
    expect(me.username).toBe(demo.plain.user);
    expect((await served('/api/v1/me')).map((r) => r.status)).toEqual([503, 0, 500, 200]);
    expect(waits()).toHaveLength(3);
    // Equal jitter: each wait lies in [ceiling/2, ceiling] and the ceiling doubles.
    waits().forEach((ms, index) => {
      const ceiling = 400 * 2 ** index;
      expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
      expect(ms).toBeLessThanOrEqual(ceiling);
    });
  });

  it('gives up after the last try with the last failure', async () => {
    await server.failWith(502, { route: '/api/v1/me', times: 5 });
    const failure = await failureOf(clock.during(client().request({ path: '/api/v1/me', auth })));
    expect(failure.code).toBe('server-error');
    expect(await served('/api/v1/me')).toHaveLength(3);
  });

  it('tries again after a reply slower than the timeout', async () => {
    // A reply that never comes in time (the server drops the wait when it closes); the deadline
    // passes when the test moves the clock to it, so the second try succeeds however busy the machine.
    await server.delay(600_000, { route: '/api/v1/me', times: 1 });
    const work = client({ timeoutMs: 2000 }).request({ path: '/api/v1/me', auth });
    // The first try has reached the server (the slow reply is under way) before its deadline passes.
    await expect.poll(async () => ((await server.dev('/_dev/faults')) as { faults: unknown[] }).faults).toEqual([]);
    expect(await clock.next()).toBe(2000); // the first try's deadline
    await clock.next(); // the one wait before the second try
    await work;
    expect(waits()).toEqual([2000, expect.any(Number)]); // the deadline, then one wait: one retry
    expect(clock.pending()).toEqual([]);
  });

  it('never retries a 4xx answer, an unreadable reply or a POST', async () => {
    const notFound = await failureOf(client().request({ path: '/api/v1/users.info', auth, query: { username: 'nobody-here' } }));
    expect(notFound.code).toBe('validation');
    expect(await served('/api/v1/users.info')).toHaveLength(1);

    await server.malformedReplies({ route: '/api/v1/me', times: 1 });
    expect((await failureOf(client().request({ path: '/api/v1/me', auth }))).code).toBe('server-error');
    expect(await served('/api/v1/me')).toHaveLength(1);

    await server.failWith(500, { route: '/api/v1/users.setStatus', times: 1 });
    await failureOf(client().request({ path: '/api/v1/users.setStatus', auth, body: { status: 'away' } }));
    expect(await served('/api/v1/users.setStatus')).toHaveLength(1);
    expect(waits()).toEqual([]);
  });

  it('does not wait when the core is closing', async () => {
    const closing = new AbortController();
    closing.abort();
    await server.failWith(500, { route: '/api/v1/me', times: 3 });
    await failureOf(client({ signal: closing.signal }).request({ path: '/api/v1/me', auth }));
    expect(waits()).toEqual([]);
  });
});

describe('UsersApiClient and rate limits', () => {
  it('waits for X-RateLimit-Reset after a 429, then succeeds; a reset too far away fails at once', async () => {
    // One clock for client and server that moves only when the client "waits": the wait it
    // computes does not depend on how long the requests took.
    const clock = new TestClock();
    const server = await startUsersApi({
      port: 0,
      dev: true,
      rateLimit: { limit: 1, windowMs: 30_000 },
      now: () => clock.now(),
      bcryptRounds: testBcryptRounds,
    });
    try {
      const make = (maxRateLimitWaitMs: number) =>
        // A deadline beyond the rate limit's wait: moving the clock past that wait never times out a request on its way.
        new UsersApiClient({ baseUrl: server.url, fetch, clock, timeoutMs: 3_600_000, retryPolicy: { maxRateLimitWaitMs } });
      const path = '/api/v1/users.2fa.sendEmailCode';
      await make(60_000).request({ path, body: { emailOrUsername: 'nobody' }, retry: true });
      await clock.during(make(60_000).request({ path, body: { emailOrUsername: 'nobody' }, retry: true }), 60_000);
      const waits = clock.ran;
      expect(waits).toEqual([30_000]);

      const error = await make(5_000)
        .request({ path, body: { emailOrUsername: 'nobody' }, retry: true })
        .then(
          () => null,
          (e: unknown) => e as ApiFailure,
        );
      expect(error?.code).toBe('rate-limited');
      expect(error?.details.retryAfter).toBeGreaterThan(5);
      expect(waits).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('UsersApiClient reply size', () => {
  it('refuses a reply larger than the limit without reading it all', async () => {
    const server = await startTestServer();
    try {
      const client = new UsersApiClient({ baseUrl: server.url, fetch, clock: systemClock });
      const error = await client.request({ path: '/api/info', maxBytes: 10 }).then(
        () => null,
        (e: unknown) => e as ApiFailure,
      );
      expect(error).toMatchObject({ code: 'server-error', message: expect.stringContaining('larger than expected') });
      expect(await client.request({ path: '/api/info' })).toMatchObject({ success: true });
    } finally {
      await server.close();
    }
  });
});

describe('UsersApiClient deadline', () => {
  let drip: DrippingServer;
  beforeAll(async () => {
    drip = await startDrippingServer();
  });
  afterAll(() => drip.close());

  it('fails at its deadline against a server that drips its reply, garbage collections or not', async () => {
    const deadlineMs = 2_000;
    const client = new UsersApiClient({ baseUrl: drip.url, fetch, clock: systemClock, timeoutMs: deadlineMs });
    const started = performance.now();
    // Collections while the reply drips in: the deadline must not be lost with them.
    const collecting = setInterval(collectGarbage, 250);
    const failure = await client.request({ path: '/api/v1/me', retry: false }).then(
      () => null,
      (error: unknown) => error,
    );
    clearInterval(collecting);
    const elapsed = performance.now() - started;
    expect(failure).toBeInstanceOf(ApiFailure);
    expect((failure as ApiFailure).code).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(deadlineMs - 1_000);
    expect(elapsed).toBeLessThanOrEqual(deadlineMs + 1_000);
  });
});
