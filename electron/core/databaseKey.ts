import path from 'node:path';
import type { DatabaseStorage } from './db/openDatabase';
import { nodeCrypto } from './nodeBuiltins';
import { VaultUnavailableError, type Vault } from './vault/vault';

/**
 * The keychain entry holding a data folder's key, beside the session tokens (`<origin>#<userId>`),
 * which it can never be mistaken for. One per data folder: each folder has one running instance
 * (the single-instance lock), so no two starts race to create the same key.
 */
export function databaseKeyEntry(dataDir: string): string {
  return `database-key:${path.resolve(dataDir)}`;
}

/**
 * Where the cache may live, as the keychain answers (D98, D100): the key it holds, or a new
 * random one saved there first (before any file is encrypted with it); in memory when no
 * keychain answers — never a plain file.
 */
export async function resolveStorage(vault: Vault, dataDir: string): Promise<DatabaseStorage> {
  const entry = databaseKeyEntry(dataDir);
  try {
    const stored = await vault.get(entry);
    if (stored && /^[0-9a-f]{64}$/.test(stored)) return { kind: 'encrypted', key: stored, keyIsNew: false };
    const key = nodeCrypto().randomBytes(32).toString('hex');
    await vault.set(entry, key);
    return { kind: 'encrypted', key, keyIsNew: true };
  } catch (error) {
    if (error instanceof VaultUnavailableError) return { kind: 'memory', reason: error.reason };
    throw error;
  }
}
