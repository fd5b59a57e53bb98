import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../tests/support/coreSignIn';
import { recordingLog } from '../../tests/support/recordingLog';
import { call, callResult } from '../../tests/support/coreCall';
import { makeTempDir } from '../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../tests/support/usersApiServer';
import { createCore, type Core } from './createCore';
import { databaseFileName } from './db/openDatabase';
import type { LogEntry } from './log/logger';
import { MemoryVault } from './vault/memoryVault';

/** What the e2e tests fail on when a host prints it. */
const bugPhrases = /internal error|unhandled rejection/;

describe('what the core logs, against the reference users API', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let vault: MemoryVault;
  let core: Core;
  let entries: LogEntry[];
  let accountId: string;

  beforeEach(async () => {
    temp = makeTempDir();
    vault = new MemoryVault();
    server = await startTestServer();
    const recorded = recordingLog();
    entries = recorded.entries;
    core = createCore({
      dataDir: temp.dir,
      vault,
      version: '1',
      shell: 'test',
      requestTimeoutMs: 2000,
      retryPolicy: { attempts: 1 },
      log: recorded.log,
    });
    accountId = await signedIn(core, server, 'plain');
    await call(core, 'profile.refresh', { accountId });
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  const secrets = async () => [demo.plain.password, ...(await Promise.all((await vault.accounts()).map((a) => vault.get(a))))];

  it('warns when a profile refresh meets a failing server, without a secret in the entry', async () => {
    // The window still shows the cached copy; the log says what went wrong.
    await server.failWith(500, { route: '/api/v1/users.info', times: 1 });
    expect((await callResult(core, 'profile.refresh', { accountId })).ok).toBe(true);
    await expect
      .poll(() => entries.filter((entry) => entry.scope === 'profile'))
      .toEqual([
        expect.objectContaining({
          level: 'warn',
          message: 'refreshing the profile failed',
          error: { name: 'ApiFailure', message: expect.any(String) },
        }),
      ]);
    const text = JSON.stringify(entries);
    for (const secret of await secrets()) expect(text).not.toContain(secret);
    expect(text).not.toMatch(bugPhrases);
  });

  it('keeps ordinary failures (a wrong password, a server that is down) out of the error level and the bug phrases', async () => {
    const { id: serverId } = await call(core, 'servers.add', { url: server.url });
    expect((await callResult(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: 'wrong-pass-9' })).ok).toBe(false);
    await server.dropConnections();
    await callResult(core, 'profile.refresh', { accountId });
    await callResult(core, 'security.get', { accountId });
    await server.close();
    await callResult(core, 'servers.add', { url: server.url });

    expect(entries.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(JSON.stringify(entries)).not.toMatch(bugPhrases);
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'debug', scope: 'profile', message: 'refreshing the profile failed: the server cannot be reached' }),
    );
    for (const secret of [...(await secrets()), 'wrong-pass-9']) expect(JSON.stringify(entries)).not.toContain(secret);
    server = await startTestServer(); // afterEach closes it
  });

  it('reports a failure inside the core on a channel as "internal error on <channel>"', async () => {
    // Another program damages the database under the running core.
    const db = new Database(path.join(temp.dir, databaseFileName));
    db.exec('DROP TABLE profiles');
    db.close();
    const result = await callResult(core, 'profile.get', { accountId });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        scope: 'dispatch',
        message: 'internal error on profile.get',
        error: { name: 'SqliteError', message: 'no such table: profiles' },
      }),
    );
  });
});
