import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the browser host (the same core and renderer as the desktop
 * app) in real Chromium. Debian's Chromium by default; CHROMIUM_PATH points elsewhere
 * (e.g. Playwright's own browser on a machine that can download it).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // Deadlines against hangs, not speed limits: on a busy 2-core machine (two browsers, two
  // browser hosts, the servers and whatever else runs there) starting a host or one axe scan
  // takes seconds, and a test that passes in 10 s idle can need 40. UI waits are for states.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
