import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

describe('signing in again after the server ended the session', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let core: Core;

  beforeEach(async () => {
    temp = makeTempDir();
    server = await startTestServer();
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test', requestTimeoutMs: 2000 });
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('a directory sync the ended session stopped starts over, and its "sign in again" words go', async () => {
    const accountId = await signedIn(core, server, 'plain');
    const status = async () => await call(core, 'directory.status', { accountId });
    await server.revokeTokens(demo.plain.userId);
    await callResult(core, 'directory.sync', { accountId, force: true });
    await expect.poll(async () => (await status()).state, { timeout: 15_000 }).toBe('failed');
    expect((await status()).error).toMatch(/Sign in again/);

    await signedIn(core, server, 'plain');
    await expect.poll(async () => (await status()).state, { timeout: 15_000 }).toBe('done');
    expect((await status()).error).toBeNull();
  });

  it('a refresh still carrying the ended session when the new one starts does not leave its "session ended" behind', async () => {
    core.close();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holdNextMe = false;
    core = createCore({
      dataDir: temp.dir,
      vault: new MemoryVault(),
      version: '1',
      shell: 'test',
      requestTimeoutMs: 5_000,
      retryPolicy: { attempts: 1 },
      fetch: async (url, init) => {
        if (holdNextMe && new URL(String(url)).pathname === '/api/v1/me') {
          holdNextMe = false;
          await held;
        }
        return fetch(url, init);
      },
    });
    const accountId = await signedIn(core, server, 'plain');
    await server.revokeTokens(demo.plain.userId);
    holdNextMe = true;
    const oldRefresh = callResult(core, 'profile.refresh', { accountId }); // the revoked token, held on its way
    // The new session is in place (its sign-in announced) while the old refresh is still on its way; then its 401 lands.
    const signedInAgain = new Promise<void>((resolve) => {
      const stop = core.events.on('accounts.changed', () => {
        stop();
        resolve();
      });
    });
    const again = signedIn(core, server, 'plain');
    await signedInAgain;
    release();
    await again;
    await oldRefresh;
    await expect.poll(async () => (await call(core, 'profile.get', { accountId })).refreshError, { timeout: 10_000 }).toBeNull();
    expect((await call(core, 'accounts.list', {})).accounts[0]?.state).toBe('signed-in');
  });
});
