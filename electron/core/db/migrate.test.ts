import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/support/tempDir';
import { migrate, NewerSchemaError, schemaVersion } from './migrate';
import type { Migration } from './migration';

const step = (version: number, sql: string): Migration => ({ version, description: `step ${version}`, up: (db) => db.exec(sql) });

describe('migrate', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    temp = makeTempDir();
    db = new Database(path.join(temp.dir, 'test.sqlite'));
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  it('applies pending steps in order and records the version', () => {
    expect(migrate(db, [step(1, 'CREATE TABLE a (x)'), step(2, 'CREATE TABLE b (y)')])).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['a', 'b']);
  });

  it('runs only the steps after the current version', () => {
    migrate(db, [step(1, 'CREATE TABLE a (x)')]);
    expect(migrate(db, [step(1, 'CREATE TABLE a (x)'), step(2, 'CREATE TABLE b (y)')])).toBe(2);
  });

  it('leaves the database untouched when a step fails', () => {
    migrate(db, [step(1, 'CREATE TABLE a (x)')]);
    expect(() => migrate(db, [step(1, ''), step(2, 'CREATE TABLE b (y)'), step(3, 'NOT SQL')])).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name='b'").pluck().get()).toBe(0);
  });

  it('refuses a database written by a newer version, saying so', () => {
    db.pragma('user_version = 9');
    expect(() => migrate(db, [step(1, 'CREATE TABLE a (x)')])).toThrow(NewerSchemaError);
    expect(() => migrate(db, [step(1, 'CREATE TABLE a (x)')])).toThrow(
      /newer version of Account Manager \(database schema 9; this version understands up to 1\)/,
    );
  });

  it('rejects a migration list with a gap', () => {
    expect(() => migrate(db, [step(1, ''), step(3, '')])).toThrow(/out of order/);
  });
});
