// P1 child's entry, as electron/main/index.ts is the app's: runs the bundled start
// (offlineStartApp.ts) through V8's code cache kept in the data folder, saves the cache once
// the start is over if there was none to use, and exits (an offline start's background
// refreshes have nothing to wait for). D112.
import fs from 'node:fs';
import path from 'node:path';
import { launchBundle } from '../../../electron/launcher/launchBundle';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: offlineStart <dataDir>');
const launched = launchBundle(path.join(__dirname, 'offlineStartApp.cjs'), path.join(dataDir, 'code-cache'));
(launched.exports as { started: Promise<void> }).started.then(
  () => {
    // A second line after the start's own, for the parent: a timed run must have used the cache.
    const saved = launched.saveCache();
    fs.writeSync(1, `${JSON.stringify({ codeCache: launched.cache, saved })}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    // Node would report it and exit non-zero on its own; a rejection handled here must say so itself.
    console.error(error);
    process.exit(1);
  },
);
