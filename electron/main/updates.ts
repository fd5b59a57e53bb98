import fs from 'node:fs';
import type { UpdateFacts } from '../core';

/** The part of electron-updater's autoUpdater the app uses (a fake in tests). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateOptions {
  updater: Updater;
  env: NodeJS.ProcessEnv;
  /** A managed install turns updates off with `{"updates": false}` in this file. */
  policyFile: string;
  /** electron-updater's feed (`resources/app-update.yml`); when given and absent, no check is made. */
  feedFile?: string;
  isOnline(): boolean;
  /** Asks before restarting; resolves true for "Restart now". */
  askToRestart(version: string): Promise<boolean>;
  log(message: string): void;
  everyMs?: number;
  firstCheckAfterMs?: number;
}

export type UpdateChecks = { enabled: false; reason: string } | { enabled: true; stop(): void; checkNow(): Promise<void> };

/**
 * Whether this copy can and may look for updates: only a packaged app, built with an update
 * feed (electron-builder writes `resources/app-update.yml` when the build had AM_UPDATE_URL,
 * D74), and not turned off by the environment or a managed policy file.
 */
export function updateFacts(options: { isPackaged: boolean; env: NodeJS.ProcessEnv; policyFile: string; feedFile: string }): UpdateFacts {
  if (!options.isPackaged) return { state: 'off', why: 'not-packaged' };
  if (options.env.AM_DISABLE_UPDATES === '1') return { state: 'off', why: 'environment' };
  if (policyTurnsOff(options.policyFile)) return { state: 'off', why: 'policy' };
  if (!fs.existsSync(options.feedFile)) return { state: 'off', why: 'no-feed' };
  return { state: 'on' };
}

function policyTurnsOff(policyFile: string): boolean {
  try {
    const policy = JSON.parse(fs.readFileSync(policyFile, 'utf8')) as { updates?: unknown };
    return policy.updates === false;
  } catch {
    return false; // no policy file (the usual case) or an unreadable one: updates stay on
  }
}

/** Why updates are off for this install, or null. */
function updatesDisabledBy(options: UpdateOptions): string | null {
  if (options.env.AM_DISABLE_UPDATES === '1') return 'AM_DISABLE_UPDATES=1';
  if (policyTurnsOff(options.policyFile)) return `policy file ${options.policyFile}`;
  // Without a feed electron-updater cannot check at all: it would only log a failure a day.
  if (options.feedFile !== undefined && !fs.existsSync(options.feedFile)) return `no update feed in this build (${options.feedFile})`;
  return null;
}

/**
 * Updates: a check a little after start and then daily, downloaded in the background,
 * a question before restarting. Offline or failing checks are logged and skipped: they
 * never block start-up or bother the person.
 */
export function startUpdateChecks(options: UpdateOptions): UpdateChecks {
  const disabled = updatesDisabledBy(options);
  if (disabled) {
    options.log(`updates: off (${disabled})`);
    return { enabled: false, reason: disabled };
  }
  const { updater } = options;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('error', (error) => options.log(`updates: ${error.message}`));
  updater.on('update-downloaded', (info) => {
    // The question stays open as long as the person likes; the updater needs no answer to go on.
    void options.askToRestart(info.version).then((restart) => {
      if (restart) updater.quitAndInstall();
    });
  });
  const checkNow = async () => {
    if (!options.isOnline()) {
      options.log('updates: offline, check skipped');
      return;
    }
    try {
      await updater.checkForUpdates();
    } catch (error) {
      options.log(`updates: check failed: ${(error as Error).message}`);
    }
  };
  // checkNow logs its own failures; a timer has nobody to hand a promise to.
  const first = setTimeout(() => void checkNow(), options.firstCheckAfterMs ?? 10_000);
  // The same for the daily check.
  const daily = setInterval(() => void checkNow(), options.everyMs ?? 24 * 60 * 60 * 1000);
  first.unref();
  daily.unref();
  return {
    enabled: true,
    checkNow,
    stop: () => {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
