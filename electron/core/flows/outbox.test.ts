import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { startUsersApi } from '../../../tools/users-api/src/index';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { coreWithServer, outboxSettled, type CoreWithServer } from '../../../tests/support/coreWithServer';
import { demo, testBcryptRounds, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { databaseFileName } from '../db/openDatabase';
import { MemoryVault } from '../vault/memoryVault';

type Served = { requests: { method: string; path: string; status: number }[] };

describe('profile edits through the outbox, against the reference users API', () => {
  const env = coreWithServer();
  let temp: CoreWithServer['temp'];
  let server: TestServer;
  let core: Core;
  let accountId: string;
  const start = () => (core = env.start());
  const outbox = async () => await call(core, 'outbox.get', { accountId });
  const settled = () => outboxSettled(core, accountId);
  const serverUser = async () => (await server.dev(`/_dev/users/${demo.plain.userId}`)) as { user: Record<string, unknown> };
  const posts = async (path: string) =>
    ((await server.dev('/_dev/requests')) as Served).requests.filter((r) => r.method === 'POST' && r.path === path);
  const offline = () => server.dropConnections();
  /**
   * As a copy of the settings an older version read (it did not ask for Accounts_CustomFields):
   * which fields the workspace keeps is unknown, so only the contract's own limits hold.
   */
  const forgetFieldDefinitions = async () => {
    core.close();
    const db = new Database(path.join(temp.dir, databaseFileName));
    db.prepare("UPDATE workspace_settings SET settings = json_remove(settings, '$.Accounts_CustomFields')").run();
    db.close();
    start();
    await core.ready;
  };
  const online = () => server.restore();

  beforeEach(async () => {
    ({ temp, server, core } = env);
    accountId = await signedIn(core, server, 'plain');
    await call(core, 'profile.refresh', { accountId });
    await server.dev('/_dev/requests', { method: 'DELETE' });
  });

  it('sends name, nickname, bio, status text and a custom field online; the server and the cache agree', async () => {
    const edit = await callResult(core, 'profile.edit', {
      accountId,
      changes: { name: 'Demo Person', nickname: 'dp', bio: 'Hello there', statusText: 'In a meeting', customFields: { twitter: '@demo' } },
    });
    expect(edit.ok).toBe(true);
    await settled();
    const { user } = await serverUser();
    expect(user).toMatchObject({ name: 'Demo Person', nickname: 'dp', bio: 'Hello there', statusText: 'In a meeting' });
    expect(user.customFields).toEqual({ department: 'Engineering', twitter: '@demo' });
    await expect.poll(async () => (await call(core, 'profile.get', { accountId })).profile?.bio).toBe('Hello there');
    expect(await posts('/api/v1/users.updateOwnBasicInfo')).toHaveLength(1);
    expect(await posts('/api/v1/users.setStatus')).toHaveLength(1);
    expect((await outbox()).history[0]).toMatchObject({ outcome: 'saved' });
  });

  it('keeps edits made offline across a restart and sends them together in one request when the server is back', async () => {
    await offline();
    await callResult(core, 'profile.refresh', { accountId }); // learns the server is unreachable
    await call(core, 'profile.edit', { accountId, changes: { nickname: 'offline nick' } });
    await call(core, 'profile.edit', { accountId, changes: { bio: 'written offline' } });
    core.close();
    start();
    await core.ready;
    expect((await outbox()).items.map((i) => [i.field, i.state])).toEqual([
      ['nickname', 'pending'],
      ['bio', 'pending'],
    ]);
    await online();
    await settled();
    expect((await serverUser()).user).toMatchObject({ nickname: 'offline nick', bio: 'written offline' });
    expect((await posts('/api/v1/users.updateOwnBasicInfo')).filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('turns a field changed on both sides into a conflict; keep mine sends it, take theirs drops it', async () => {
    const attention: unknown[] = [];
    core.events.onAny((event, payload) => event === 'sync.attention' && attention.push(payload));
    await offline();
    await callResult(core, 'profile.refresh', { accountId });
    await callResult(core, 'profile.edit', { accountId, changes: { bio: 'mine', nickname: 'only mine' } });
    await server.dev(`/_dev/users/${demo.plain.userId}`, { method: 'POST', body: JSON.stringify({ bio: 'theirs' }) });
    await online();
    await expect.poll(async () => (await outbox()).items.map((i) => i.state), { timeout: 15_000 }).toEqual(['conflict']);
    const conflict = (await outbox()).items[0]!;
    expect(conflict).toMatchObject({ field: 'bio', value: 'mine', theirs: 'theirs', base: '' });
    expect(attention).toEqual([{ accountId, kind: 'conflict', message: expect.stringContaining('Bio was changed on the server too') }]);
    expect((await serverUser()).user.nickname).toBe('only mine'); // the field changed only here went through

    await call(core, 'outbox.resolve', { accountId, itemId: conflict.id, keep: 'mine' });
    await settled();
    expect((await serverUser()).user.bio).toBe('mine');

    // And the other way round.
    await offline();
    await callResult(core, 'profile.refresh', { accountId });
    await callResult(core, 'profile.edit', { accountId, changes: { bio: 'mine again' } });
    await server.dev(`/_dev/users/${demo.plain.userId}`, { method: 'POST', body: JSON.stringify({ bio: 'theirs again' }) });
    await online();
    await expect.poll(async () => (await outbox()).items.map((i) => i.state), { timeout: 15_000 }).toEqual(['conflict']);
    await call(core, 'outbox.resolve', { accountId, itemId: (await outbox()).items[0]!.id, keep: 'theirs' });
    expect((await outbox()).items).toEqual([]);
    expect((await serverUser()).user.bio).toBe('theirs again');
    expect((await call(core, 'profile.get', { accountId })).profile?.bio).toBe('theirs again');
    expect((await outbox()).history.map((h) => h.outcome)).toEqual(expect.arrayContaining(['kept-mine', 'took-theirs', 'saved']));
  });

  it('refuses an invalid or taken username on the username field and queues nothing', async () => {
    const invalid = await callResult(core, 'profile.edit', { accountId, changes: { username: 'not valid!', bio: 'x' } });
    expect(invalid).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { username: expect.stringContaining('letters, digits') } },
    });
    const taken = await callResult(core, 'profile.edit', { accountId, changes: { username: 'roxie' } });
    expect(taken).toMatchObject({ ok: false, error: { code: 'validation', fields: { username: expect.stringContaining('taken') } } });
    expect((await outbox()).items).toEqual([]);
    expect(await posts('/api/v1/users.updateOwnBasicInfo')).toEqual([]);
    expect((await call(core, 'profile.get', { accountId })).profile?.username).toBe('demouser');
  });

  it('marks a username found taken at send time as failed, and still sends the other fields', async () => {
    await offline();
    await callResult(core, 'profile.refresh', { accountId });
    await callResult(core, 'profile.edit', { accountId, changes: { username: 'roxie', bio: 'sent anyway' } });
    await online();
    await expect
      .poll(async () => (await outbox()).items.map((i) => [i.field, i.state]), { timeout: 15_000 })
      .toEqual([['username', 'failed']]);
    expect((await outbox()).items[0]!.error).toMatch(/taken/);
    expect((await serverUser()).user).toMatchObject({ username: 'demouser', bio: 'sent anyway' });
    await call(core, 'outbox.discard', { accountId, itemId: (await outbox()).items[0]!.id });
    expect((await outbox()).items).toEqual([]);
  });

  it('after a restart mid-send, an edit the server already has is not sent again', async () => {
    // The edit reaches the server, but the app "dies" before it can note that.
    await offline();
    await callResult(core, 'profile.refresh', { accountId });
    await callResult(core, 'profile.edit', { accountId, changes: { bio: 'landed before the crash' } });
    core.close();
    await server.dev(`/_dev/users/${demo.plain.userId}`, { method: 'POST', body: JSON.stringify({ bio: 'landed before the crash' }) });
    await online();
    start();
    await core.ready;
    await settled();
    expect(await posts('/api/v1/users.updateOwnBasicInfo')).toEqual([]);
    expect((await outbox()).history[0]).toMatchObject({ outcome: 'already-there' });
  });

  it('a session the server ends while an edit waits: signed out at once, and the edit goes after signing in again', async () => {
    const ended: string[] = [];
    core.events.on('session.ended', ({ accountId: ended_ }) => ended.push(ended_));
    await server.dev(`/_dev/users/${demo.plain.userId}/tokens`, { method: 'DELETE' });
    await call(core, 'profile.edit', { accountId, changes: { bio: 'waited for a new session' } });
    await expect.poll(async () => (await call(core, 'accounts.list', {})).accounts[0]?.state).toBe('signed-out');
    expect(ended).toEqual([accountId]);
    expect((await outbox()).items.map((item) => [item.field, item.state])).toEqual([['bio', 'pending']]);
    expect((await serverUser()).user.bio).not.toBe('waited for a new session');

    expect(await signedIn(core, server, 'plain')).toBe(accountId);
    await settled();
    expect((await serverUser()).user.bio).toBe('waited for a new session');
    const profile = await call(core, 'profile.get', { accountId });
    expect(profile.refreshError).toBeNull(); // no "signed out" words left behind
    expect(profile.profile?.bio).toBe('waited for a new session');
  });

  it('a late 401 for an old token does not sign out the session that replaced it', async () => {
    core.close();
    // The next /me is held back before it leaves, and let go only after a new sign-in.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holdNextMe = false;
    core = env.start({
      requestTimeoutMs: 5_000,
      fetch: async (url, init) => {
        if (holdNextMe && new URL(String(url)).pathname === '/api/v1/me') {
          holdNextMe = false;
          await held;
        }
        return fetch(url, init);
      },
    });
    await core.ready;
    holdNextMe = true;
    const oldRefresh = callResult(core, 'profile.refresh', { accountId }); // carries the old token
    expect(await signedIn(core, server, 'plain')).toBe(accountId); // revokes it
    release();
    await oldRefresh; // answered 401: the old token is gone
    expect((await call(core, 'accounts.list', {})).accounts[0]?.state).toBe('signed-in');
    await callResult(core, 'profile.refresh', { accountId });
    expect((await call(core, 'accounts.list', {})).accounts[0]?.state).toBe('signed-in');
  });

  it('takes custom field keys such as constructor, toString and __proto__ as ordinary data', async () => {
    await forgetFieldDefinitions();
    await offline(); // queued only: the point is what the core does with the keys
    await callResult(core, 'profile.refresh', { accountId });
    // As a frame off the wire: JSON.parse keeps `__proto__` as an own key.
    const customFields = JSON.parse('{"constructor":"a","toString":"b","hasOwnProperty":"c","valueOf":"d","__proto__":"e"}') as Record<
      string,
      string
    >;
    const view = await call(core, 'profile.edit', { accountId, changes: { customFields } });
    expect(Object.fromEntries(view.items.map((item) => [item.field, [item.value, item.base]]))).toEqual({
      'customFields.constructor': ['a', ''],
      'customFields.toString': ['b', ''],
      'customFields.hasOwnProperty': ['c', ''],
      'customFields.valueOf': ['d', ''],
      'customFields.__proto__': ['e', ''],
    });
  });

  it('refuses more custom fields in one edit than the contract allows, and more waiting fields than an account may pile up', async () => {
    await forgetFieldDefinitions();
    await offline();
    await callResult(core, 'profile.refresh', { accountId });
    const fields = (count: number, prefix: string) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'x']));
    const tooMany = await callResult(core, 'profile.edit', { accountId, changes: { customFields: fields(101, 'f') } });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(JSON.stringify(tooMany)).toContain('At most 100 custom fields can be changed at once.');
    // Edits within the limit, one after another, until the outbox is full.
    let refusal: unknown = null;
    for (let round = 0; round < 10 && !refusal; round++) {
      const answer = await callResult(core, 'profile.edit', { accountId, changes: { customFields: fields(100, `r${round}-`) } });
      if (!answer.ok) refusal = answer.error;
    }
    expect(refusal).toMatchObject({ code: 'validation', message: expect.stringMatching(/already waiting to reach the server/) });
    expect((await outbox()).items.length).toBeLessThanOrEqual(2 * (6 + 100));
  });

  it('sends what is due even with a vast outbox left by an older version (no call with one argument per row)', async () => {
    core.close();
    // 150,000 rows waiting for later, as an unbounded older version could leave them, and one edit due now.
    const db = new Database(path.join(temp.dir, databaseFileName));
    const later = Date.now() + 3_600_000;
    const insert = db.prepare(
      "INSERT INTO outbox (account_id, field, value, base, state, not_before, created_at, updated_at) VALUES (?, ?, 'x', '', 'pending', ?, 1, 1)",
    );
    db.transaction(() => {
      for (let i = 0; i < 150_000; i++) insert.run(accountId, `customFields.k${i}`, later);
      insert.run(accountId, 'bio', null);
    })();
    db.prepare("UPDATE outbox SET value = 'due now' WHERE field = 'bio'").run();
    db.close();
    start();
    await core.ready;
    await expect.poll(async () => (await serverUser()).user.bio, { timeout: 15_000 }).toBe('due now');
  }, 30_000);
});

