import { afterEach, beforeEach, expect } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../electron/core/createCore';
import { MemoryVault } from '../../electron/core/vault/memoryVault';
import { call } from './coreCall';
import { makeTempDir } from './tempDir';
import { startTestServer, type TestServer } from './usersApiServer';

/** A core on a fresh data folder and vault, and the reference server it talks to, made anew for every test. */
export interface CoreWithServer {
  temp: ReturnType<typeof makeTempDir>;
  vault: MemoryVault;
  server: TestServer;
  core: Core;
  /** Starts a core on the same folder and vault (after `core.close()`: a restart), closed after the test. */
  start(overrides?: Partial<CoreOptions>): Core;
}

/**
 * Registers the per-test setup and teardown in the calling `describe` (or file). Retries are
 * off by default (one attempt): a flow test checks what one failure does, not the back-off.
 */
export function coreWithServer(options: Partial<CoreOptions> = { retryPolicy: { attempts: 1 } }): CoreWithServer {
  const env = {} as CoreWithServer;
  env.start = (overrides) =>
    (env.core = createCore({ dataDir: env.temp.dir, vault: env.vault, version: '1', shell: 'test', ...options, ...overrides }));
  beforeEach(async () => {
    env.temp = makeTempDir();
    env.vault = new MemoryVault();
    env.server = await startTestServer();
    env.start();
  });
  afterEach(async () => {
    env.core.close();
    await env.server.close();
    env.temp.cleanup();
  });
  return env;
}

/** Waits until nothing of the account's outbox is waiting or being sent. */
export function outboxSettled(core: Core, accountId: string): Promise<void> {
  return expect
    .poll(async () => (await call(core, 'outbox.get', { accountId })).items.filter((i) => i.state === 'pending' || i.state === 'sending'), {
      timeout: 15_000,
    })
    .toEqual([]);
}
