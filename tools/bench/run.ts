// `npm run bench`: P1–P7 of the performance issues. Prints one JSON document on
// stdout (figures, target, met); progress on stderr. A missed target is a finding, not a
// failure: the exit code is non-zero only when a benchmark could not run at all (a wrong
// answer counts as not running: every benchmark checks its answer before it reports).
//   -- --only=P2,P6      a subset (P6 needs the runs of P2 and P4, which it then does too)
//   -- --sizes=50000     skip the 500,000-person runs
//   -- --servers=fast    P4 without the reference server (whose run takes minutes)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { encryptionOn, withoutEncryption } from './benchStorage';
import { bundleChildren } from './bundleChildren';
import { fakePeople, type ListedPerson } from '../../tests/support/fakePeople';
import { writeFixtureDataDir } from './fixtureDataDir';
import { log } from './log';
import { benchOfflineStart } from './p1OfflineStart';
import { benchSearch } from './p2Search';
import { benchRendererWeight } from './p3RendererWeight';
import { benchDirectorySync, clientSync } from './p4DirectorySync';
import { benchRequests } from './p5Requests';
import { benchServerLoad } from './p7ServerLoad';
import { round } from './stats';
import { searchQueries } from './searchQueries';
import { startFastUsersApiProcess, startUsersApiProcess, type UsersApiProcess } from './usersApiProcess';

const accounts = 20;
/** P1's data folder, P4 against the reference server and the huge-page run use this many people. */
const referenceSize = 50_000;
const searches = 1_000;
/** At sizes above this, only queries with at most this many matches are read page by page to the end. */
const fullCheckUpTo = 20_000;
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = new Set((option('only') ?? 'P1,P2,P3,P4,P5,P6,P7').split(','));
if (only.has('P6')) ['P2', 'P4'].forEach((name) => only.add(name));
const sizes = (option('sizes') ?? '50000,500000').split(',').map(Number);
const servers = new Set((option('servers') ?? 'reference,fast').split(','));
const small = referenceSize;
const large = sizes.filter((size) => size > referenceSize);
const skipped = { skipped: true as const };

