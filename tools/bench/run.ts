// `npm run bench`: P1–P4 of the performance issue. Prints one JSON document on stdout
// (figures, target, met); progress on stderr. A missed target is a finding, not a
// failure: the exit code is non-zero only when a benchmark could not run at all.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleChildren } from './bundleChildren';
import { fakePeople } from './fakePeople';
import { writeFixtureDataDir } from './fixtureDataDir';
import { log } from './log';
import { benchOfflineStart } from './p1OfflineStart';
import { benchSearch } from './p2Search';
import { benchRendererWeight } from './p3RendererWeight';
import { benchDirectorySync } from './p4DirectorySync';
import { round } from './stats';
import { searchQueries } from './searchQueries';
import { startUsersApiProcess } from './usersApiProcess';

const accounts = 20;
const people = 50_000;
const searches = 1_000;
/** `npm run bench -- --only=P1,P2` runs a subset while working on one figure. */
const only = new Set((process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? 'P1,P2,P3,P4').split(','));
const skipped = { skipped: true as const };

async function attempt<T>(name: string, bench: () => Promise<T> | T): Promise<T | { error: string; met: false }> {
  try {
    return await bench();
  } catch (error) {
    log(`${name} could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { error: error instanceof Error ? error.message : String(error), met: false };
  }
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const temp = mkdtempSync(path.join(os.tmpdir(), 'am-bench-'));
  // The server seeds its 50,000 people while the untimed set-up below runs.
  const api = only.has('P4') ? startUsersApiProcess(people) : Promise.reject(new Error('P4 not selected'));
  api.catch(() => undefined); // awaited in P4
  try {
    const P3 = only.has('P3') ? await attempt('P3', benchRendererWeight) : skipped;
    log('bundling child processes and writing the 50,000-person data folder…');
    const bundles = await bundleChildren(path.join(temp, 'bundles'));
    const directory = fakePeople(people);
    const fixture = writeFixtureDataDir(path.join(temp, 'data'), accounts, directory);
    // Wait for the server to be idle before timing anything.
    const P1 = only.has('P1')
      ? await attempt('P1', () => benchOfflineStart(bundles.offlineStart, fixture.dataDir, { username: fixture.activeUsername, accounts }))
      : skipped;
    const P2 = only.has('P2')
      ? await attempt('P2', () =>
          benchSearch(
            fixture,
            searchQueries(directory, searches).map((q) => q.query),
          ),
        )
      : skipped;
    const server = only.has('P4') ? await attempt('users-api', () => api) : skipped;
    const P4 = 'url' in server ? await attempt('P4', () => benchDirectorySync(bundles.directorySync, server.url, temp)) : server;
    const report = {
      node: process.version,
      cpus: os.availableParallelism(),
      platform: `${os.platform()}-${os.arch()}`,
      // Other work on the machine skews every figure: the 1-minute load average tells.
      loadAverage: { start: round(loadAtStart), end: round(os.loadavg()[0] ?? 0) },
      seconds: round((performance.now() - started) / 1000, 1),
      P1,
      P2,
      P3,
      P4,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return [P1, P2, P3, P4].every((result) => !('error' in result));
  } finally {
    await api.then((server) => server.stop()).catch(() => undefined);
    rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  (ran) => process.exit(ran ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
