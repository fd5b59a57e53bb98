import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '../../..');

export interface RunningHost {
  url: string;
  /** Every line the host printed on stdout. */
  stdout: string[];
  /** What the host printed on stderr so far. */
  stderr(): string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `npm run web`'s program as a child process, exactly as a person would,
 * and waits for its `Open: ` line.
 */
export async function startBrowserHostProcess(options: { dataDir: string; env?: NodeJS.ProcessEnv; port?: number }): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'electron/browser-host/cli.ts'),
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      options.dataDir,
    ],
    { cwd: root, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stdout: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    // Only against a host that hangs (then it is stopped, not left behind): a busy machine
    // takes seconds to start one, and the test's own timeout is the real bound.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`browser host did not start: ${stderr}`));
    }, 60_000);
    lines.on('line', (line) => {
      stdout.push(line);
      if (line.startsWith('Open: ')) {
        clearTimeout(timer);
        resolve(line.slice('Open: '.length));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    stdout,
    stderr: () => stderr,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        // Already gone (exited, or killed by a signal): its 'exit' event will not come again.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
