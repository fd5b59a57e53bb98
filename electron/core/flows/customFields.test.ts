import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedIn } from '../../../tests/support/coreSignIn';
import { call, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

type Served = { requests: { method: string; path: string }[] };

const seeded = {
  twitter: { type: 'text', required: false, maxLength: 50, public: true },
  department: { type: 'select', required: false, options: ['Engineering', 'Sales', 'Support', 'Marketing', 'Finance'] },
};

/** Custom fields as the workspace defines them (Accounts_CustomFields): offered, checked, and said honestly after a save. */
describe('custom fields against the reference server', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let core: Core;
  let accountId: string;
  const settings = (patch: Record<string, unknown>) => server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify(patch) });
  const outbox = async () => await call(core, 'outbox.get', { accountId });
  const serverFields = async () =>
    ((await server.dev(`/_dev/users/${demo.plain.userId}`)) as { user: { customFields?: Record<string, unknown> } }).user.customFields;
  const updates = async () =>
    ((await server.dev('/_dev/requests')) as Served).requests.filter((r) => r.path === '/api/v1/users.updateOwnBasicInfo').length;

  /** Signs in fresh, so the core reads the workspace's definition as it is now. */
  const signIn = async () => {
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test', retryPolicy: { attempts: 1 } });
    accountId = await signedIn(core, server, 'plain');
    await call(core, 'profile.refresh', { accountId });
  };

  beforeEach(async () => {
    temp = makeTempDir();
    server = await startTestServer();
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('offers the defined fields with their type, list, required mark and maximum length, and keeps a valid value', async () => {
    await signIn();
    expect((await call(core, 'profile.get', { accountId })).workspace.customFields).toEqual([
      { key: 'twitter', type: 'text', required: false, maxLength: 50 },
      { key: 'department', type: 'select', required: false, options: ['Engineering', 'Sales', 'Support', 'Marketing', 'Finance'] },
    ]);
    await call(core, 'profile.edit', { accountId, changes: { customFields: { twitter: '@demo', department: 'Sales' } } });
    await expect.poll(async () => (await outbox()).items, { timeout: 15_000 }).toEqual([]);
    expect((await outbox()).history[0]).toMatchObject({ outcome: 'saved' });
    expect(await serverFields()).toEqual({ department: 'Sales', twitter: '@demo' });
  });

  it('refuses before queueing a field the workspace does not define, and a value outside its list or too long', async () => {
    await signIn();
    const answer = await callResult(core, 'profile.edit', {
      accountId,
      changes: { customFields: { pronouns: 'he/him', department: 'Legal', twitter: 'x'.repeat(51) } },
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        fields: {
          'customFields.pronouns': 'This workspace has no field “pronouns”: the server would not keep it.',
          'customFields.department':
            "Choose one of this workspace's values for “department”: Engineering, Sales, Support, Marketing, Finance.",
          'customFields.twitter': '“twitter” may be at most 50 characters on this workspace (this one has 51).',
        },
      },
    });
    expect((await outbox()).items).toEqual([]);
    expect(await updates()).toBe(0);
  });

  it('reports a field the server dropped as not kept, with the reason, instead of "saved"', async () => {
    await settings({ Accounts_CustomFields: { ...seeded, pronouns: { type: 'text', required: false } } });
    await signIn();
    // Then the workspace stops defining it; the app still has the older definition.
    await settings({ Accounts_CustomFields: seeded });
    await server.dev('/_dev/requests', { method: 'DELETE' });
    await call(core, 'profile.edit', { accountId, changes: { nickname: 'dee', customFields: { pronouns: 'he/him' } } });
    await expect.poll(async () => (await outbox()).history.map((entry) => entry.outcome), { timeout: 15_000 }).toContain('not-kept');
    const { items, history } = await outbox();
    expect(items).toEqual([]);
    expect(history.find((entry) => entry.outcome === 'not-kept')).toMatchObject({
      changes: { 'customFields.pronouns': 'he/him' },
      detail: 'Not kept: the workspace has no field “pronouns”.',
    });
    expect(history.find((entry) => entry.outcome === 'saved')).toMatchObject({ changes: { nickname: 'dee' } });
    expect(await serverFields()).not.toHaveProperty('pronouns');
    expect((await call(core, 'profile.get', { accountId })).profile?.customFields).not.toHaveProperty('pronouns');
    // The definition was read again: the field is no longer offered.
    expect((await call(core, 'profile.get', { accountId })).workspace.customFields?.map((field) => field.key)).toEqual([
      'twitter',
      'department',
    ]);
    expect(await updates()).toBe(1);
  });

  it('puts a value the server refuses before the person with its words, and does not send it again by itself', async () => {
    await signIn();
    // The workspace narrows its list after the app read it.
    await settings({ Accounts_CustomFields: { ...seeded, department: { type: 'select', options: ['Engineering', 'Support'] } } });
    await server.dev('/_dev/requests', { method: 'DELETE' });
    await call(core, 'profile.edit', { accountId, changes: { customFields: { department: 'Sales' } } });
    await expect.poll(async () => (await outbox()).items.map((item) => item.state), { timeout: 15_000 }).toEqual(['failed']);
    expect((await outbox()).items[0]).toMatchObject({ field: 'customFields.department', error: 'Value for field department is invalid.' });
    expect((await outbox()).history[0]).toMatchObject({ outcome: 'failed', detail: 'Value for field department is invalid.' });
    // Another save of something else goes on its own; the refused value is not sent with it.
    await call(core, 'profile.edit', { accountId, changes: { bio: 'Still here' } });
    await expect.poll(async () => (await outbox()).history[0]?.outcome, { timeout: 15_000 }).toBe('saved');
    expect(await updates()).toBe(2);
    expect((await outbox()).items.map((item) => [item.field, item.state])).toEqual([['customFields.department', 'failed']]);
    expect(await serverFields()).toMatchObject({ department: 'Engineering' });
  });
});
