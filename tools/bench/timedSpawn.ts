import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface TimedRun {
  /** Wall time from spawn to exit, as a user (or a launcher) would feel it. */
  ms: number;
  /** Wall time from spawn to the first whole line on stdout (a child's "done"), or null if none came. */
  lineMs: number | null;
  stdout: string;
}

export function timedSpawn(command: string, args: string[]): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let lineMs: number | null = null;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (lineMs === null && stdout.includes('\n')) lineMs = performance.now() - started;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, lineMs, stdout });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
    });
  });
}
