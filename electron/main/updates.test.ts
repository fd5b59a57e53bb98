import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startUpdateChecks, updateFacts, type UpdateOptions } from './updates';

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checkForUpdates = vi.fn(() => Promise.resolve({}));
  quitAndInstall = vi.fn();
}

describe('update checks', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'am-updates-'));
  const policyFile = path.join(dir, 'policy.json');
  let stop: (() => void) | undefined;
  const start = (overrides: Partial<UpdateOptions> = {}) => {
    const updater = new FakeUpdater();
    const log = vi.fn();
    const askToRestart = vi.fn(() => Promise.resolve(true));
    const checks = startUpdateChecks({
      updater,
      env: {},
      policyFile,
      isOnline: () => true,
      askToRestart,
      log,
      firstCheckAfterMs: 60_000,
      ...overrides,
    });
    if (checks.enabled) stop = checks.stop;
    return { updater, log, askToRestart, checks };
  };
  afterEach(() => {
    stop?.();
    fs.rmSync(policyFile, { force: true });
  });

  it('are off with AM_DISABLE_UPDATES=1 or a managed policy file, and never check', () => {
    const byEnv = start({ env: { AM_DISABLE_UPDATES: '1' } });
    expect(byEnv.checks).toEqual({ enabled: false, reason: 'AM_DISABLE_UPDATES=1' });
    fs.writeFileSync(policyFile, JSON.stringify({ updates: false }));
    const byPolicy = start();
    expect(byPolicy.checks).toMatchObject({ enabled: false, reason: expect.stringContaining('policy file') });
    expect(byEnv.updater.checkForUpdates).not.toHaveBeenCalled();
    expect(byPolicy.updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('are looked for only by a packaged app whose build carries a feed, unless turned off', () => {
    const feedFile = path.join(dir, 'app-update.yml');
    const facts = (overrides: Partial<Parameters<typeof updateFacts>[0]> = {}) =>
      updateFacts({ isPackaged: true, env: {}, policyFile, feedFile, ...overrides });
    expect(facts({ isPackaged: false })).toEqual({ state: 'off', why: 'not-packaged' });
    expect(facts()).toEqual({ state: 'off', why: 'no-feed' });
    fs.writeFileSync(feedFile, 'provider: generic\nurl: https://updates.example.com/\n');
    try {
      expect(facts()).toEqual({ state: 'on' });
      expect(facts({ env: { AM_DISABLE_UPDATES: '1' } })).toEqual({ state: 'off', why: 'environment' });
      fs.writeFileSync(policyFile, JSON.stringify({ updates: false }));
      expect(facts()).toEqual({ state: 'off', why: 'policy' });
    } finally {
      fs.rmSync(feedFile, { force: true });
    }
  });

  it('never check without a feed: electron-updater could only fail, once a day', () => {
    const feedFile = path.join(dir, 'app-update.yml');
    const { checks, updater } = start({ feedFile });
    expect(checks).toEqual({ enabled: false, reason: `no update feed in this build (${feedFile})` });
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('skip the check while offline and swallow a failing one', async () => {
    const offline = start({ isOnline: () => false });
    if (!offline.checks.enabled) throw new Error('expected enabled');
    await offline.checks.checkNow();
    expect(offline.updater.checkForUpdates).not.toHaveBeenCalled();
    expect(offline.log).toHaveBeenCalledWith('updates: offline, check skipped');

    const failing = start();
    failing.updater.checkForUpdates.mockRejectedValueOnce(new Error('getaddrinfo ENOTFOUND'));
    if (!failing.checks.enabled) throw new Error('expected enabled');
    await expect(failing.checks.checkNow()).resolves.toBeUndefined();
    expect(failing.log).toHaveBeenCalledWith('updates: check failed: getaddrinfo ENOTFOUND');
  });

  it('download in the background and ask before restarting', async () => {
    const { updater, askToRestart, checks } = start();
    if (!checks.enabled) throw new Error('expected enabled');
    expect(updater.autoDownload).toBe(true);
    await checks.checkNow();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    updater.emit('update-downloaded', { version: '1.2.3' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(askToRestart).toHaveBeenCalledWith('1.2.3');
    expect(updater.quitAndInstall).toHaveBeenCalled();
  });
});
