import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultShellPaths, startShell } from './shell';

// The start reports its own failures (a dialog, then quit); nothing waits for it here.
void startShell(defaultShellPaths(path.dirname(fileURLToPath(import.meta.url))));
