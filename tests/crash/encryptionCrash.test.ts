import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, startCore } from '../../electron/core/createCore';
import { databaseKeyEntry } from '../../electron/core/databaseKey';
import { isPlainDatabase } from '../../electron/core/db/cipher';
import { encryptionSteps } from '../../electron/core/db/encryptInPlace';
import { databaseFileName } from '../../electron/core/db/openDatabase';
import { bundleForNode } from '../support/bundleForNode';
import { call } from '../support/coreCall';
import { FileVault } from '../support/fileVault';
import { makeTempDir } from '../support/tempDir';
import { demo, startTestServer, type TestServer } from '../support/usersApiServer';

describe('crash safety of encrypting a plain database (real child processes, kill -9 at each step)', () => {
  const temp = makeTempDir();
  const template = path.join(temp.dir, 'template');
  let server: TestServer;
  let worker: string;
  let accountId: string;
  let name: string;

  beforeAll(async () => {
    worker = await bundleForNode(path.join(import.meta.dirname, 'encryptionWorker.ts'), path.join(temp.dir, 'encryptionWorker.mjs'));
    server = await startTestServer();
    // A data folder as an earlier version left it: a plain database with an account, its profile and people.
    const core = createCore({ dataDir: template, vault: new FileVault(path.join(template, 'vault.json')), version: '1', shell: 'test' });
    try {
      const { id: serverId } = await call(core, 'servers.add', { url: server.url });
      accountId = (await call(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: demo.plain.password })).id;
      await call(core, 'profile.refresh', { accountId });
      name = (await call(core, 'profile.get', { accountId })).profile!.name!;
    } finally {
      core.close();
    }
    expect(isPlainDatabase(path.join(template, databaseFileName))).toBe(true);
  });
  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  it.each(encryptionSteps)(
    'a kill at "%s" leaves a database the next start opens, with nothing lost',
    { timeout: 60_000 },
    async (step) => {
      const run = path.join(temp.dir, `run-${step}`);
      fs.cpSync(template, run, { recursive: true });
      const vaultFile = path.join(run, 'vault.json');
      const file = path.join(run, databaseFileName);

      const child = spawn(process.execPath, [worker, run, vaultFile, step], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        readline.createInterface({ input: child.stdout }).on('line', (line) => {
          if (line === `at ${step}`) resolve();
          if (line === 'finished') reject(new Error(`the worker never reached "${step}"`));
        });
        child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${stderr}`)));
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      // The key was in the keychain before the first step; the file is the old plain one or the new encrypted one.
      const vault = new FileVault(vaultFile);
      expect(await vault.get(databaseKeyEntry(run))).toMatch(/^[0-9a-f]{64}$/);
      const swapped = ['renamed', 'done'].includes(step);
      expect(isPlainDatabase(file)).toBe(!swapped);

      const core = await startCore({ dataDir: run, vault, version: '1', shell: 'test' });
      try {
        const info = await call(core, 'app.info', {});
        expect(info.database.recovered).toBeUndefined();
        expect(info.database.storage.state).toBe('encrypted');
        expect((await call(core, 'accounts.list', {})).accounts.map((account) => account.id)).toEqual([accountId]);
        expect((await call(core, 'profile.get', { accountId })).profile?.name).toBe(name);
      } finally {
        core.close();
      }
      expect(isPlainDatabase(file)).toBe(false);
      expect(fs.readdirSync(run).filter((entry) => entry !== 'vault.json' && entry !== databaseFileName)).toEqual([]);
    },
  );
});
