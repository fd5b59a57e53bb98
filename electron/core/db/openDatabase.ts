import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
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

export interface OpenedDatabase {
  db: Database.Database;
  path: string;
  schemaVersion: number;
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
  ensurePrivateFolder(options.dataDir);
  const file = path.join(options.dataDir, databaseFileName);
  try {
    return { ...openAndMigrate(file, steps, options.sqliteBinding), path: file };
  } catch (error) {
    if (!isCorruption(error)) {
      throw error;
    }
    const movedTo = quarantine(file, options.clock);
    const recovered: StorageRecovery = {
      movedTo,
      at: new Date(options.clock.now()).toISOString(),
      reason: (error as Error).message,
    };
    return { ...openAndMigrate(file, steps, options.sqliteBinding), path: file, recovered };
  }
}

function openAndMigrate(file: string, steps: readonly Migration[], sqliteBinding: string | undefined) {
  ensurePrivateFile(file);
  for (const companion of ['-wal', '-shm']) privateIfPresent(file + companion);
  const db = new Database(file, sqliteBinding ? { nativeBinding: sqliteBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    const schemaVersion = migrate(db, steps);
    return { db, schemaVersion };
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
