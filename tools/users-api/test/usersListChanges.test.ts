// §6 users.list as a source of changes: `_updatedAt` is returned, and orders the list, only
// when `fields` asks for it and the server reads `fields` (7.x always; 8.x only with
// ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS), for a caller with view-full-other-user-info.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, start } from './helpers';
import type { Client } from './helpers';

const byChange = `sort=${encodeURIComponent('{"_updatedAt":-1,"_id":1}')}&fields=${encodeURIComponent('{"_updatedAt":1}')}`;

let c: Client;
afterEach(() => c.close());

interface Listed {
  _id: string;
  username?: string;
  _updatedAt?: string;
  active?: boolean;
}

/** The first page, newest change first (signing in changes the caller too: their own row is left out). */
async function newestFirst(client: Client, login: 'demo' | 'john'): Promise<Listed[]> {
  const session = login === 'demo' ? await client.loginDemo() : await client.loginJohn();
  const users = (await client.get(`/api/v1/users.list?${byChange}&count=100`, session)).json.users as Listed[];
  return users.filter((u) => u._id !== session.userId);
}

describe('users.list ordered by _updatedAt', () => {
  it('8.x with the unsafe parameters allowed: an admin gets _updatedAt, newest first; a renamed, deactivated or new person comes first', async () => {
    c = await start({ unsafeQueryParams: true });
    const before = await newestFirst(c, 'john');
    expect(before.every((u) => typeof u._updatedAt === 'string')).toBe(true);
    const times = before.map((u) => Date.parse(u._updatedAt!));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    await c.post(`/_dev/users/${DEMO.roxie.id}`, { username: 'roxie.renamed', active: false });
    await c.post('/_dev/clock', { advanceMs: 1000 });
    const added = (await c.post('/_dev/users', { username: 'new.person', name: 'New Person' })).json.user as Listed;
    const after = await newestFirst(c, 'john');
    expect(after.slice(0, 2).map((u) => u.username)).toEqual(['new.person', 'roxie.renamed']);
    expect(after[1]).toMatchObject({ _id: DEMO.roxie.id, active: false });
    expect(after[0]!._id).toBe(added._id);

    // A deleted person is simply gone: no list says so.
    expect((await c.call('DELETE', `/_dev/users/${added._id}`)).status).toBe(200);
    expect((await newestFirst(c, 'john')).some((u) => u._id === added._id)).toBe(false);
  });

  it('8.x by default reads no `fields`: no _updatedAt, and a sort on it orders nothing (the store order stays)', async () => {
    c = await start();
    const listed = await newestFirst(c, 'john');
    expect(listed.some((u) => '_updatedAt' in u)).toBe(false);
    const session = await c.loginJohn();
    const plain = (await c.get(`/api/v1/users.list?sort=${encodeURIComponent('{"_id":1}')}&count=100`, session)).json.users as Listed[];
    expect(listed.map((u) => u._id)).toEqual(plain.map((u) => u._id).filter((id) => id !== session.userId));
  });

  it('7.x reads `fields` always, but never gives _updatedAt to a caller without view-full-other-user-info', async () => {
    c = await start({ compat: 7 });
    expect((await newestFirst(c, 'john')).every((u) => typeof u._updatedAt === 'string')).toBe(true);
    expect((await newestFirst(c, 'demo')).some((u) => '_updatedAt' in u)).toBe(false);
  });

  it('an unreadable `fields` is refused where the server reads it', async () => {
    c = await start({ compat: 7 });
    const session = await c.loginDemo();
    const bad = await c.get(`/api/v1/users.list?fields=${encodeURIComponent('{"name":2}')}`, session);
    expect(bad.json).toMatchObject({ success: false, errorType: 'error-invalid-fields' });
  });
});
