import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/createCore';
import { bundleForNode } from '../support/bundleForNode';
import { FileVault } from '../support/fileVault';
import { call, callResult } from '../support/coreCall';
import { makeTempDir } from '../support/tempDir';
import { demo, startTestServer, type TestServer } from '../support/usersApiServer';

const runs = 50;
const fields = ['name', 'nickname', 'bio', 'statusText'] as const;
type Field = (typeof fields)[number];
type Served = { path: string; status: number; body?: { data?: Record<string, string>; message?: string } }[];

/** Deterministic randomness, so a failing run can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('crash safety of the outbox (real child processes, kill -9)', () => {
  const temp = makeTempDir();
  const vaultFile = path.join(temp.dir, 'vault.json');
  const dataDir = path.join(temp.dir, 'data');
  let server: TestServer;
  let accountId: string;
  let worker: string;

  beforeAll(async () => {
    // One bundle, started 50 times: each start is then a plain Node start, not a tsx one.
    worker = await bundleForNode(path.join(import.meta.dirname, 'coreWorker.ts'), path.join(temp.dir, 'coreWorker.mjs'));
    server = await startTestServer();
    // Sends take a moment, so kills land before, during and after them.
    await server.delay(40, { route: '/api/v1/users.updateOwnBasicInfo' });
    await server.delay(40, { route: '/api/v1/users.setStatus' });
    const core = createCore({ dataDir, vault: new FileVault(vaultFile), version: '1', shell: 'test' });
    const { id: serverId } = await call(core, 'servers.add', { url: server.url });
    accountId = (await call(core, 'accounts.signIn', { serverId, user: demo.plain.user, password: demo.plain.password })).id;
    await callResult(core, 'profile.refresh', { accountId });
    core.close();
  });
  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  it(`${runs} kills at random moments lose no edit and apply none twice`, { timeout: 300_000 }, async () => {
    const random = prng(20261125);
    /** Every value, per field, in the order the edits were made; `confirmed` once profile.edit returned. */
    const made: Record<Field, { value: string; confirmed: boolean }[]> = { name: [], nickname: [], bio: [], statusText: [] };
    /** Lives killed only after saying everything was sent. */
    let settledLives = 0;

    for (let run = 0; run < runs; run++) {
      const plan = Array.from({ length: 3 }, (_, i) => ({
        field: fields[Math.floor(random() * fields.length)]!,
        value: `r${run}e${i}`,
        waitMs: Math.floor(random() * 60),
      }));
      // The moment: a random delay after the life is ready (its start-up resend, its edits and
      // their sends in flight all race the kill), or after it has sent everything. Counted from
      // what the child says, not from the clock, so a slow machine changes when, not what.
      const killAfter = random() < 0.5 ? 'ready' : 'settled';
      const killAfterMs = Math.floor(random() * 350);
      if (killAfter === 'settled') settledLives += 1;
      const child = spawn(process.execPath, [worker, dataDir, vaultFile, accountId, String(run), JSON.stringify(plan)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await new Promise<void>((resolve, reject) => {
        readline.createInterface({ input: child.stdout }).on('line', (line) => {
          if (line === killAfter) setTimeout(() => resolve(), killAfterMs);
          const [word, json] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
          if (word === 'queuing') {
            const edit = JSON.parse(json) as { field: Field; value: string };
            made[edit.field].push({ value: edit.value, confirmed: false });
          }
          if (word === 'queued') {
            const edit = JSON.parse(json) as { field: Field; value: string };
            made[edit.field].find((entry) => entry.value === edit.value)!.confirmed = true;
          }
        });
        child.once('exit', (code, signal) =>
          signal === 'SIGKILL' ? resolve() : reject(new Error(`run ${run}: child exited ${code}: ${stderr}`)),
        );
      });
      child.kill('SIGKILL');
      await exited;
    }

    // One more life, left to finish: everything queued must reach the server.
    const core = createCore({ dataDir, vault: new FileVault(vaultFile), version: '1', shell: 'test', requestTimeoutMs: 3000 });
    try {
      await core.ready;
      const view = async () => await call(core, 'outbox.get', { accountId });
      await expect.poll(async () => (await view()).items, { timeout: 30_000 }).toEqual([]);

      const user = await server.user(demo.plain.userId);
      const served = (await server.requests()) as Served;
      for (const field of fields) {
        const history = made[field];
        if (history.length === 0) continue;
        // Never lost: the server ends with the newest confirmed edit of the field, or an even
        // newer one that was written to SQLite just before its process was killed.
        const lastConfirmed = history.findLastIndex((entry) => entry.confirmed);
        const acceptable = history.slice(Math.max(0, lastConfirmed)).map((entry) => entry.value);
        expect(acceptable, `${field} on the server`).toContain(user[field]);
      }
      // Never applied twice: each value was accepted by the server at most once.
      const accepted = new Map<string, number>();
      for (const request of served) {
        if (request.status !== 200) continue;
        const values = request.path.endsWith('updateOwnBasicInfo')
          ? Object.values(request.body?.data ?? {})
          : request.path.endsWith('setStatus')
            ? [request.body?.message ?? '']
            : [];
        for (const sent of values) accepted.set(sent, (accepted.get(sent) ?? 0) + 1);
      }
      expect([...accepted].filter(([, times]) => times > 1)).toEqual([]);
      // The runs really queued edits, and many were sent before a kill: each settled life
      // queued all three of its edits and had at least one value accepted.
      expect(settledLives).toBeGreaterThan(runs / 3);
      expect(Object.values(made).flat().length).toBeGreaterThanOrEqual(3 * settledLives);
      expect([...accepted.keys()].length).toBeGreaterThanOrEqual(settledLives);
    } finally {
      core.close();
    }
  });
});
