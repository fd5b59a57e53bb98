import type { WriterOperation } from './directoryWriter';

/** What the writer thread is started with: where the cache is and how to open it (openConnection). */
export interface WriterWorkerData {
  file: string;
  /** The cache's key (hex), or null for a plain file. It stays in this process's memory, as the main thread's copy does. */
  key: string | null;
  sqliteBinding?: string;
}

export type WriterRequest = { id: number; operation: WriterOperation; args: unknown[] } | { id: number; operation: 'close'; args: [] };

export type WriterReply =
  | { kind: 'ready' }
  /** The file could not be opened: the thread ends after saying so. */
  | { kind: 'unusable'; message: string }
  | { kind: 'done'; id: number; value: unknown }
  | { kind: 'failed'; id: number; message: string; code?: string };
