import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { makeTempDir } from '../../tests/support/tempDir';
import { openKeyedDatabase } from '../../tests/support/keyedDatabase';
import { appId } from '../core/appIdentity';
import { hostLogger } from './stderrLog';

const root = path.resolve(import.meta.dirname, '../..');

describe('the browser host log', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes one line per entry to stderr, from info up unless AM_LOG_LEVEL says otherwise, secrets removed', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    const log = hostLogger({}).child('dispatch');
    log.debug('not at the default level');
    log.error('internal error on app.info', new Error('sign-in with password=hunter2\nfailed'));
    hostLogger({ AM_LOG_LEVEL: 'debug' }).debug('shown when asked for');
    expect(written).toEqual([
      expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ERROR \[dispatch\] internal error on app\.info: Error: sign-in with password=\[redacted\] failed\n$/,
      ),
      expect.stringMatching(/^\S+ DEBUG shown when asked for\n$/),
    ]);
  });

  it('carries a failure inside the running host core to stderr as "internal error on <channel>"', async () => {
    const temp = makeTempDir();
    const rendererDir = path.join(temp.dir, 'renderer');
    const dataDir = path.join(temp.dir, 'data');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Account Manager</title>');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/browser-host/cli.ts', '--port', '0', '--data-dir', dataDir, '--renderer-dir', rendererDir],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        readline.createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.startsWith('Open: ')) resolve(new URL(line.slice('Open: '.length)));
        });
        child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)));
      });
      // Another program damages the database under the running host.
      const db = await openKeyedDatabase(appId, dataDir);
      db.exec('DROP TABLE servers');
      db.close();
      const secret = new URLSearchParams(url.hash.slice(1)).get('secret');
      const socket = new WebSocket(`ws://${url.host}/ipc?secret=${secret}`, { origin: url.origin });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const reply = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
      socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'servers.list', payload: {} }));
      expect(await reply).toMatchObject({ id: 1, result: { ok: false, error: { code: 'internal' } } });
      socket.close();
      await expect
        .poll(() => stderr)
        .toMatch(/^\S+ ERROR \[dispatch\] internal error on servers\.list: SqliteError: no such table: servers$/m);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      temp.cleanup();
    }
  });
});
