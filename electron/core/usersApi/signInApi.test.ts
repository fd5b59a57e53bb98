import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { systemClock } from '../clock';
import { ApiFailure } from './apiFailure';
import { fetchSignInSettings } from './signInApi';
import { UsersApiClient } from './usersApiClient';

/** The sign-in settings over real HTTP; the reference server's faults stand for servers that answer otherwise. */
describe('fetchSignInSettings', () => {
  let server: TestServer;
  const client = () => new UsersApiClient({ baseUrl: server.url, fetch, clock: systemClock, sleep: async () => undefined });

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
    const error = await fetchSignInSettings(client()).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiFailure);
    expect((error as ApiFailure).code).toBe('server-error');
  });
});
