import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { useKey } from './cipher';
import { ensurePrivateFile } from './privateFiles';

/** The moments a kill -9 can land between (tests/crash/encryptionCrash.test.ts pauses a worker at each). */
export const encryptionSteps = ['started', 'checkpointed', 'copied', 'encrypted', 'synced', 'renamed', 'done'] as const;
export type EncryptionStep = (typeof encryptionSteps)[number];

export interface EncryptOptions {
  /** The native module, as openDatabase is given it. */
  nativeBinding?: string;
  /** Called as each step is reached: the crash test stops the process there. */
  onStep?: (step: EncryptionStep) => void;
}

/**
 * Encrypts an existing plain database (D99). The plain file stays untouched until an
 * encrypted copy is complete and on disk beside it; one rename then swaps them. A kill at
 * any moment leaves either the plain file (the next start begins again) or the encrypted
 * one, whose key the caller saved in the keychain before this runs.
 */
export function encryptInPlace(file: string, keyHex: string, options: EncryptOptions = {}): void {
  const step = options.onStep ?? (() => undefined);
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const copy = `${file}.encrypting`;
  // What an interrupted try left: only ever a copy, the plain file is still whole.
  for (const leftover of [copy, `${copy}-journal`]) fs.rmSync(leftover, { force: true });
  step('started');
  try {
    writeEncryptedCopy(file, copy, keyHex, binding, step);
  } catch (error) {
    // A damaged plain file: the caller sets it aside; no partial copy stays behind.
    fs.rmSync(copy, { force: true });
    throw error;
  }
  syncFile(copy);
  step('synced');
  fs.renameSync(copy, file);
  step('renamed');
  syncFolder(path.dirname(file));
  step('done');
}

function writeEncryptedCopy(
  file: string,
  copy: string,
  keyHex: string,
  binding: { nativeBinding?: string },
  step: (step: EncryptionStep) => void,
): void {
  const plain = new Database(file, binding);
  try {
    // Folds the WAL into the file and removes it: no plain -wal may be left beside the encrypted file after the swap.
    plain.pragma('journal_mode = DELETE');
    step('checkpointed');
    ensurePrivateFile(copy);
    plain.prepare('VACUUM INTO ?').run(copy);
  } finally {
    plain.close();
  }
  step('copied');

  const encrypted = new Database(copy, binding);
  try {
    useKey(encrypted, keyHex, 'rekey');
  } finally {
    encrypted.close();
  }
  step('encrypted');
}

function syncFile(file: string): void {
  const handle = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
}

/** Makes the rename itself durable; Windows cannot open a folder for syncing (its rename is already journaled). */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const handle = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
}
