// tests/support/usersApiServer.ts reports requests the reference server refused at one of
// Rocket.Chat's validators: through collectValidatorRejections() (the e2e fixtures ask at
// the end of every test) and by failing close() for any nobody collected.
import { afterEach, describe, expect, it } from 'vitest';
import { collectValidatorRejections, startTestServer, type TestServer } from '../support/usersApiServer';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close().catch(() => undefined);
  server = undefined;
});

const post = (path: string, body: unknown) =>
  fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('the validator guard of the test server', () => {
  it('names each refused request once, and nothing for accepted ones', async () => {
    server = await startTestServer();
    await post('/api/v1/users.sendConfirmationEmail', { email: 'demouser@example.com' });
    expect(await collectValidatorRejections()).toEqual([]);
    await post('/api/v1/users.sendConfirmationEmail', { address: 'demouser@example.com' });
    expect(await collectValidatorRejections()).toEqual([
      "POST /api/v1/users.sendConfirmationEmail answered 400: must have required property 'email'",
    ]);
    expect(await server.validatorRejections()).toEqual([]);
  });

  it('keeps counting across a reset of the server', async () => {
    server = await startTestServer();
    await post('/api/v1/users.2fa.sendEmailCode', {});
    await server.reset();
    await post('/api/v1/users.2fa.sendEmailCode', { user: 'demouser' });
    // One from before the reset (kept), one from after (counted on from the same numbers).
    expect(await server.validatorRejections()).toEqual([
      "POST /api/v1/users.2fa.sendEmailCode answered 400: must have required property 'emailOrUsername'",
      "POST /api/v1/users.2fa.sendEmailCode answered 400: must have required property 'emailOrUsername'",
    ]);
  });

  it('keeps the refusals logged before a test empties the log or resets the server', async () => {
    server = await startTestServer();
    await post('/api/v1/users.sendConfirmationEmail', { address: 'demouser@example.com' });
    await server.forgetRequests();
    expect(await server.requests()).toEqual([]);
    await post('/api/v1/users.verifyEmail', { token: '' });
    await server.reset();
    expect(await server.validatorRejections()).toEqual([
      "POST /api/v1/users.sendConfirmationEmail answered 400: must have required property 'email'",
      'POST /api/v1/users.verifyEmail answered 400: must NOT have fewer than 1 characters',
    ]);
  });

  it('fails close() with the refusals nobody collected, and closes the server all the same', async () => {
    server = await startTestServer();
    const { url } = server;
    await post('/api/v1/users.verifyEmail', { token: '' });
    await expect(server.close()).rejects.toThrow('POST /api/v1/users.verifyEmail answered 400: must NOT have fewer than 1 characters');
    await expect(fetch(`${url}/api/info`)).rejects.toThrow();
    expect(await collectValidatorRejections()).toEqual([]);
  });
});
