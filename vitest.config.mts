import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  test: {
    // Every file gets its own temp folders and server ports; two workers fit 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    // Each project inherits the options above (extends: true): without it vitest gives a
    // project its own defaults, whose 5 s timeout a busy 2-core machine overruns.
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: [
            'shared/**/*.test.ts',
            'electron/core/**/*.test.ts',
            'electron/browser-host/**/*.test.ts',
            'tests/unit/**/*.test.ts',
            'tests/crash/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        // The Electron shell and preload, with `electron` replaced by a recording fake:
        // the real module would try to download its binary, which cannot happen here.
        resolve: {
          alias: {
            electron: resolve(root, 'tests/mocks/electron.ts'),
            'electron-updater': resolve(root, 'tests/mocks/electronUpdater.ts'),
            // electron-log's main-process entry needs Electron; its Node entry logs the same way.
            'electron-log/main': 'electron-log/node',
          },
        },
        test: {
          name: 'shell',
          environment: 'node',
          include: ['electron/main/**/*.test.ts', 'electron/preload/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'users-api',
          environment: 'node',
          include: ['tools/users-api/**/*.test.ts'],
        },
      },
      {
        extends: true,
        // zustand stores against a fake contract API: no DOM, no Electron, no core.
        test: {
          name: 'renderer',
          environment: 'node',
          include: ['renderer/**/*.test.ts'],
        },
      },
    ],
  },
});
