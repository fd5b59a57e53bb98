import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import { hasContent, isPlainDatabase, useKey } from './cipher';
import { encryptInPlace, type EncryptionStep } from './encryptInPlace';
import { migrate } from './migrate';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migration';
import { ensurePrivateFile, ensurePrivateFolder, privateIfPresent } from './privateFiles';

export const databaseFileName = 'account-manager.sqlite';

export interface StorageRecovery {
  movedTo: string;
  at: string;
  reason: string;
}

/**
 * Where the cache lives (D98, D100): encrypted with a key from the keychain, in memory when
 * no keychain answers, or plain — only for tests and tools that do not test storage.
 */
export type DatabaseStorage =
  { kind: 'encrypted'; key: string; keyIsNew: boolean } | { kind: 'memory'; reason: string } | { kind: 'plain' };

export interface OpenedDatabase {
  db: Database.Database;
  path: string;
  schemaVersion: number;
  storage: DatabaseStorage['kind'];
  /** Set when the previous file could not be read and was moved aside. */
  recovered?: StorageRecovery;
}

export interface OpenDatabaseOptions {
  dataDir: string;
  /** Only its time: when a corrupt file was set aside. */
  clock: Pick<Clock, 'now'>;
  migrations?: readonly Migration[];
  /** better-sqlite3's native module, for a bundle that carries its JavaScript (else the package finds it). */
  sqliteBinding?: string;
  /** Plain when absent (tests and tools); the shells always pass the keychain's answer (startCore). */
  storage?: DatabaseStorage;
  /** Each step of encrypting a plain file, for the crash test. */
  onEncryptionStep?: (step: EncryptionStep) => void;
}

/** SQLite's answers for a file that is not (or no longer) a usable database. */
const corruptCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CANTOPEN_ISDIR']);

/**
 * Opens the app's database, migrating it to the current schema. A corrupt file is
 * never deleted: it is renamed with a timestamp (with its -wal/-shm companions) and a
 * fresh database takes its place, and the caller is told so it can say so.
 * A database from a newer version throws NewerSchemaError.
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const steps = options.migrations ?? allMigrations;
  const storage = options.storage ?? { kind: 'plain' };
  const binding = options.sqliteBinding;
  if (storage.kind === 'memory') {
    // Nothing reaches the disk: no keychain, no key, and never a plain file instead (D100).
    const db = new Database(':memory:', binding ? { nativeBinding: binding } : {});
    db.pragma('foreign_keys = ON');
    return { db, path: ':memory:', schemaVersion: migrate(db, steps), storage: storage.kind };
  }
  ensurePrivateFolder(options.dataDir);
  const file = path.join(options.dataDir, databaseFileName);
  const key = storage.kind === 'encrypted' ? storage.key : null;
  try {
    if (key && isPlainDatabase(file)) encryptInPlace(file, key, { nativeBinding: binding, onStep: options.onEncryptionStep });
    return { ...openAndMigrate(file, steps, binding, key), path: file, storage: storage.kind };
  } catch (error) {
    if (!isCorruption(error)) {
      throw error;
    }
    const reason = unreadableBecause(file, storage, (error as Error).message);
    const movedTo = quarantine(file, options.clock);
    const recovered: StorageRecovery = { movedTo, at: new Date(options.clock.now()).toISOString(), reason };
    return { ...openAndMigrate(file, steps, binding, key), path: file, storage: storage.kind, recovered };
  }
}

/** Why a file could not be read, in words: a missing key is said as such, never taken for damage alone. */
function unreadableBecause(file: string, storage: DatabaseStorage, sqliteSays: string): string {
  if (storage.kind !== 'encrypted' || isPlainDatabase(file) || !hasContent(file)) return sqliteSays;
  return storage.keyIsNew
    ? 'Its encryption key is not in the system keychain (it was removed there, or the data folder came from another computer).'
    : `It is damaged, or was encrypted with another key than the one in the system keychain (${sqliteSays}).`;
}

function openAndMigrate(file: string, steps: readonly Migration[], sqliteBinding: string | undefined, key: string | null) {
  ensurePrivateFile(file);
  for (const companion of ['-wal', '-shm']) privateIfPresent(file + companion);
  const db = openConnection(file, sqliteBinding, key);
  try {
    const schemaVersion = migrate(db, steps);
    return { db, schemaVersion };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * One connection to the cache file, set up as every connection to it must be: the key first,
 * then WAL (readers never wait for the writer), foreign keys, and syncs at checkpoints only.
 * The directory's writer thread opens its own this way (people/writer).
 */
export function openConnection(file: string, sqliteBinding: string | undefined, key: string | null): Database.Database {
  const db = new Database(file, sqliteBinding ? { nativeBinding: sqliteBinding } : {});
  try {
    if (key) useKey(db, key);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && corruptCodes.has(code);
}

function quarantine(file: string, clock: Pick<Clock, 'now'>): string {
  const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
  const movedTo = `${file}.corrupt-${stamp}`;
  fs.renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) {
      fs.renameSync(file + suffix, movedTo + suffix);
    }
  }
  return movedTo;
}
