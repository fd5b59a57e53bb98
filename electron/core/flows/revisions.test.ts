import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/contract';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { CoreEvents } from '../coreEvents';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

type Heard = { event: EventName; payload: Record<string, unknown> };

describe('revisions of the *.changed events', () => {
  it('counts each account’s outbox, profile and the account list on their own, and leaves other events alone', () => {
    const events = new CoreEvents();
    const heard: Heard[] = [];
    events.onAny((event, payload) => heard.push({ event, payload: payload as Record<string, unknown> }));
    events.emit('sync.changed', { accountId: 'a' });
    events.emit('sync.changed', { accountId: 'a' });
    events.emit('sync.changed', { accountId: 'b' });
    events.emit('profile.changed', { accountId: 'a' });
    events.emit('accounts.changed', {});
    events.emit('connectivity.changed', { serverId: 's', online: false });
    expect(heard.map((h) => [h.event, h.payload])).toEqual([
      ['sync.changed', { accountId: 'a', revision: 1 }],
      ['sync.changed', { accountId: 'a', revision: 2 }],
      ['sync.changed', { accountId: 'b', revision: 1 }],
      ['profile.changed', { accountId: 'a', revision: 1 }],
      ['accounts.changed', { revision: 1 }],
      ['connectivity.changed', { serverId: 's', online: false }],
    ]);
    expect(events.revision('sync.changed', { accountId: 'a' })).toBe(2);
    expect(events.revision('sync.changed', { accountId: 'c' })).toBe(0);
    expect(events.revision('profile.changed', { accountId: 'b' })).toBe(0);
    expect(events.revision('accounts.changed', {})).toBe(1);
  });
});

describe('views carry the revision of the change they answer, against the reference users API', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let core: Core;
  let accountId: string;
  let heard: Heard[];
  const last = (event: EventName) => heard.filter((h) => h.event === event).at(-1)?.payload.revision;

  beforeEach(async () => {
    temp = makeTempDir();
    server = await startTestServer();
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test', retryPolicy: { attempts: 1 } });
    accountId = await signedIn(core, server, 'plain');
    heard = [];
    core.events.onAny((event, payload) => heard.push({ event, payload: payload as Record<string, unknown> }));
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('an edit answers with the revision of the sync.changed it announced; a later read is no older', async () => {
    await call(core, 'profile.refresh', { accountId });
    const before = (await call(core, 'outbox.get', { accountId })).revision;
    const edited = await call(core, 'profile.edit', { accountId, changes: { nickname: 'rev' } });
    const announced = heard.find((h) => h.event === 'sync.changed')?.payload;
    expect(announced).toEqual({ accountId, revision: before + 1 });
    expect(edited.revision).toBe(before + 1);
    const read = await call(core, 'outbox.get', { accountId });
    expect(read.revision).toBe(last('sync.changed'));
  });

  it('a profile refresh answers with the revision of the profile.changed it announced', async () => {
    const refreshed = await call(core, 'profile.refresh', { accountId });
    expect(heard.filter((h) => h.event === 'profile.changed')).toHaveLength(1);
    expect(refreshed.revision).toBe(last('profile.changed'));
    expect(refreshed.revision).toBeGreaterThan(0);
  });

  it('switching and signing out answer with the revision of the accounts.changed they announced', async () => {
    const switched = await call(core, 'accounts.switch', { accountId });
    expect(switched.revision).toBe(last('accounts.changed'));
    const signedOut = await call(core, 'accounts.signOut', { accountId });
    expect(signedOut.revision).toBe(switched.revision + 1);
    expect(last('accounts.changed')).toBe(signedOut.revision);
    expect((await call(core, 'accounts.list', {})).revision).toBe(signedOut.revision);
  });
});
