// The reference server in a child process of its own, so the client's CPU and memory
// are measured alone (the two share a 2-core machine).
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '../..');

export interface UsersApiProcess {
  url: string;
  stop(): Promise<void>;
}

export function startUsersApiProcess(people: number, extraArgs: string[] = []): Promise<UsersApiProcess> {
  const cli = path.join(root, 'tools/users-api/src/cli.ts');
  // `node --import tsx` rather than the tsx binary: one process, whose pid we own.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      '--port',
      '0',
      ...(people > 0 ? ['--people', String(people)] : []),
      '--rate-limit',
      'off',
      '--update-rate-limit',
      'off',
      ...extraArgs,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error('users-api exited before listening')));
    // The CLI prints exactly one line once it listens.
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const url = /listening on (\S+)/.exec(line)?.[1];
      if (url) resolve({ url, stop });
      else void stop().then(() => reject(new Error(`users-api said: ${line}`)));
    });
  });
}
