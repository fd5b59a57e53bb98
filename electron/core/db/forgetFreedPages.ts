import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Deleted rows leave their bytes behind: in freed pages, in the free space of pages still in
 * use, and in the write-ahead log. After an account is deleted nothing of it may stay in the
 * data folder (docs/decisions.md D91), so the file is rewritten (VACUUM keeps only live rows)
 * and the log is copied back and emptied. Seconds for a directory of 500,000 people; it runs
 * only when an account is deleted.
 */
export function forgetFreedPages(db: Database): void {
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