async function attempt<T>(name: string, bench: () => Promise<T> | T): Promise<T | { error: string; met: false }> {
  try {
    return await bench();
  } catch (error) {
    log(`${name} could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { error: error instanceof Error ? error.message : String(error), met: false };
  }
}

async function withServer<T>(start: Promise<UsersApiProcess>, use: (server: UsersApiProcess) => Promise<T>): Promise<T> {
  const server = await start;
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

const failed = (result: object): result is { error: string } => 'error' in result;

async function main(): Promise<boolean> {
  encryptionOn();
  const started = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const temp = mkdtempSync(path.join(os.tmpdir(), 'am-bench-'));
  // The reference server seeds its people while the untimed set-up below runs.
  const reference = only.has('P4') && servers.has('reference') ? startUsersApiProcess(small) : Promise.reject(new Error('P4 not selected'));
  reference.catch(() => undefined); // awaited in P4
  const directories = new Map<number, ListedPerson[]>();
  const directory = (size: number) => {
    if (!directories.has(size)) directories.set(size, fakePeople(size));
    return directories.get(size)!;
  };
  try {
    const P3 = only.has('P3') ? await attempt('P3', benchRendererWeight) : skipped;
    const P5 = only.has('P5') ? await attempt('P5', benchRequests) : skipped;
    const P7 = only.has('P7') ? await attempt('P7', () => benchServerLoad(referenceSize)) : skipped;
    // P1, P2 and P4 share the bundled children and the data folder; P3 and P5 alone need neither.
    const needsFixture = ['P1', 'P2', 'P4'].some((name) => only.has(name));
    if (needsFixture) log(`bundling child processes and writing the ${small.toLocaleString()}-person data folder…`);
    const bundles = needsFixture ? await bundleChildren(path.join(temp, 'bundles')) : null;
    const fixture = bundles ? writeFixtureDataDir(path.join(temp, 'data'), accounts, directory(small)) : null;
    // The same folder unencrypted: each figure again with a plain database, for the overhead of encryption.
    const plainFixture = bundles
      ? await withoutEncryption(async () => writeFixtureDataDir(path.join(temp, 'data-plain'), accounts, directory(small)))
      : null;
    const P1 =
      bundles && fixture && plainFixture && only.has('P1')
        ? await attempt('P1', async () => {
            const expected = { username: fixture.activeUsername, accounts };
            const encrypted = await benchOfflineStart(bundles.offlineStart, fixture.dataDir, expected);
            const plain = await withoutEncryption(() => benchOfflineStart(bundles.offlineStart, plainFixture.dataDir, expected));
            return {
              ...encrypted,
              plain: { ratio: plain.ratio, childMs: plain.childMs },
              encryptionOverheadMs: round(encrypted.childMs - plain.childMs, 1),
            };
          })
        : skipped;

    const P2: Record<string, unknown> = {};
    if (fixture && only.has('P2')) {
      for (const size of sizes) {
        const people = directory(size);
        const data = size === small ? fixture : writeFixtureDataDir(path.join(temp, `data-${size}`), 1, people);
        if (size !== small) log(`P2: wrote the ${size.toLocaleString()}-person data folder`);
        const plainData =
          size === small
            ? plainFixture!
            : await withoutEncryption(async () => writeFixtureDataDir(path.join(temp, `data-plain-${size}`), 1, people));
        const queries = searchQueries(people, searches);
        const fullCheck = size === small ? Infinity : fullCheckUpTo;
        P2[String(size)] = await attempt(`P2 ${size}`, async () => ({
          ...(await benchSearch(data, people, queries, fullCheck)),
          plain: await withoutEncryption(() => benchSearch(plainData, people, queries, fullCheck)),
        }));
      }
    }

    const P4: Record<string, unknown> = {};
    let hostilePage: object = skipped;
    if (bundles && only.has('P4')) {
      const script = bundles.directorySync;
      if (servers.has('reference'))
        P4.reference = await attempt('P4 reference', () =>
          withServer(reference, (server) =>
            benchDirectorySync(script, { url: server.url, label: `reference users-api, ${small.toLocaleString()} generated` }, temp, null, {
              bare: true,
            }),
          ),
        );
      for (const size of sizes) {
        P4[`fast${size}`] = await attempt(`P4 fast ${size}`, () =>
          withServer(startFastUsersApiProcess(size), async (server) => {
            const label = { url: server.url, label: `pre-rendered pages, ${size.toLocaleString()}` };
            const encrypted = await benchDirectorySync(script, label, temp, directory(size), { bare: true, maxPeople: size + 1000 });
            const plain = await withoutEncryption(() =>
              benchDirectorySync(script, { ...label, label: `${label.label}, plain` }, temp, directory(size), {
                bare: false,
                maxPeople: size + 1000,
              }),
            );
            const overhead = round(encrypted.clientCpuMs / plain.clientCpuMs - 1);
            return { ...encrypted, plain: { clientCpuMs: plain.clientCpuMs, clientMs: plain.clientMs }, encryptionCpuOverhead: overhead };
          }),
        );
      }
      // A server that ignores `count` and sends all its 50,000 people in one reply.
      hostilePage = await attempt('P6 huge page', () =>
        withServer(startFastUsersApiProcess(small, small), async (server) => {
          const run = await clientSync(script, server.url, temp);
          if (run.state !== 'failed' || run.cached !== 0)
            throw new Error(`a ${small}-person page ended ${run.state} with ${run.cached} saved`);
          return { maxLoopDelayMs: round(run.maxLoopDelayMs, 1), outcome: run.error };
        }),
      );
    }

    const report = {
      node: process.version,
      cpus: os.availableParallelism(),
      platform: `${os.platform()}-${os.arch()}`,
      // Other work on the machine skews every figure: the 1-minute load average tells.
      loadAverage: { start: round(loadAtStart), end: round(os.loadavg()[0] ?? 0) },
      seconds: round((performance.now() - started) / 1000, 1),
      P1,
      P2: only.has('P2')
        ? { ...P2, target: 'p95 ÷ the floor (one person read by id through core.dispatch) ≤ 3 at every size, recall = 1' }
        : skipped,
      P3,
      P4: only.has('P4') ? { ...P4, ...p4Verdict(P4, small, large) } : skipped,
      P5,
      P6: only.has('P6') ? p6Report(P2, P4, hostilePage) : skipped,
      P7,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const results = [P1, P3, P5, P7, hostilePage, ...Object.values(P2), ...Object.values(P4)] as object[];
    return results.every((result) => !failed(result));
  } finally {
    await reference.then((server) => server.stop()).catch(() => undefined);
    rmSync(temp, { recursive: true, force: true });
  }
}

type SyncFigures = { clientToRowsFloorCpuRatio: number | null; peakRssMB: number; maxLoopDelayMs: number };

function p4Verdict(runs: Record<string, unknown>, small: number, large: number[]) {
  const figures = (key: string) => runs[key] as SyncFigures | { error: string } | undefined;
  // Every run that was asked for: the reference server at the small size, pre-rendered pages at every size.
  const keys = [...(servers.has('reference') ? ['reference'] : []), ...sizes.map((size) => `fast${size}`)];
  const rss = large.map((size) => figures(`fast${size}`));
  const ok = (run: SyncFigures | { error: string } | undefined): run is SyncFigures => run !== undefined && !failed(run);
  return {
    target: `client CPU ÷ the plain-rows floor's CPU (same database kind) ≤ 2.5 at ${sizes.map((n) => n.toLocaleString()).join(' and ')}; peak RSS ≤ 250 MB at ${large.map((n) => n.toLocaleString()).join(', ') || '(no larger size run)'}`,
    met:
      keys.every((key) => {
        const run = figures(key);
        return ok(run) && run.clientToRowsFloorCpuRatio !== null && run.clientToRowsFloorCpuRatio <= 2.5;
      }) && rss.every((run) => ok(run) && run.peakRssMB <= 250),
  };
}

function p6Report(P2: Record<string, unknown>, P4: Record<string, unknown>, hostilePage: object) {
  const delays: Record<string, number | string> = {};
  for (const [size, run] of Object.entries(P2)) {
    const result = run as { searchEventLoop?: { maxDelayMs: number }; error?: string };
    delays[`searching ${Number(size).toLocaleString()}`] = result.searchEventLoop?.maxDelayMs ?? `not measured: ${result.error}`;
  }
  for (const [key, run] of Object.entries(P4)) {
    if (!key.startsWith('fast') && key !== 'reference') continue;
    const result = run as { maxLoopDelayMs?: number; server?: string; error?: string };
    delays[`syncing from ${result.server ?? key}`] = result.maxLoopDelayMs ?? `not measured: ${result.error}`;
  }
  const hostile = hostilePage as { maxLoopDelayMs?: number; error?: string };
  delays['a 50,000-person page refused'] = hostile.maxLoopDelayMs ?? `not measured: ${hostile.error}`;
  const values = Object.values(delays);
  return {
    maxEventLoopDelayMs: delays,
    target: 'every max ≤ 50 ms',
    met: values.every((value) => typeof value === 'number' && value <= 50),
  };
}

main().then(
  (ran) => process.exit(ran ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
