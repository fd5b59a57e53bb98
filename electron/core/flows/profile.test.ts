import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../../tests/support/coreSignIn';
import { collectGarbage, startDrippingServer } from '../../../tests/support/drippingServer';
import { call, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { databaseFileName } from '../db/openDatabase';
import { MemoryVault } from '../vault/memoryVault';

function folderBytes(dir: string): Buffer {
  return Buffer.concat(fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name))));
}

describe('own profile, cache first', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let vault: MemoryVault;
  let core: Core;
  let server: TestServer | null = null;
  const start = () => createCore({ dataDir: temp.dir, vault, version: '1', shell: 'test' });

  beforeEach(() => {
    temp = makeTempDir();
    vault = new MemoryVault();
    core = start();
  });
  afterEach(async () => {
    core.close();
    await server?.close();
    server = null;
    temp.cleanup();
  });

  it('fetches /me and users.info with rooms, stores them, and reads them back offline after a restart', async () => {
    server = await startTestServer();
    const accountId = await signedIn(core, server!, 'plain');
    const fresh = await call(core, 'profile.refresh', { accountId });
    expect(fresh.profile).toMatchObject({
      _id: demo.plain.userId,
      username: 'demouser',
      emails: [{ address: demo.plain.email, verified: true }],
      roles: ['user'],
      customFields: { department: 'Engineering' },
      services: { password: { exists: true }, totp: { enabled: false } },
    });
    expect(fresh.profile?.rooms?.map((room) => room.name)).toContain('general');
    expect(fresh.profile?.createdAt).toBe('2023-03-02T17:59:43.415Z');
    expect(fresh.fetchedAt).not.toBeNull();

    await server.close();
    server = null;
    core.close();
    core = start();
    const cached = await call(core, 'profile.get', { accountId });
    expect(cached.profile?.username).toBe('demouser');
    expect(cached.fetchedAt).toBe(fresh.fetchedAt);
    const changed = new Promise((resolve) => core.events.onAny((event) => event === 'profile.changed' && resolve(event)));
    await changed;
    const afterRefresh = await call(core, 'profile.get', { accountId });
    expect(afterRefresh.refreshError).toMatch(/cannot be reached/);
    expect(afterRefresh.profile?.username).toBe('demouser');
  });

  it("keeps /me's own fields: users.info about oneself adds to them, it never replaces its settings", async () => {
    server = await startTestServer();
    // A person who hides their status: users.info then carries `settings: {preferences: {statusVisibilityDenied}}` only.
    await server.dev(`/_dev/users/${demo.plain.userId}`, {
      method: 'POST',
      body: JSON.stringify({ settings: { preferences: { statusVisibilityDenied: true, idleTimeLimit: 600 } } }),
    });
    const accountId = await signedIn(core, server!, 'plain');
    await call(core, 'profile.refresh', { accountId });
    core.close();
    const db = new Database(path.join(temp.dir, databaseFileName), { readonly: true });
    try {
      const stored = JSON.parse(db.prepare('SELECT document FROM profiles').pluck().get() as string) as Record<string, unknown>;
      expect(stored.settings).toMatchObject({
        profile: {},
        preferences: { statusVisibilityDenied: true, idleTimeLimit: 600, enableAutoAway: true, sidebarViewMode: 'medium' },
        calendar: {},
      });
      expect(stored).toMatchObject({ createdAt: '2023-03-02T17:59:43.415Z', canViewAllInfo: true }); // what only users.info has
    } finally {
      db.close();
      core = start();
    }
  });

  it('a window that re-reads on every profile.changed does not make the core ask the server again and again', async () => {
    server = await startTestServer();
    const fetched: string[] = [];
    core.close();
    // Counts what the core asks the server as it asks (not when the server logs it).
    core = createCore({
      dataDir: temp.dir,
      vault,
      version: '1',
      shell: 'test',
      fetch: (url, init) => {
        fetched.push(new URL(String(url)).pathname);
        return fetch(url, init);
      },
    });
    const accountId = await signedIn(core, server!, 'plain');
    // Signing in fetched the first copy, with login's /me: users.info only.
    expect(fetched.filter((path) => path === '/api/v1/me')).toHaveLength(0);
    expect(fetched.filter((path) => path === '/api/v1/users.info')).toHaveLength(1);
    fetched.length = 0;
    const rereads: Promise<unknown>[] = [];
    // What the renderer does: each change notice is answered with a fresh profile.get.
    core.events.onAny((event) => {
      if (event === 'profile.changed') rereads.push(callResult(core, 'profile.get', { accountId }));
    });
    // An explicit refresh goes to the server once and announces the change once…
    await callResult(core, 'profile.refresh', { accountId });
    await expect.poll(() => rereads.length).toBe(1);
    await Promise.all(rereads);
    // …and the re-read it caused starts no fetch: every step of one would have run by the
    // next turn of the event loop (the vault here answers from memory).
    await new Promise((resolve) => setImmediate(resolve));
    expect(fetched.filter((path) => path === '/api/v1/me')).toHaveLength(1);
    expect(rereads).toHaveLength(1);
    // Another explicit refresh still goes to the server.
    await callResult(core, 'profile.refresh', { accountId });
    expect(fetched.filter((path) => path === '/api/v1/me')).toHaveLength(2);
  });

  it('stores no hash, token or secret even from a 7.x server, after the full flow', async () => {
    server = await startTestServer({ compat: 7 });
    const accountId = await signedIn(core, server!, 'plain');
    const raw = (await server.dev(`/_dev/users/${demo.plain.userId}`)) as {
      user: { services: { password: { bcrypt: string }; resume: { loginTokens: { hashedToken: string }[] } } };
    };
    await call(core, 'profile.refresh', { accountId });
    // Everything else that stores what the server sends: lookups (with rooms), the directory, avatars, an edit.
    for (const username of ['roxie', 'test.john'])
      await call(core, 'people.lookup', { accountId, key: 'username', value: username, includeRooms: true });
    await call(core, 'directory.sync', { accountId, force: true });
    await expect.poll(async () => (await call(core, 'directory.status', { accountId })).state, { timeout: 10_000 }).toBe('done');
    await call(core, 'avatars.get', { accountId, username: 'roxie' });
    await call(core, 'profile.edit', { accountId, changes: { bio: 'from a 7.x test' } });
    await expect.poll(async () => (await call(core, 'outbox.get', { accountId })).items, { timeout: 10_000 }).toEqual([]);
    core.close();
    const bytes = folderBytes(temp.dir);
    expect(bytes.includes(raw.user.services.password.bcrypt)).toBe(false);
    for (const token of raw.user.services.resume.loginTokens) expect(bytes.includes(token.hashedToken)).toBe(false);
    expect(bytes.includes('"bcrypt"')).toBe(false);
    expect(bytes.includes('loginTokens')).toBe(false);
    core = start();
  });

  it('answers not-found for an account that is not there', async () => {
    expect(await callResult(core, 'profile.get', { accountId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('a refresh against a server that drips its reply fails at the deadline, and the next refresh asks again', async () => {
    server = await startTestServer();
    const drip = await startDrippingServer();
    let dripping = false;
    core.close();
    core = createCore({
      dataDir: temp.dir,
      vault,
      version: '1',
      shell: 'test',
      requestTimeoutMs: 1_500,
      retryPolicy: { attempts: 1 },
      // The session is real (the reference server); from a point on, /me comes from a server that drips.
      fetch: (url, init) =>
        dripping && new URL(String(url)).pathname === '/api/v1/me' ? fetch(`${drip.url}/api/v1/me`, init) : fetch(url, init),
    });
    try {
      const accountId = await signedIn(core, server!, 'plain');
      dripping = true;
      const collecting = setInterval(collectGarbage, 250);
      try {
        for (const attempt of [1, 2]) {
          const started = performance.now();
          const view = await call(core, 'profile.refresh', { accountId });
          expect(performance.now() - started).toBeLessThanOrEqual(1_500 + 1_000);
          expect(view.refreshError).toMatch(/did not answer in time/);
          expect(view.profile?.username).toBe('demouser'); // the cached copy stays
          expect(drip.requests).toHaveLength(attempt); // a new request, not the stuck one joined
        }
      } finally {
        clearInterval(collecting);
      }
    } finally {
      await drip.close();
    }
  });
});
