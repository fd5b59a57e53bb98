// P7: what the directory costs the workspace's server. The app core (real SQLite, in this
// process) against the reference server (its own process, 50,000 people), with the core's
// clock and the server's moved together through a simulated working day: People opened every
// 30 minutes for 8 hours while people are edited, renamed, added, deactivated and deleted.
// The server's request log counts the directory's requests (users.list, directory), as P5
// counts. Twice in the same run: with an account the server gives changes to (the refresh
// reads only those), and with one it does not (the app copies the directory whole, at most
// hourly: what every refresh cost before). Proven right: after the day the copy holds exactly
// the server's own list, and after the single refresh every changed person is as on the server.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, MemoryVault, type Core } from '../../electron/core';
import type { DirectoryStatus } from '../../shared/directorySchemas';
import { call } from '../../tests/support/coreCall';
import { signInThroughCore } from '../../tests/support/coreSignIn';
import { changesEveryMs, directoryCopy, type CopiedPerson as Person } from '../../tests/support/directoryCopy';
import { TestClock } from '../../tests/support/testClock';
import { usersApiControls, type UsersApiControls } from '../../tests/support/usersApiControls';
import { log } from './log';
import { round } from './stats';
import { startUsersApiProcess } from './usersApiProcess';

const minute = 60_000;
const openEvery = 30 * minute;
const opens = 16; // 8 hours
const fleet = 10_000;
/** An admin (view-full-other-user-info): the server gives it `_updatedAt`, as Rocket.Chat 7.x does, or 8.x with the unsafe parameters. */
const changesAccount = { user: 'demouser', password: 'demo-pass-1', id: 'gzvcvpov9G4TxbGFS' };
/** A plain account: the same server gives it no `_updatedAt`, so its refreshes are whole copies. */
const fullAccount = { user: 'p7.plain', password: 'p7-pass-1' };

type Served = { path: string };

/** Signs in over HTTP and reads the server's list in `_id` order: `pages` pages spread through it, or all. */
async function serverList(url: string, pages?: number): Promise<Person[]> {
  const login = await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: changesAccount.user, password: changesAccount.password }),
  });
  const { data } = (await login.json()) as { data: { userId: string; authToken: string } };
  const read = async (offset: number) => {
    const reply = await fetch(`${url}/api/v1/users.list?count=100&offset=${offset}&sort=${encodeURIComponent('{"_id":1}')}`, {
      headers: { 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken },
    });
    return (await reply.json()) as { users: Record<string, unknown>[]; total: number };
  };
  const first = await read(0);
  const offsets = pages
    ? Array.from({ length: pages }, (_, i) => Math.floor((i * first.total) / pages))
    : Array.from({ length: Math.ceil(first.total / 100) }, (_, i) => i * 100);
  const found: Person[] = [];
  for (const offset of offsets) {
    for (const u of (offset === 0 ? first : await read(offset)).users) {
      found.push({
        _id: String(u._id),
        username: (u.username as string) ?? null,
        name: (u.name as string) ?? null,
        active: u.active as boolean,
      });
    }
  }
  return found;
}

const key = (person: Person) => JSON.stringify([person._id, person.username, person.name, person.active]);

/** People to change through the day, drawn from across the server's list. */
class Changes {
  private next = 0;
  readonly touched = new Set<string>();
  constructor(
    private readonly pool: Person[],
    private readonly server: UsersApiControls,
    /** Deleted so far (by any day of the run): never picked again. */
    private readonly gone: Set<string>,
    private readonly start = 0,
  ) {}

  private pick(): Person {
    for (;;) {
      const person = this.pool[(this.start + this.next++ * 7_919) % this.pool.length]!;
      if (this.gone.has(person._id) || this.touched.has(person._id)) continue;
      this.touched.add(person._id);
      return person;
    }
  }

  /** `edits` name changes (every fourth a rename), additions, deactivations and deletions. */
  async apply(tag: string, counts: { edits: number; added: number; deactivated: number; deleted: number }): Promise<void> {
    for (let i = 0; i < counts.edits; i++) {
      const person = this.pick();
      await this.server.changeUser(person._id, i % 4 === 0 ? { username: `${person.username}.${tag}` } : { name: `Changed ${tag} ${i}` });
    }
    for (let i = 0; i < counts.added; i++) {
      const username = `p7.new.${tag}.${i}`;
      const { user } = (await this.server.dev('/_dev/users', {
        method: 'POST',
        body: JSON.stringify({ username, name: `New ${tag}` }),
      })) as {
        user: { _id: string };
      };
      this.touched.add(user._id);
    }
    for (let i = 0; i < counts.deactivated; i++) await this.server.changeUser(this.pick()._id, { active: false });
    for (let i = 0; i < counts.deleted; i++) {
      const person = this.pick();
      this.gone.add(person._id);
      await this.server.dev(`/_dev/users/${person._id}`, { method: 'DELETE' });
    }
  }
}

interface Client {
  core: Core;
  clock: TestClock;
  accountId: string;
  dataDir: string;
}

async function startClient(url: string, account: { user: string; password: string }, temp: string): Promise<Client> {
  const dataDir = mkdtempSync(path.join(temp, 'p7-'));
  const clock = new TestClock();
  const core = createCore({ dataDir, vault: new MemoryVault(), version: 'bench', shell: 'test', clock });
  const accountId = await signInThroughCore(core, url, account.user, account.password);
  return { core, clock, accountId, dataDir };
}

