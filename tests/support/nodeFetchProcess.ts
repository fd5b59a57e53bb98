import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { bundleForNode } from './bundleForNode';

export interface JudgeQuestion {
  origin: string;
  reason: string;
  fingerprint: string;
}

export interface ChildRequest {
  id: number;
  url: string;
  /** The environment nodeFetch reads (HTTPS_PROXY, NO_PROXY, AM_CLIENT_CERT…). */
  env: Record<string, string>;
  /** Fingerprints the judge accepts, per origin. */
  pins: Record<string, string>;
}

export type ChildOutcome = { id: number; asked: JudgeQuestion[] } & (
  { ok: true; version: string | null } | { ok: false; code: string; message: string; detail?: string }
);

export interface NodeFetchProcess {
  /** GET /api/info through a new nodeFetch in the child: what came back and what its judge was asked. */
  fetchInfo(url: string, options?: { env?: Record<string, string>; pins?: Record<string, string> }): Promise<ChildOutcome>;
  close(): Promise<void>;
}

/**
 * nodeFetch in a child process that trusts a CA made for the test: NODE_EXTRA_CA_CERTS is read
 * only when a process starts, so "a certificate this computer trusts" and an https proxy's
 * certificate can only be tested in a process started with it. The child is bundled once
 * (tests/support/bundleForNode.ts) and answers one request at a time over IPC.
 */
export async function startNodeFetchProcess(options: { extraCaFile: string; workDir: string }): Promise<NodeFetchProcess> {
  const bundle = await bundleForNode(path.join(import.meta.dirname, 'nodeFetchChild.ts'), path.join(options.workDir, 'nodeFetchChild.mjs'));
  const { NODE_OPTIONS: _options, ...env } = process.env;
  const child: ChildProcess = fork(bundle, [], {
    env: { ...env, NODE_EXTRA_CA_CERTS: options.extraCaFile },
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (outcome: ChildOutcome) => void>();
  let ready!: () => void;
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new Error(`the nodeFetch child exited (${code}) before it was ready`)));
  });
  child.on('message', (message: ChildOutcome | { ready: true }) => {
    if ('ready' in message) return ready();
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  await started;
  child.on('exit', (code) => {
    for (const [id, answer] of pending)
      answer({ id, ok: false, code: 'child-exited', message: `the nodeFetch child exited (${code})`, asked: [] });
    pending.clear();
  });
  let nextId = 0;
  return {
    fetchInfo: (url, request = {}) =>
      new Promise((resolve) => {
        const id = ++nextId;
        pending.set(id, resolve);
        child.send({ id, url, env: request.env ?? {}, pins: request.pins ?? {} } satisfies ChildRequest);
      }),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
