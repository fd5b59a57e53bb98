// P4: the app's directory sync against the floor of fetching the same pages and doing
// nothing with them; the client's peak memory while it stores 50,000 people.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { log } from './log';
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

interface ClientRun {
  ms: number;
  cpuMs: number;
  saveListedMs: number;
  loaded: number;
  total: number;
  cached: number;
  sampledPeakRssMB: number;
  maxRssMB: number;
}

export async function benchDirectorySync(childScript: string, url: string, tempRoot: string) {
  const child = async <T>(args: string[]) => JSON.parse((await timedSpawn(process.execPath, [childScript, ...args])).stdout) as T;
  // Untimed: the server's first requests (JIT, caches) should not land on either side.
  log('P4: warming the server up…');
  await child<BareRun>(['bare', url, '30']);
  log('P4: bare fetch of every page (1/2)…');
  const before = await child<BareRun>(['bare', url]);
  log(`P4: bare ${round(before.ms / 1000, 1)} s; client sync…`);
  const client = await child<ClientRun>(['client', url, mkdtempSync(path.join(tempRoot, 'sync-'))]);
  log(`P4: client ${round(client.ms / 1000, 1)} s; bare fetch (2/2)…`);
  const after = await child<BareRun>(['bare', url]);

  // The server's own count (the seed's accounts plus the generated people).
  const expectedTotal = before.total;
  for (const run of [before, after]) {
    if (run.loaded !== expectedTotal || run.total !== expectedTotal) throw new Error(`bare fetch read ${run.loaded} of ${run.total}`);
  }
  if (client.loaded !== expectedTotal || client.total !== expectedTotal || client.cached !== expectedTotal) {
    throw new Error(`sync ended with loaded ${client.loaded}, total ${client.total}, cached ${client.cached}; server has ${expectedTotal}`);
  }
  // Mean of a bare run before and after: neither side gets all the server's warm-up.
  const bareMs = (before.ms + after.ms) / 2;
  const ratio = client.ms / bareMs;
  // The kernel's high-water mark for the whole client process (not 20 ms samples, which can miss a spike).
  const peakRssMB = client.maxRssMB;
  return {
    ratio: round(ratio),
    clientMs: Math.round(client.ms),
    bareMs: Math.round(bareMs),
    bareRunsMs: [Math.round(before.ms), Math.round(after.ms)],
    peakRssMB: round(peakRssMB, 1),
    peakRssSource: 'client child process resourceUsage().maxRSS',
    sampledPeakRssMB: round(client.sampledPeakRssMB, 1),
    bareMaxRssMB: round(Math.max(before.maxRssMB, after.maxRssMB), 1),
    people: client.loaded,
    pages: before.pages,
    breakdown: {
      clientCpuMs: Math.round(client.cpuMs),
      clientSaveListedMs: Math.round(client.saveListedMs),
      bareCpuMs: Math.round((before.cpuMs + after.cpuMs) / 2),
    },
    target: 'ratio ≤ 1.25 and peak RSS ≤ 200 MB',
    met: ratio <= 1.25 && peakRssMB <= 200,
  };
}
