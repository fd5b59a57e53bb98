import { createRequire } from 'node:module';
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/support/tempDir';
import { NewerSchemaError } from './migrate';
import { migrations } from './migrations';
import { databaseFileName, openDatabase } from './openDatabase';

const clock = { now: () => Date.parse('2026-11-25T10:00:00.000Z') };
const latest = migrations[migrations.length - 1]!.version;

describe('openDatabase', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    temp = makeTempDir();
    file = path.join(temp.dir, databaseFileName);
  });
  afterEach(() => temp.cleanup());

  it('creates a migrated database file with WAL and foreign keys on', () => {
    const opened = openDatabase({ dataDir: temp.dir, clock });
    expect(opened.path).toBe(file);
    expect(opened.schemaVersion).toBe(latest);
    expect(opened.recovered).toBeUndefined();
    expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1);
    opened.db.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  // Windows has no owner/group/other mode bits to check; its data folder is guarded by the profile's ACL.
  it.skipIf(process.platform === 'win32')(
    'keeps the folder and the database files to their owner (0700 and 0600), whatever the umask',
    () => {
      const mode = (target: string) => fs.statSync(target).mode & 0o777;
      const dataDir = path.join(temp.dir, 'data');
      const previous = process.umask(0o022); // what most systems use: 755 folders, 644 files
      try {
        fs.mkdirSync(dataDir, { mode: 0o755 });
        fs.writeFileSync(path.join(dataDir, databaseFileName), '', { mode: 0o644 }); // left by an older version
        const opened = openDatabase({ dataDir, clock });
        opened.db.prepare("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)").run();
        const databaseFile = path.join(dataDir, databaseFileName);
        expect(mode(dataDir)).toBe(0o700);
        for (const target of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) expect(mode(target)).toBe(0o600);
        opened.db.close();
      } finally {
        process.umask(previous);
      }
    },
  );

  it('loads SQLite from the native module it is given, as the Electron shell’s bundle asks', () => {
    const binding = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const opened = openDatabase({ dataDir: temp.dir, clock, sqliteBinding: binding });
    expect(opened.schemaVersion).toBe(latest);
    opened.db.close();
    // A path that holds no module fails loudly rather than falling back to another copy.
    const missing = path.join(temp.dir, 'nowhere', 'better_sqlite3.node');
    expect(() => openDatabase({ dataDir: temp.dir, clock, sqliteBinding: missing })).toThrow(/nowhere/);
  });

  it('keeps data across reopening', () => {
    const first = openDatabase({ dataDir: temp.dir, clock });
    first.db.prepare("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)").run();
    first.db.close();
    const second = openDatabase({ dataDir: temp.dir, clock });
    expect(second.db.prepare('SELECT origin FROM servers').pluck().get()).toBe('https://x.example');
    second.db.close();
  });

  it('moves a corrupt file aside, keeps it, and starts fresh', () => {
    const garbage = Buffer.from('this is not an SQLite database, just bytes '.repeat(200));
    fs.writeFileSync(file, garbage);
    const opened = openDatabase({ dataDir: temp.dir, clock });
    expect(opened.recovered).toMatchObject({ at: '2026-11-25T10:00:00.000Z', reason: expect.stringMatching(/not a database/i) });
    expect(opened.recovered!.movedTo).toBe(`${file}.corrupt-2026-11-25T10-00-00-000Z`);
    expect(fs.readFileSync(opened.recovered!.movedTo)).toEqual(garbage);
    expect(opened.schemaVersion).toBe(latest);
    expect(opened.db.prepare('SELECT count(*) FROM servers').pluck().get()).toBe(0);
    opened.db.close();
  });

  it('refuses a database written by a newer version and leaves it in place', () => {
    const newer = new Database(file);
    newer.pragma(`user_version = ${latest + 1}`);
    newer.close();
    expect(() => openDatabase({ dataDir: temp.dir, clock })).toThrow(NewerSchemaError);
    expect(() => openDatabase({ dataDir: temp.dir, clock })).toThrow(/written by a newer version/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(latest + 1);
    check.close();
  });
});
