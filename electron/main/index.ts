// The Electron entry (package.json "main"): runs the app's bundle (app.ts → out/main/app.cjs)
// compiled with V8's code cache from the data folder, and writes the cache once the start is
// over when there was none to use (docs/decisions.md D112). Nothing else of the app runs here.
import { app } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBundle } from '../launcher/launchBundle';

const here = path.dirname(fileURLToPath(import.meta.url));
// The data folder startShell uses: the demo and tests name their own (AM_DATA_DIR).
const dataDir = process.env.AM_DATA_DIR || app.getPath('userData');
const launched = launchBundle(path.join(here, 'app.cjs'), path.join(dataDir, 'code-cache'));
const save = () => void launched.saveCache();
// Nothing waits here: a failed start has said so itself (a dialog, then quit); the cache is saved either way.
void (launched.exports as { started: Promise<void> }).started.then(save, save);
