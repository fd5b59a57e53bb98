import type { Database } from 'better-sqlite3-multiple-ciphers';

/** One schema step. `version` is the PRAGMA user_version the database has after `up`. */
export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}