/** People opens: a refresh if one is due, waited for to its end (the clock moves only for its own timers). */
async function openPeople(client: Client): Promise<DirectoryStatus> {
  const { core, clock, accountId } = client;
  let stop = () => {};
  const ended = new Promise<DirectoryStatus>((resolve) => {
    stop = core.events.on('directory.changed', (status) => {
      if (status.state !== 'syncing') resolve(status);
    });
  });
  const now = await call(core, 'directory.sync', { accountId });
  try {
    const status = now.state === 'syncing' ? await clock.during(ended) : now;
    return status;
  } finally {
    stop();
  }
}

async function advance(client: Client, server: UsersApiControls, ms: number): Promise<void> {
  await server.advanceClock(ms);
  await client.clock.advance(ms);
}

const directoryRequests = (served: Served[]) => served.filter((request) => /\/api\/v1\/(users\.list|directory)$/.test(request.path)).length;

/** A working day of opens, the same changes before each; answers the directory's requests. */
async function workingDay(client: Client, server: UsersApiControls, changes: Changes, label: string): Promise<number> {
  await server.forgetRequests();
  for (let open = 0; open < opens; open++) {
    await changes.apply(`${label}${open}`, { edits: 8, added: 1, deactivated: 1, deleted: open % 4 === 3 ? 1 : 0 });
    await advance(client, server, open === 0 ? openEvery * 2 : openEvery);
    await openPeople(client);
  }
  return directoryRequests(await server.requests());
}

export async function benchServerLoad(people = 50_000) {
  const api = await startUsersApiProcess(people, ['--dev', '--unsafe-query-params']);
  const server = usersApiControls(api.url);
  const temp = mkdtempSync(path.join(os.tmpdir(), 'am-bench-p7-'));
  const clients: Client[] = [];
  try {
    log('P7: setting up the server…');
    await server.changeUser(changesAccount.id, { roles: ['user', 'admin'] });
    const plain = (await server.dev('/_dev/users', {
      method: 'POST',
      body: JSON.stringify({ username: fullAccount.user, name: 'P7 Plain' }),
    })) as {
      user: { _id: string };
    };
    await server.changeUser(plain.user._id, { password: fullAccount.password });
    const pool = (await serverList(api.url, 20)).filter((person) => person.username?.includes('.') && person._id !== changesAccount.id);

    // Reads only changes: the first copy (the day before), one refresh with 0.1 % changed, then the day.
    log('P7: first copy for the account the server gives changes to…');
    const incremental = await startClient(api.url, changesAccount, temp);
    clients.push(incremental);
    await openPeople(incremental);
    const gone = new Set<string>();
    const changes = new Changes(pool, server, gone);
    await changes.apply('once', { edits: people / 1000 - 2, added: 1, deactivated: 1, deleted: 0 });
    await advance(incremental, server, changesEveryMs);
    await server.forgetRequests();
    log('P7: one refresh with 0.1 % changed…');
    const refresh = await openPeople(incremental);
    const refreshRequests = directoryRequests(await server.requests());
    const serverNow = new Map((await serverList(api.url)).map((person) => [person._id, person]));
    const local = new Map(directoryCopy(incremental.dataDir).map((person) => [person._id, person]));
    const changedRight = [...changes.touched].every((id) => local.has(id) && key(local.get(id)!) === key(serverNow.get(id)!));
    changes.touched.clear();
    log('P7: the working day, reading changes…');
    const dayRequests = await workingDay(incremental, server, changes, 'a');
    const serverAfter = (await serverList(api.url)).sort((a, b) => (a._id < b._id ? -1 : 1));
    const localAfter = directoryCopy(incremental.dataDir);
    const dayRight = JSON.stringify(localAfter.map(key)) === JSON.stringify(serverAfter.map(key));
    const note = (await call(incremental.core, 'directory.status', { accountId: incremental.accountId })).note;

    // The same day for an account the server gives no changes: whole copies, at most hourly (as every refresh was before).
    log('P7: the same day, copying in full (takes minutes)…');
    const whole = await startClient(api.url, fullAccount, temp);
    clients.push(whole);
    await openPeople(whole);
    const wholeRequests = await workingDay(whole, server, new Changes(pool, server, gone, 1), 'b');
    const wholeNote = (await call(whole.core, 'directory.status', { accountId: whole.accountId })).note;

    const perSecond = (requests: number) => round((requests * fleet) / ((opens * openEvery) / 1000), 1);
    const ratio = round(dayRequests / wholeRequests, 4);
    const met = refreshRequests <= 2 && ratio <= 0.02 && changedRight && dayRight;
    return {
      people: serverAfter.length,
      oneRefresh: {
        changed: `${people / 1000} people (0.1 %)`,
        requests: refreshRequests,
        allChangedRight: changedRight,
        loaded: refresh.loaded,
        target: '≤ 2 pages',
      },
      day: {
        scenario: `${opens} opens, ${openEvery / minute} min apart; before each: 8 edits (2 renames), 1 added, 1 deactivated; a deletion every 2 hours`,
        requests: dayRequests,
        copyEqualsServer: dayRight,
        whenCopiedWhole: { requests: wholeRequests, statusNote: wholeNote },
        ratio,
        target: '≤ 0.02 of the whole copies',
        fullPass:
          'not due in the day: weekly, or within a day when a refresh cannot explain the count (one page per 2 s in the background)',
      },
      fleetOf10000PerSecond: { readingChanges: perSecond(dayRequests), copyingWhole: perSecond(wholeRequests) },
      statusNote: note,
      met,
    };
  } finally {
    for (const client of clients) client.core.close();
    await api.stop();
    rmSync(temp, { recursive: true, force: true });
  }
}
