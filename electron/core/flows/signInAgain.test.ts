import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryStatus } from '../../../shared/directorySchemas';
import { signInThroughCore } from '../../../tests/support/coreSignIn';
import { value } from '../../../tests/support/result';
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
    const accountId = await signInThroughCore(core, server.url, demo.plain.user, demo.plain.password);
    const status = async () => value<DirectoryStatus>(await core.dispatch('directory.status', { accountId }));
    await server.revokeTokens(demo.plain.userId);
    await core.dispatch('directory.sync', { accountId, force: true });
    await expect.poll(async () => (await status()).state, { timeout: 15_000 }).toBe('failed');
    expect((await status()).error).toMatch(/Sign in again/);

    await signInThroughCore(core, server.url, demo.plain.user, demo.plain.password);
    await expect.poll(async () => (await status()).state, { timeout: 15_000 }).toBe('done');
    expect((await status()).error).toBeNull();
  });
});
