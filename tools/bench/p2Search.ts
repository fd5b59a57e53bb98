// P2: directory search through the core's own entry point (validation, handler, SQLite,
// ranking, response check), against a plain LIKE '%q%' scan of the same table.
import Database from 'better-sqlite3';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/createCore';
import { databaseFileName } from '../../electron/core/db/openDatabase';
import { MemoryVault } from '../../electron/core/vault/memoryVault';
import type { Fixture } from './fixtureDataDir';
import { log } from './log';
import { median, percentile, round, significant } from './stats';

const warmups = 50;
/**
 * A search that takes hundreds of ms must not make the whole run last an hour: past this
 * budget the remaining queries are skipped (the figures say how many were timed). The
 * queries are independent seeded draws, so the first n are still a fair sample.
 */
const budgetMs = 30_000;

/** Times each query alone; returns the per-query milliseconds and the rows found. */
async function timeEach(queries: readonly string[], run: (query: string) => Promise<number> | number, budget = Infinity) {
  const ms: number[] = [];
  let hits = 0;
  const deadline = performance.now() + budget;
  for (const query of queries) {
    if (performance.now() > deadline) break;
    const started = performance.now();
    hits += await run(query);
    ms.push(performance.now() - started);
  }
  return { ms, hits };
}

export async function benchSearch(fixture: Fixture, queries: readonly string[]) {
  const core = createCore({ dataDir: fixture.dataDir, vault: new MemoryVault(), version: 'bench', shell: 'test' });
  await core.ready;
  const search = async (query: string) => {
    const result = await core.dispatch('directory.search', { accountId: fixture.activeAccountId, query, limit: 50 });
    if (!result.ok) throw new Error(`directory.search "${query}": ${result.error.message}`);
    return (result.value as { people: unknown[] }).people.length;
  };

  // A second connection, read-only, on the same file: the baseline sees the same pages.
  const db = new Database(path.join(fixture.dataDir, databaseFileName), { readonly: true });
  const like = db.prepare(
    `SELECT user_id, username, name, nickname, emails FROM people WHERE server_id = @serverId
       AND (username LIKE @q OR name LIKE @q OR nickname LIKE @q OR emails LIKE @q) LIMIT 50`,
  );
  const scan = (query: string) => like.all({ serverId: fixture.serverId, q: `%${query}%` }).length;

  // Warm both (statement caches, page cache, JIT) before anything is timed.
  await timeEach(queries.slice(0, warmups), search, budgetMs / 10);
  await timeEach(queries.slice(0, warmups), scan);
  log(`P2: timing ${queries.length} searches through the core, then the same as a LIKE scan`);
  const ours = await timeEach(queries, search, budgetMs);
  if (ours.ms.length < queries.length) log(`P2: over the ${budgetMs / 1000} s budget after ${ours.ms.length} searches`);
  // The baseline runs exactly the queries the core was timed on.
  const baseline = await timeEach(queries.slice(0, ours.ms.length), scan);
  db.close();
  core.close();

  const p95 = percentile(ours.ms, 95);
  const ratio = median(baseline.ms) / median(ours.ms);
  log(`P2: p50 ${round(median(ours.ms), 3)} ms, p95 ${round(p95, 3)} ms; LIKE p50 ${round(median(baseline.ms), 2)} ms`);
  return {
    queries: queries.length,
    timed: ours.ms.length,
    p50Ms: round(median(ours.ms), 3),
    p95Ms: round(p95, 3),
    maxMs: round(Math.max(...ours.ms), 3),
    likeP50Ms: round(median(baseline.ms), 3),
    likeP95Ms: round(percentile(baseline.ms, 95), 3),
    ratio: significant(ratio),
    p95Ratio: significant(percentile(baseline.ms, 95) / p95),
    hits: { handler: ours.hits, like: baseline.hits },
    target: 'p95 ≤ 2 ms and ratio ≥ 20',
    met: p95 <= 2 && ratio >= 20,
  };
}
