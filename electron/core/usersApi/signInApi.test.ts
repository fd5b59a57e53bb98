import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../../tests/support/testClock';
import { startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { ApiFailure } from './apiFailure';
import { fetchSignInSettings } from './signInApi';
import { UsersApiClient } from './usersApiClient';

/** The sign-in settings over real HTTP; the reference server's faults stand for servers that answer otherwise. */
describe('fetchSignInSettings', () => {
  let server: TestServer;
  // Time moves only through `during`: the waits between tries of a failing server take none.
  const clock = new TestClock();
  const client = () => new UsersApiClient({ baseUrl: server.url, fetch, clock });

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.restore());

  it('reads the public sign-in settings', async () => {
    const { settings } = await fetchSignInSettings(client());
    expect(settings).toHaveProperty('Accounts_ShowFormLogin');
  });

  it('a server that keeps its settings behind a sign-in still lets the password form be used', async () => {
    await server.failWith(401, { route: '/api/v1/settings.public', times: 1 });
    await server.failWith(403, { route: '/api/v1/settings.oauth', times: 1 });
    expect(await fetchSignInSettings(client())).toEqual({ settings: {}, services: [] });
  });

  it('a server error is still a failure, said as one', async () => {
    await server.failWith(500, { route: '/api/v1/settings.public', times: 5 });
    const error = await clock.during(fetchSignInSettings(client())).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiFailure);
    expect((error as ApiFailure).code).toBe('server-error');
  });
});
