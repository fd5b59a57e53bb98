// A users API in a child process of its own, so the client's CPU and memory are measured
// alone (the two share a 2-core machine): the reference server, or the fast one.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '../..');

export interface UsersApiProcess {
  url: string;
  stop(): Promise<void>;
}

/** The reference server (tools/users-api) with `people` generated people besides its seed. */
export function startUsersApiProcess(people: number, extraArgs: string[] = []): Promise<UsersApiProcess> {
  const cli = path.join(root, 'tools/users-api/src/cli.ts');
  return startProcess([
    cli,
    '--port',
    '0',
    ...(people > 0 ? ['--people', String(people)] : []),
    '--rate-limit',
    'off',
    '--update-rate-limit',
    'off',
    ...extraArgs,
  ]);
}

/** fastUsersApi.ts serving fakePeople(people), pages rendered before the first request. */
export function startFastUsersApiProcess(people: number, pageSize?: number): Promise<UsersApiProcess> {
  const entry = path.join(import.meta.dirname, 'children/fastUsersApi.ts');
  return startProcess([entry, String(people), ...(pageSize ? [String(pageSize)] : [])]);
}

function startProcess(args: string[]): Promise<UsersApiProcess> {
  // `node --import tsx` rather than the tsx binary: one process, whose pid we own.
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    // Rejects the start only if the child dies first; after a resolve it changes nothing.
    void exited.then(() => reject(new Error('the users API exited before listening')));
    // Both CLIs print exactly one line once they listen.
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const url = /listening on (\S+)/.exec(line)?.[1];
      if (url) resolve({ url, stop });
      // stop() never rejects; the start's promise fails once the child is gone.
      else void stop().then(() => reject(new Error(`the users API said: ${line}`)));
    });
  });
}
