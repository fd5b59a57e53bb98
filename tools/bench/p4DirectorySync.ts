// P4: the app's directory sync against the floor of fetching the same pages and doing
// nothing with them — client CPU ÷ bare-fetch CPU, both in child processes of their own —
// against the reference server (which sorts its whole directory for every page) and against
// a fast one whose pages are rendered beforehand (so the client alone sets the pace).
// Proven right: the client ends with exactly the server's people, and against the fast
// server its searches give the ground truth's first pages.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { createCore, MemoryVault } from '../../electron/core';
import { directoryPageSize } from '../../shared/limits';
import { callResult } from '../../tests/support/coreCall';
import type { ListedPerson } from '../../tests/support/fakePeople';
import { expectedResults, truthPeople } from '../../tests/support/groundTruth';
import { benchStorage } from './benchStorage';
import { log } from './log';
import { searchQueries } from './searchQueries';
import { round } from './stats';
import { timedSpawn } from './timedSpawn';

interface BareRun {
  ms: number;
  cpuMs: number;
  pages: number;
  loaded: number;
  total: number;
  maxRssMB: number;
}

export interface ClientRun {
  state: string;
  error: string | null;
  accountId: string;
  ms: number;
  cpuMs: number;
  loaded: number;
  total: number;
  cached: number;
  databaseBytes: number;
  maxLoopDelayMs: number;
  p99LoopDelayMs: number;
  writes: string;
  maxRssMB: number;
}

const child = async <T>(script: string, args: string[]) => JSON.parse((await timedSpawn(process.execPath, [script, ...args])).stdout) as T;

/** One sync by the app core in a fresh data folder. */
export function clientSync(script: string, url: string, tempRoot: string, maxPeople?: number): Promise<ClientRun & { dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tempRoot, 'sync-'));
  return child<ClientRun>(script, ['client', url, dataDir, ...(maxPeople ? [String(maxPeople)] : [])]).then((run) => ({ ...run, dataDir }));
}

/** The synced folder answers searches as the ground truth says (first pages of 25 of P2's kinds of query). */
async function searchesRight(run: { dataDir: string; accountId: string }, people: readonly ListedPerson[]): Promise<string> {
  const core = createCore({ dataDir: run.dataDir, vault: new MemoryVault(), version: 'bench', shell: 'test', storage: benchStorage() });
  const truth = truthPeople(people);
  const queries = searchQueries(people, 25, 11);
  let right = 0;
  const wrong: string[] = [];
  for (const { query } of queries) {
    const result = await callResult(core, 'directory.search', { accountId: run.accountId, query, limit: directoryPageSize });
    const ids = result.ok ? result.value.people.map((person) => person.userId) : [];
    // A blank query lists everyone in directory order (D106), which the ground truth leaves to the app.
    const expected = query.trim() === '' ? people.slice(0, 50).map((person) => person._id) : expectedResults(truth, query).slice(0, 50);
    if (JSON.stringify(ids) === JSON.stringify(expected)) right += 1;
    else wrong.push(JSON.stringify(query));
  }
  core.close();
  if (right !== queries.length)
    throw new Error(`after the sync, ${queries.length - right} of ${queries.length} searches were wrong: ${wrong.join(', ')}`);
  return `${right}/${queries.length} first pages exact`;
}

export async function benchDirectorySync(
  script: string,
  server: { url: string; label: string },
  tempRoot: string,
  people: readonly ListedPerson[] | null,
  options: { maxPeople?: number; bare: boolean },
) {
  let bareRuns: BareRun[] = [];
  if (options.bare) {
    // Untimed: the server's first requests (JIT, caches) should not land on either side.
    log(`P4 ${server.label}: warming the server up…`);
    await child<BareRun>(script, ['bare', server.url, '30']);
    log(`P4 ${server.label}: bare fetch of every page (1/2)…`);
    bareRuns.push(await child<BareRun>(script, ['bare', server.url]));
  }
  log(`P4 ${server.label}: client sync…`);
  const client = await clientSync(script, server.url, tempRoot, options.maxPeople);
  if (options.bare) {
    log(`P4 ${server.label}: bare fetch (2/2)…`);
    bareRuns.push(await child<BareRun>(script, ['bare', server.url]));
  }
  bareRuns = bareRuns.filter(Boolean);
  // The floor of any client that keeps people on disk: the same fetch plus plain rows, no index.
  let rowsRun: (BareRun & { stored: number }) | null = null;
  if (options.bare) {
    log(`P4 ${server.label}: fetch + plain rows (the floor of storing people)…`);
    rowsRun = await child<BareRun & { stored: number }>(script, ['rows', server.url, mkdtempSync(path.join(tempRoot, 'rows-'))]);
  }

  // The server's own count: the bare fetch read it, or we generated the people ourselves.
  const expectedTotal = bareRuns[0]?.total ?? people!.length;
  for (const run of bareRuns) {
    if (run.loaded !== expectedTotal || run.total !== expectedTotal) throw new Error(`bare fetch read ${run.loaded} of ${run.total}`);
  }
  if (rowsRun && rowsRun.stored !== expectedTotal) throw new Error(`the plain-rows run stored ${rowsRun.stored} of ${expectedTotal}`);
  if (client.state !== 'done' || client.loaded !== expectedTotal || client.total !== expectedTotal || client.cached !== expectedTotal) {
    throw new Error(
      `sync ended ${client.state} (${client.error}) with loaded ${client.loaded}, total ${client.total}, cached ${client.cached}; server has ${expectedTotal}`,
    );
  }
  const searchCheck = people ? await searchesRight(client, people) : 'not checked (the reference server’s own people)';
  // Mean of a bare run before and after: neither side gets all the server's warm-up.
  const mean = (pick: (run: BareRun) => number) => bareRuns.reduce((sum, run) => sum + pick(run), 0) / bareRuns.length;
  const cpuRatio = options.bare ? client.cpuMs / mean((run) => run.cpuMs) : null;
  log(
    `P4 ${server.label}: client ${round(client.ms / 1000, 1)} s, ${Math.round(client.cpuMs)} ms CPU, peak RSS ${round(client.maxRssMB)} MB`,
  );
  return {
    server: server.label,
    people: client.cached,
    cpuRatio: cpuRatio === null ? null : round(cpuRatio),
    clientCpuMs: Math.round(client.cpuMs),
    clientMs: Math.round(client.ms),
    ...(options.bare
      ? {
          bareCpuMs: Math.round(mean((run) => run.cpuMs)),
          bareMs: Math.round(mean((run) => run.ms)),
          wallRatio: round(client.ms / mean((run) => run.ms)),
          // Fetch + plain rows ÷ bare fetch: what storing people costs before any checking or indexing.
          rowsFloorCpuMs: rowsRun ? Math.round(rowsRun.cpuMs) : null,
          rowsFloorCpuRatio: rowsRun ? round(rowsRun.cpuMs / mean((run) => run.cpuMs)) : null,
          // What the app adds to storing people: its checks, cleaning, merging and search index.
          clientToRowsFloorCpuRatio: rowsRun ? round(client.cpuMs / rowsRun.cpuMs) : null,
          bareMaxRssMB: round(
            bareRuns.reduce((most, run) => Math.max(most, run.maxRssMB), 0),
            1,
          ),
        }
      : {}),
    // The kernel's high-water mark for the whole client process (not 20 ms samples, which can miss a spike).
    peakRssMB: round(client.maxRssMB, 1),
    databaseBytesPerPerson: Math.round(client.databaseBytes / client.cached),
    maxLoopDelayMs: round(client.maxLoopDelayMs, 1),
    writes: client.writes,
    searchCheck,
  };
}
