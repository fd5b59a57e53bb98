import keytar from '@github/keytar';
import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { databaseKeyEntry } from '../../electron/core/databaseKey';
import { useKey } from '../../electron/core/db/cipher';
import { databaseFileName } from '../../electron/core/db/openDatabase';

/**
 * A running app's database, opened beside it as another program would with the key from the
 * real keychain (`service`): for tests that damage the file under the app.
 */
export async function openKeyedDatabase(service: string, dataDir: string): Promise<Database.Database> {
  const key = await keytar.getPassword(service, databaseKeyEntry(dataDir));
  if (!key) throw new Error(`No database key for ${dataDir} in the keychain service ${service}.`);
  const db = new Database(path.join(dataDir, databaseFileName));
  useKey(db, key);
  return db;
}
