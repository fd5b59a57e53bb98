import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  test: {
    // Every file gets its own temp folders and server ports; two workers fit 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    // Deadlines against hangs, not speed limits: on a busy 2-core machine a test that waits for
    // a server round trip or a background sync can take seconds (hooks start servers and sign
    // in). Projects inherit these (`extends: true`); without it each project fell back to
    // vitest's 5 s test and 1 s poll defaults.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    expect: { poll: { timeout: 15_000 } },
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
            'electron/launcher/**/*.test.ts',
            'tests/unit/**/*.test.ts',
            'tests/crash/**/*.test.ts',
            'tools/dev/**/*.test.ts',
            'tools/build/**/*.test.ts',
          ],
        },
      },
      {
        // The Electron shell and preload, with `electron` replaced by a recording fake:
        // the real module would try to download its binary, which cannot happen here.
        extends: true,
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
          // Every shell test uses the real keychain under the app's one service name: one file
          // at a time, so no file deletes entries while another lists them.
          fileParallelism: false,
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
      {
        extends: true,
        // Components in a DOM (happy-dom), through the real stores over the fake contract API:
        // what a person sees and types, and what reaches the API (tests/support/dom/).
        test: {
          name: 'renderer-dom',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.tsx'],
          setupFiles: ['tests/support/dom/setup.ts'],
        },
      },
    ],
  },
});
