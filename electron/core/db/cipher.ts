import fs from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * How the cache is encrypted (D98): SQLCipher 4's format (AES-256-CBC, HMAC-SHA512 per page),
 * which SQLite3 Multiple Ciphers writes when told to, so the file opens in the standard
 * sqlcipher tool for inspection or recovery. The key is 32 random bytes given raw
 * (`x'…'`): no key derivation runs on each open, the keychain already keeps the key.
 */
export function useKey(db: Database.Database, keyHex: string, pragma: 'key' | 'rekey' = 'key'): void {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new Error('A database key is 64 lowercase hexadecimal characters.');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`${pragma} = "x'${keyHex}'"`);
}

const plainHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file starts as every unencrypted SQLite database does (an encrypted one starts with its random salt). */
export function isPlainDatabase(file: string): boolean {
  let handle: number;
  try {
    handle = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const start = Buffer.alloc(plainHeader.length);
    return fs.readSync(handle, start, 0, start.length, 0) === start.length && start.equals(plainHeader);
  } finally {
    fs.closeSync(handle);
  }
}

/** Whether a file holds anything (an empty or missing file becomes a new database). */
export function hasContent(file: string): boolean {
  return (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 0;
}
