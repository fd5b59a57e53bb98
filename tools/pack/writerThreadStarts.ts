import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../../electron/core';

/**
 * Starts the packaged directory writer's thread from its file as the app would (D118), on a
 * new database of the app's schema, with the packaged native module: its first answer,
 * 'ready' once it has opened the file and prepared its statements.
 * Proves the file carries everything it needs (no package to find beside it).
 */
export async function writerThreadStarts(file: string, sqliteBinding: string): Promise<string> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'am-writer-check-'));
  const database = openDatabase({ dataDir: folder, clock: { now: Date.now }, sqliteBinding });
  database.db.close();
  const worker = new Worker(file, { workerData: { file: database.path, key: null, sqliteBinding } });
  try {
    return await new Promise<string>((resolve) => {
      worker.once('message', (reply: { kind: string; message?: string }) =>
        resolve(reply.message ? `${reply.kind}: ${reply.message}` : reply.kind),
      );
      worker.once('error', (error) => resolve(`error: ${error.message}`));
      worker.once('exit', (code) => resolve(`exited with ${code}`));
    });
  } finally {
    await worker.terminate();
    rmSync(folder, { recursive: true, force: true });
  }
}
