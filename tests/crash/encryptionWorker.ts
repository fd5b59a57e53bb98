// One start of the app on a plain database, for the encryption crash test: reads or makes the
// key (the vault file stands for the keychain), then encrypts the database in place and stops
// dead at the step the parent names, saying so, until it is killed.
import fs from 'node:fs';
import { resolveStorage } from '../../electron/core/databaseKey';
import { openDatabase } from '../../electron/core/db/openDatabase';
import { FileVault } from '../support/fileVault';

const [dataDir, vaultFile, stopAt] = process.argv.slice(2) as [string, string, string];

const storage = await resolveStorage(new FileVault(vaultFile), dataDir);
openDatabase({
  dataDir,
  clock: { now: () => Date.now() },
  storage,
  onEncryptionStep: (step) => {
    if (step !== stopAt) return;
    fs.writeSync(1, `at ${step}\n`);
    // Blocks this thread for good, in the middle of the step's synchronous work: the kill lands here.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
fs.writeSync(1, 'finished\n');
