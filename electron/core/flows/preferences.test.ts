import Database from 'better-sqlite3';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call, callResult } from '../../../tests/support/coreCall';
import { coreWithServer, outboxSettled, type CoreWithServer } from '../../../tests/support/coreWithServer';
import { demo, type TestServer } from '../../../tests/support/usersApiServer';
import type { Core } from '../createCore';
import { databaseFileName } from '../db/openDatabase';

const SET = '/api/v1/users.setPreferences';

describe('preferences: cached for offline reading, edited through the outbox', () => {
  const env = coreWithServer();
  let temp: CoreWithServer['temp'];
  let server: TestServer;
  let core: Core;
  let accountId: string;
  const start = () => (core = env.start());
  const outbox = async () => await call(core, 'outbox.get', { accountId });
  const settled = () => outboxSettled(core, accountId);
  const serverPreferences = async () =>
    ((await server.user(demo.plain.userId)) as { settings?: { preferences?: Record<string, unknown> } }).settings?.preferences ?? {};
  const sets = async () => (await server.requests()).filter((r) => r.method === 'POST' && r.path === SET);
  /** The server cannot be reached, and the core has noticed. */
  const goOffline = async () => {
    await server.dropConnections();
    await callResult(core, 'preferences.refresh', { accountId });
  };

  beforeEach(async () => {
    ({ temp, server, core } = env);
    accountId = await signedIn(core, server, 'plain');
    await call(core, 'preferences.refresh', { accountId });
    await server.forgetRequests();
  });

  it('reads what the person set and keeps it in SQLite, naming the account', async () => {
    const view = await call(core, 'preferences.get', { accountId });
    expect(view.accountLabel).toMatch(/^demouser on /);
    expect(view.preferences).toEqual({
      language: 'en',
      desktopNotifications: 'mentions',
      pushNotifications: 'all',
      emailNotificationMode: 'nothing',
      enableAutoAway: true,
      idleTimeLimit: 300,
      highlights: ['release', 'demo'],
    });
    const db = new Database(path.join(temp.dir, databaseFileName), { readonly: true });
    try {
      const stored = db.prepare('SELECT preferences FROM preferences').pluck().all() as string[];
      expect(stored.map((text) => JSON.parse(text) as unknown)).toEqual([expect.objectContaining({ idleTimeLimit: 300, language: 'en' })]);
    } finally {
      db.close();
    }
  });

  it('shows the cached preferences after a restart while the server cannot be reached', async () => {
    core.close();
    await server.dropConnections();
    start();
    await core.ready;
    const view = await call(core, 'preferences.get', { accountId });
    expect(view.preferences).toMatchObject({ desktopNotifications: 'mentions', highlights: ['release', 'demo'] });
    expect(view.fetchedAt).not.toBeNull();
    await expect
      .poll(async () => (await call(core, 'preferences.get', { accountId })).refreshError, { timeout: 15_000 })
      .toEqual(expect.any(String));
    expect((await call(core, 'preferences.get', { accountId })).preferences.idleTimeLimit).toBe(300);
  });

  it('sends edits made offline, across a restart, in one request with only the changed keys when the server is back', async () => {
    await goOffline();
    await call(core, 'preferences.edit', { accountId, changes: { language: 'de' } });
    await call(core, 'preferences.edit', { accountId, changes: { highlights: ['release', 'deploy'], enableAutoAway: false } });
    const edited = await call(core, 'preferences.edit', { accountId, changes: { idleTimeLimit: 600 } });
    expect(edited.waiting).toMatchObject({ language: { value: 'de', state: 'pending' }, idleTimeLimit: { value: 600 } });
    core.close();
    start();
    await core.ready;
    expect((await outbox()).items.map((i) => [i.field, i.state])).toEqual([
      ['preferences.language', 'pending'],
      ['preferences.highlights', 'pending'],
      ['preferences.enableAutoAway', 'pending'],
      ['preferences.idleTimeLimit', 'pending'],
    ]);
    await server.restore();
    await settled();
    const requests = await sets();
    expect(requests.map((r) => r.status)).toEqual([200]);
    expect(requests[0]!.body).toEqual({
      data: { language: 'de', highlights: ['release', 'deploy'], enableAutoAway: false, idleTimeLimit: 600 },
    });
    expect(await serverPreferences()).toMatchObject({ highlights: ['release', 'deploy'], enableAutoAway: false, idleTimeLimit: 600 });
    expect((await server.user(demo.plain.userId)).language).toBe('de');
    const view = await call(core, 'preferences.get', { accountId });
    expect(view.waiting).toEqual({});
    expect(view.preferences).toMatchObject({ language: 'de', idleTimeLimit: 600, desktopNotifications: 'mentions' });
    expect((await outbox()).history[0]).toMatchObject({ outcome: 'saved' });
  });

  it('turns a preference changed on both sides into a conflict with words; the rest goes, keep mine sends it', async () => {
    const attention: unknown[] = [];
    core.events.onAny((event, payload) => event === 'sync.attention' && attention.push(payload));
    await goOffline();
    await call(core, 'preferences.edit', { accountId, changes: { desktopNotifications: 'nothing', unreadAlert: false } });
    await server.changeUser(demo.plain.userId, {
      settings: { preferences: { ...(await serverPreferences()), desktopNotifications: 'all' } },
    });
    await server.restore();
    await expect.poll(async () => (await outbox()).items.map((i) => i.state), { timeout: 15_000 }).toEqual(['conflict']);
    const conflict = (await outbox()).items[0]!;
    expect(conflict).toMatchObject({ field: 'preferences.desktopNotifications', value: '"nothing"', base: '"mentions"', theirs: '"all"' });
    expect(attention).toEqual([
      {
        accountId,
        kind: 'conflict',
        message: 'Desktop notifications was changed on the server too (to “Every message”). Choose which to keep in Activity.',
      },
    ]);
    expect((await serverPreferences()).unreadAlert).toBe(false); // changed here only: it went
    expect((await call(core, 'preferences.get', { accountId })).waiting).toEqual({
      desktopNotifications: { value: 'nothing', state: 'conflict', error: null },
    });

    await call(core, 'outbox.resolve', { accountId, itemId: conflict.id, keep: 'mine' });
    await settled();
    expect((await serverPreferences()).desktopNotifications).toBe('nothing');
    expect((await sets()).filter((r) => r.status === 200)).toHaveLength(2);
  });

  it('refuses a value the server would refuse before queueing it, in words', async () => {
    const refused = await callResult(core, 'preferences.edit', { accountId, changes: { idleTimeLimit: 30, language: 'fr' } });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { idleTimeLimit: 'The server wants at least 60 seconds (one minute).' } },
    });
    expect((await outbox()).items).toEqual([]);
  });
});
