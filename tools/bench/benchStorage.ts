// Encryption in the benchmarks (D98): on by default, with one random key for the run that the
// children get through BENCH_DB_KEY, as the app gets its key from the keychain. Each figure of
// P1, P2 and P4 is taken again in the same run with a plain database, so the report can put
// the overhead of encryption beside it.
import { randomBytes } from 'node:crypto';
import type { DatabaseStorage } from '../../electron/core';

export function benchStorage(): DatabaseStorage | undefined {
  const key = process.env.BENCH_DB_KEY;
  return key ? { kind: 'encrypted', key, keyIsNew: false } : undefined;
}

export function encryptionOn(): void {
  process.env.BENCH_DB_KEY ??= randomBytes(32).toString('hex');
}

/** Runs a measurement with a plain database (children started meanwhile inherit it). */
export async function withoutEncryption<T>(measure: () => Promise<T>): Promise<T> {
  const key = process.env.BENCH_DB_KEY;
  delete process.env.BENCH_DB_KEY;
  try {
    return await measure();
  } finally {
    if (key) process.env.BENCH_DB_KEY = key;
  }
}
