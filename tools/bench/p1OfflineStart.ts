// P1: an offline start (open the data folder, show the active account's cached profile)
// against the floor of starting Node at all, both timed in this run on this machine. The
// start is timed from spawn to the child's line saying the profile is in hand (what a person
// waits for; the child then closes and exits, which nobody waits for), the floor from spawn
// to the exit of `node -e 0`. The child runs its bundle through the code cache in the data
// folder, as the app's entry does (D112): the first warm-up finds none and writes it, and every
// timed run must have used it; that first start is reported too (`firstStartMs`).
import { log } from './log';
import { median, round } from './stats';
import { timedSpawn } from './timedSpawn';

const warmups = 2;
const runs = 15;

interface ChildReport {
  username: string | null;
  accounts: number;
  bodyAtMs: number;
  doneAtMs: number;
}

/** The entry's line after the start's: how the code cache went. */
interface CacheReport {
  codeCache: string;
  saved: string;
}

export async function benchOfflineStart(childScript: string, dataDir: string, expected: { username: string; accounts: number }) {
  const child = async () => {
    const run = await timedSpawn(process.execPath, [childScript, dataDir]);
    const [startLine, cacheLine] = run.stdout.trim().split('\n');
    const report = JSON.parse(startLine ?? '') as ChildReport;
    const cache = JSON.parse(cacheLine ?? '') as CacheReport;
    if (report.username !== expected.username || report.accounts !== expected.accounts) {
      throw new Error(`offline start read ${run.stdout.trim()}, expected ${JSON.stringify(expected)}`);
    }
    if (run.lineMs === null) throw new Error('the offline start printed no line');
    return { ...report, ...cache, ms: run.lineMs, exitMs: run.ms };
  };
  const bare = () => timedSpawn(process.execPath, ['-e', '0']);
  let firstStart: Awaited<ReturnType<typeof child>> | null = null;
  for (let i = 0; i < warmups; i++) {
    const warmup = await child();
    firstStart ??= warmup;
    await bare();
  }
  if (firstStart?.codeCache !== 'missing' || firstStart.saved !== 'written')
    throw new Error(`the first start found a code cache (${firstStart?.codeCache}, ${firstStart?.saved}): the data folder was not new`);
  // Interleaved, so a burst of background load hits both sides alike.
  const children: Awaited<ReturnType<typeof child>>[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const timed = await child();
    if (timed.codeCache !== 'used') throw new Error(`a timed start did not use the code cache: ${timed.codeCache}`);
    children.push(timed);
    bareMs.push((await bare()).ms);
  }
  const childMs = median(children.map((c) => c.ms));
  const ratio = childMs / median(bareMs);
  log(`P1: offline start ${round(childMs, 1)} ms vs node -e 0 ${round(median(bareMs), 1)} ms`);
  return {
    ratio: round(ratio),
    childMs: round(childMs, 1),
    bareNodeMs: round(median(bareMs), 1),
    runs,
    // Inside the child (ms since its process began): where the extra time goes.
    breakdown: {
      codeLoadedAtMs: round(median(children.map((c) => c.bodyAtMs)), 1),
      workMs: round(median(children.map((c) => c.doneAtMs - c.bodyAtMs)), 1),
      exitedAtMs: round(median(children.map((c) => c.exitMs)), 1),
    },
    // The first start after an install or update: no cache yet, so the bundle is compiled (one run, not a median).
    firstStartMs: round(firstStart.ms, 1),
    target: '≤ 1.4',
    met: ratio <= 1.4,
  };
}
