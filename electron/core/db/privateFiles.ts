import fs from 'node:fs';

/**
 * The data folder holds a person's cached profile, the people they looked up and their
 * unsent edits: other accounts on the same computer have no business reading it. On POSIX
 * the folder is made 0700 and the database files 0600 whatever the process umask (SQLite
 * gives its -wal and -shm files the database file's mode). Windows ignores these bits; the
 * data folder lives in the person's profile, whose access list already keeps other users out.
 */
const posix = process.platform !== 'win32';

export function ensurePrivateFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (posix) fs.chmodSync(dir, 0o700);
}

/** Creates the file empty if it is missing (never truncates), owner-only. */
export function ensurePrivateFile(file: string): void {
  const existing = fs.statSync(file, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) return; // not a file: SQLite says what is wrong with it
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  if (posix) fs.chmodSync(file, 0o600);
}

/** Owner-only for a file that may or may not be there (a database's -wal and -shm). */
export function privateIfPresent(file: string): void {
  if (posix && fs.existsSync(file)) fs.chmodSync(file, 0o600);
}
