// P4/P6 child, one per measurement so each has its own RSS and CPU figures:
//   bare <url> [pages]                      sign in, then fetch + JSON.parse every users.list
//                                           page (or the first `pages`), store nothing
//   rows <url> <dataDir>                    the same fetch, each page's people written as plain
//                                           rows to a SQLite table (no checks, no search index),
//                                           encrypted as the client's when BENCH_DB_KEY is set:
//                                           the least a client that keeps people on disk pays
//   client <url> <dataDir> [maxPeople]      the app core syncing the directory into SQLite (its
//                                           writes on the writer thread), watching its own event
//                                           loop the while
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createCore, directoryWriterFileName, Logger, MemoryVault, openDatabase } from '../../../electron/core';
import { benchStorage } from '../benchStorage';
import { callResult } from '../../../tests/support/coreCall';

// Set when bundled (bundleChildren.ts): the bundle carries better-sqlite3's JavaScript, as the app's does.
const sqliteBinding = process.env.BENCH_SQLITE_BINDING;
const user = 'demouser';
const password = 'demo-pass-1';
const [mode, url, arg, limitArg] = process.argv.slice(2);

/**
 * This process's own peak resident memory. Linux carries getrusage's maxRSS over an exec from
 * the process that forked it, so a child of a 250 MB bench would report 250 MB however little it
 * used; VmHWM belongs to the process's own memory map, new at exec. Elsewhere, maxRSS (KiB).
 */
function maxRssMB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'latin1'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // No /proc (macOS, Windows): the portable figure.
  }
  return process.resourceUsage().maxRSS / 1024;
}
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

type Person = { _id: string; username?: string; name?: string; nickname?: string; emails?: { address: string }[] };

async function bare(base: string, pageLimit: number, onPage: (people: Person[]) => void = () => undefined) {
  const login = await fetch(`${base}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password }),
  });
  const { data } = (await login.json()) as { data: { userId: string; authToken: string } };
  const headers = { 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken };
  const sort = encodeURIComponent(JSON.stringify({ username: 1 }));
  const cpu = process.cpuUsage();
  const started = performance.now();
  let loaded = 0;
  let total = Infinity;
  let pages = 0;
  while (loaded < total && pages < pageLimit) {
    const response = await fetch(`${base}/api/v1/users.list?offset=${loaded}&count=100&sort=${sort}`, { headers });
    const page = JSON.parse(await response.text()) as { users: Person[]; total: number };
    if (page.users.length === 0) break;
    onPage(page.users);
    loaded += page.users.length;
    total = page.total;
    pages += 1;
  }
  return { ms: performance.now() - started, cpuMs: cpuMs(cpu), pages, loaded, total, maxRssMB: maxRssMB() };
}

/** The floor of keeping people on disk: bare's fetch, plus one plain insert per person, a transaction per page, in the client's kind of database. */
async function rows(base: string, folder: string) {
  // Opened as the client's database is (encrypted when the client's is, WAL, synchronous NORMAL),
  // with no schema of the app's: the floor pays what the client's kind of database costs, nothing else.
  const { db } = openDatabase({ dataDir: folder, clock: { now: Date.now }, migrations: [], sqliteBinding, storage: benchStorage() });
  db.exec(`CREATE TABLE people (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL UNIQUE, username TEXT, name TEXT,
             nickname TEXT, emails TEXT, document TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO people (user_id, username, name, nickname, emails, document) VALUES (?, ?, ?, ?, ?, ?)');
  const savePage = db.transaction((people: Person[]) => {
    for (const person of people) {
      const emails = person.emails?.map((email) => email.address).join(' ') ?? null;
      insert.run(person._id, person.username ?? null, person.name ?? null, person.nickname ?? null, emails, JSON.stringify(person));
    }
  });
  const run = await bare(base, Infinity, savePage);
  const stored = db.prepare('SELECT count(*) FROM people').pluck().get() as number;
  db.close();
  return { ...run, stored };
}

async function client(base: string, folder: string, maxPeople: number | undefined) {
  // The directory writer's thread, bundled beside this file as the app's is beside its main bundle (D118).
  const warnings: string[] = [];
  const log = new Logger({ level: 'warn', sink: (entry) => warnings.push(entry.message) });
  const core = createCore({
    dataDir: folder,
    vault: new MemoryVault(),
    version: 'bench',
    shell: 'test',
    sqliteBinding,
    storage: benchStorage(),
    directoryWriter: { file: path.join(path.dirname(process.argv[1]!), directoryWriterFileName) },
    log,
  });
  await core.ready;
  const server = await callResult(core, 'servers.add', { url: base });
  if (!server.ok) throw new Error(`servers.add: ${server.error.message}`);
  const serverId = server.value.id;
  const account = await callResult(core, 'accounts.signIn', { serverId, user, password });
  if (!account.ok) throw new Error(`accounts.signIn: ${account.error.message}`);
  const accountId = account.value.id;

  const finished = new Promise<{ state: string; error: string | null }>((resolve) => {
    core.events.on('directory.changed', (status) => {
      if (status.state !== 'syncing') resolve(status);
    });
  });
  // P6: the longest the event loop could not run (a window's input would wait that long).
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const sync = await callResult(core, 'directory.sync', { accountId, ...(maxPeople ? { maxPeople } : {}) });
  if (!sync.ok) throw new Error(`directory.sync: ${sync.error.message}`);
  const end = await finished;
  const ms = performance.now() - started;
  const onMainThread = warnings.filter((warning) => warning.includes('written on the main thread'));
  const used = cpuMs(cpu);
  delay.disable();
  const status = await callResult(core, 'directory.status', { accountId });
  if (!status.ok) throw new Error(`directory.status: ${status.error.message}`);
  core.close();
  const { loaded, total, cached } = status.value;
  const bytes = fs.readdirSync(folder).reduce((sum, file) => sum + fs.statSync(path.join(folder, file)).size, 0);
  return {
    state: end.state,
    error: end.error,
    accountId,
    ms,
    cpuMs: used,
    loaded,
    total,
    cached,
    databaseBytes: bytes,
    maxLoopDelayMs: delay.max / 1e6,
    p99LoopDelayMs: delay.percentile(99) / 1e6,
    // Whether the sync's writes ran on the writer thread (else the log says why not).
    writes: onMainThread.length === 0 ? 'on the writer thread' : onMainThread.join('; '),
    maxRssMB: maxRssMB(),
  };
}

const run =
  mode === 'bare' && url
    ? bare(url, arg ? Number(arg) : Infinity)
    : mode === 'rows' && url && arg
      ? rows(url, arg)
      : mode === 'client' && url && arg
        ? client(url, arg, limitArg ? Number(limitArg) : undefined)
        : null;
if (!run) throw new Error('usage: directorySync bare <url> [pages] | rows <url> <dataDir> | client <url> <dataDir> [maxPeople]');
// No top-level await: the bundle is CommonJS, as the app's main process is (D52).
void run.then((report) => process.stdout.write(`${JSON.stringify(report)}\n`));
