import type * as WorkerThreads from 'node:worker_threads';
import type { Logger } from '../../log/logger';
import { pagesPerThreadSave, type DirectoryWriter, type WriterOperation } from './directoryWriter';
import { WriterFailure, writerStopped } from './writerFailure';
import type { WriterReply, WriterRequest, WriterWorkerData } from './writerMessages';

/** Where the writer thread's code is: the bundled file next to the main bundle, or (tests) the source with a loader. */
export interface WriterThreadEntry {
  file: string;
  execArgv?: string[];
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * The directory's writes on a thread of their own with its own connection (D118): the main
 * thread sends a page and awaits the answer, so P6's event loop never holds a page's insert
 * or an index merge. WAL lets the main connection read (search) while the thread writes.
 *
 * Writes wait for the thread to say it is ready; once it cannot be used (it would not start,
 * its file would not open, it crashed), they go to `fallback` on the calling thread for good:
 * slower for the window, never lost. Requests already sent to a thread that died are refused with a
 * WriterFailure; the sync stops there and resumes from its saved offset, as after any failure.
 * The thread starts with the first write: an offline start pays nothing for it (P1).
 */
export function workerWriter(entry: WriterThreadEntry, data: WriterWorkerData, fallback: DirectoryWriter, log: Logger): DirectoryWriter {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let state: 'idle' | 'starting' | 'ready' | 'gone' = 'idle';
  let closing: Promise<void> | null = null;
  let worker: WorkerThreads.Worker | null = null;
  let ready: Promise<boolean> = Promise.resolve(false);

  const start = () => {
    state = 'starting';
    const { Worker } = process.getBuiltinModule('node:worker_threads') as typeof WorkerThreads;
    let thread: WorkerThreads.Worker;
    try {
      thread = new Worker(entry.file, { workerData: data, execArgv: entry.execArgv, name: 'directory-writer' });
    } catch (error) {
      log.warn(`the directory is written on the main thread: its thread could not start (${(error as Error).message})`);
      state = 'gone';
      return;
    }
    worker = thread;
    ready = new Promise<boolean>((resolve) => {
      const giveUp = (why: string) => {
        if (state !== 'gone' && !closing) log.warn(`the directory is written on the main thread from now on: ${why}`);
        state = 'gone';
        for (const { reject } of pending.values()) reject(new WriterFailure(`The directory writer stopped: ${why}`, writerStopped));
        pending.clear();
        resolve(false);
      };
      thread.on('message', (reply: WriterReply) => {
        if (reply.kind === 'ready') {
          state = 'ready';
          resolve(true);
          // A writer waiting for work must not keep the process alive on its own; one starting or
          // with a write on its way must, or a process with nothing else to do would end first.
          if (pending.size === 0) thread.unref();
        } else if (reply.kind === 'unusable') giveUp(`its connection could not open (${reply.message})`);
        else {
          const waiting = pending.get(reply.id);
          pending.delete(reply.id);
          if (pending.size === 0) thread.unref();
          if (reply.kind === 'done') waiting?.resolve(reply.value);
          else waiting?.reject(new WriterFailure(reply.message, reply.code));
        }
      });
      thread.on('error', (error) => giveUp(error.message));
      thread.on('exit', (code) => giveUp(`its thread ended (exit code ${code})`));
    });
  };

  const call = async (operation: WriterOperation, args: unknown[]): Promise<unknown> => {
    if (closing) throw new WriterFailure('The directory writer is closed.');
    if (state === 'idle') start();
    if (state === 'starting') await ready;
    if (state === 'gone') return (fallback[operation] as (...args: unknown[]) => Promise<unknown>)(...args);
    return new Promise((resolve, reject) => {
      const id = nextId++;
      if (pending.size === 0) worker!.ref();
      pending.set(id, { resolve, reject });
      worker!.postMessage({ id, operation, args } satisfies WriterRequest);
    });
  };

  return {
    pagesPerSave: () => (state === 'gone' ? fallback.pagesPerSave() : pagesPerThreadSave),
    savePage: (...args) => call('savePage', args) as Promise<void>,
    pruneUnlisted: (...args) => call('pruneUnlisted', args) as Promise<{ deleted: number; next: number | null }>,
    forgetListed: (serverId, userIds) => call('forgetListed', [serverId, [...userIds]]) as Promise<number>,
    tidyIndex: (steps) => call('tidyIndex', [steps]) as Promise<boolean>,
    compactIndex: (steps) => call('compactIndex', [steps]) as Promise<boolean>,
    close: () => {
      closing ??= (async () => {
        // Its connection closed before the thread ends: nothing holds the file afterwards (forgetting empties the folder).
        if (state !== 'gone' && (await ready)) {
          const closed = new Promise((resolve) => {
            worker!.ref();
            pending.set(nextId, { resolve, reject: resolve });
            worker!.postMessage({ id: nextId++, operation: 'close', args: [] } satisfies WriterRequest);
          });
          await closed;
        }
        await worker?.terminate();
      })();
      return closing;
    },
  };
}