describe('the outbox and the one-per-minute limit', () => {
  it('shows a 429 as waiting and sends after the reset without anyone asking', async () => {
    const temp = makeTempDir();
    // The server's clock stands still until the test moves it: however slow the machine, the
    // second edit lands inside the first one's window, and the window ends only when told.
    const frozenAt = Date.now();
    const server = await startUsersApi({
      port: 0,
      dev: true,
      rateLimit: false,
      updateRateLimit: { limit: 1, windowMs: 1500 },
      now: () => frozenAt,
      bcryptRounds: testBcryptRounds,
    });
    const core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test' });
    try {
      const accountId = await signedIn(core, server, 'plain');
      await callResult(core, 'profile.refresh', { accountId });
      const view = async () => await call(core, 'outbox.get', { accountId });
      await callResult(core, 'profile.edit', { accountId, changes: { bio: 'first' } });
      await expect.poll(async () => (await view()).items).toEqual([]);
      await callResult(core, 'profile.edit', { accountId, changes: { bio: 'second' } });
      await expect.poll(async () => (await view()).items.map((i) => i.state)).toEqual(['waiting']);
      expect((await view()).items[0]!.notBefore).not.toBeNull();
      server.advanceClock(1500);
      await expect.poll(async () => (await view()).items).toEqual([]);
      const me = await fetch(`${server.url}/_dev/users/${demo.plain.userId}`).then((r) => r.json() as Promise<{ user: { bio: string } }>);
      expect(me.user.bio).toBe('second');
    } finally {
      core.close();
      await server.close();
      temp.cleanup();
    }
  });
});
