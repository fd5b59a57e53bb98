import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultShellPaths, startShell } from './shell';

startShell(defaultShellPaths(path.dirname(fileURLToPath(import.meta.url))));
