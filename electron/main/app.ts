import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultShellPaths, startShell } from './shell';

/**
 * The app's main bundle, run by the entry (index.ts) through the code cache. The start reports
 * its own failures (a dialog, then quit); the entry waits for it only to save the cache.
 */
export const started: Promise<void> = startShell(defaultShellPaths(path.dirname(fileURLToPath(import.meta.url))));
