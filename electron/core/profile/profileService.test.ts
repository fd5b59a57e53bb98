import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../shared/profileSchemas';
import { signInThroughCore } from '../../../tests/support/coreSignIn';
import { value } from '../../../tests/support/result';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
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

  const signInAs = (user: string, password: string) => signInThroughCore(core, server!.url, user, password);

  it('fetches /me and users.info with rooms, stores them, and reads them back offline after a restart', async () => {
    server = await startTestServer();
    const accountId = await signInAs(demo.plain.user, demo.plain.password);
    const fresh = value<ProfileView>(await core.dispatch('profile.refresh', { accountId }));
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
    const cached = value<ProfileView>(await core.dispatch('profile.get', { accountId }));
    expect(cached.profile?.username).toBe('demouser');
    expect(cached.fetchedAt).toBe(fresh.fetchedAt);
    const changed = new Promise((resolve) => core.events.onAny((event) => event === 'profile.changed' && resolve(event)));
    await changed;
    const afterRefresh = value<ProfileView>(await core.dispatch('profile.get', { accountId }));
    expect(afterRefresh.refreshError).toMatch(/cannot be reached/);
    expect(afterRefresh.profile?.username).toBe('demouser');
  });

  it('a window that re-reads on every profile.changed does not make the core ask the server again and again', async () => {
    server = await startTestServer();
    // Counts the requests for /me the core starts, at the moment it starts them.
    let meStarted = 0;
    const counting: typeof fetch = (input, init) => {
      if (new URL(String(input)).pathname === '/api/v1/me') meStarted += 1;
      return fetch(input, init);
    };
    core.close();
    core = createCore({ dataDir: temp.dir, vault, version: '1', shell: 'test', fetch: counting });
    const accountId = await signInAs(demo.plain.user, demo.plain.password);
    await server.dev('/_dev/requests', { method: 'DELETE' });
    const before = meStarted;
    let changes = 0;
    const reReads: Promise<unknown>[] = [];
    // What the renderer does: each change notice is answered, once the refresh is over, with a fresh profile.get.
    core.events.onAny((event) => {
      if (event !== 'profile.changed') return;
      changes += 1;
      reReads.push(new Promise((resolve) => setImmediate(resolve)).then(() => core.dispatch('profile.get', { accountId })));
    });
    await core.dispatch('profile.get', { accountId });
    await expect.poll(() => reReads.length).toBeGreaterThan(0);
    await reReads[0];
    // A refresh that re-read started would have called fetch by now: from profile.get to
    // fetch it is promise steps only (memory vault, SQLite), no I/O, so one macrotask is enough.
    await new Promise((resolve) => setImmediate(resolve));
    expect(meStarted - before).toBe(1);
    const served = (await server.dev('/_dev/requests')) as { requests: { path: string }[] };
    expect(served.requests.filter((r) => r.path === '/api/v1/me')).toHaveLength(1);
    expect(changes).toBe(1);
    // An explicit refresh still goes to the server.
    await core.dispatch('profile.refresh', { accountId });
    const after = (await server.dev('/_dev/requests')) as { requests: { path: string }[] };
    expect(after.requests.filter((r) => r.path === '/api/v1/me')).toHaveLength(2);
  });

  it('stores no hash, token or secret even from a 7.x server, after the full flow', async () => {
    server = await startTestServer({ compat: 7 });
    const accountId = await signInAs(demo.plain.user, demo.plain.password);
    const raw = (await server.dev(`/_dev/users/${demo.plain.userId}`)) as {
      user: { services: { password: { bcrypt: string }; resume: { loginTokens: { hashedToken: string }[] } } };
    };
    value(await core.dispatch('profile.refresh', { accountId }));
    // Everything else that stores what the server sends: lookups (with rooms), the directory, avatars, an edit.
    for (const username of ['roxie', 'test.john'])
      value(await core.dispatch('people.lookup', { accountId, key: 'username', value: username, includeRooms: true }));
    value(await core.dispatch('directory.sync', { accountId, force: true }));
    await expect
      .poll(async () => value<{ state: string }>(await core.dispatch('directory.status', { accountId })).state, { timeout: 10_000 })
      .toBe('done');
    value(await core.dispatch('avatars.get', { accountId, username: 'roxie' }));
    value(await core.dispatch('profile.edit', { accountId, changes: { bio: 'from a 7.x test' } }));
    await expect
      .poll(async () => value<{ items: unknown[] }>(await core.dispatch('outbox.get', { accountId })).items, { timeout: 10_000 })
      .toEqual([]);
    core.close();
    const bytes = folderBytes(temp.dir);
    expect(bytes.includes(raw.user.services.password.bcrypt)).toBe(false);
    for (const token of raw.user.services.resume.loginTokens) expect(bytes.includes(token.hashedToken)).toBe(false);
    expect(bytes.includes('"bcrypt"')).toBe(false);
    expect(bytes.includes('loginTokens')).toBe(false);
    core = start();
  });

  it('answers not-found for an account that is not there', async () => {
    expect(await core.dispatch('profile.get', { accountId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
