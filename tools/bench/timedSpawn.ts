import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface TimedRun {
  ms: number;
  stdout: string;
}

/** Wall time from spawn to exit, as a user (or a launcher) would feel it. */
export function timedSpawn(command: string, args: string[]): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
    });
  });
}
