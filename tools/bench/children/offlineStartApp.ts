// P1 child, the bundle its entry (offlineStart.ts) runs through the code cache as the app's
// entry runs the app's: an offline start as the app does it — load the core (the IPC contract
// and zod with it), createCore on the data folder (open and migrate-check the database, restore
// sessions), then ask through the contract, as the window does, for the accounts and the
// active account's cached profile. Offline: every request fails at once, as with no network.
import fs from 'node:fs';
import { createCore, MemoryVault } from '../../../electron/core';
import { callResult } from '../../../tests/support/coreCall';
import { benchStorage } from '../benchStorage';

// Milliseconds since this process began: everything before is Node start plus module loading.
const bodyAt = performance.now();

// Set when bundled (bundleChildren.ts): the bundle carries better-sqlite3's JavaScript, as the app's does.
const sqliteBinding = process.env.BENCH_SQLITE_BINDING;
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: offlineStart <dataDir>');

// No top-level await: the bundle is CommonJS, as the app's main process is (D52).
async function offlineStart(folder: string) {
  const offline: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
  const storage = benchStorage();
  const core = createCore({
    dataDir: folder,
    vault: new MemoryVault(),
    fetch: offline,
    version: 'bench',
    shell: 'test',
    sqliteBinding,
    storage,
  });
  const accounts = await callResult(core, 'accounts.list', {});
  if (!accounts.ok) throw new Error(`accounts.list: ${accounts.error.message}`);
  const { accounts: list, activeAccountId } = accounts.value;
  const profile = activeAccountId ? await callResult(core, 'profile.get', { accountId: activeAccountId }) : null;
  if (profile && !profile.ok) throw new Error(`profile.get: ${profile.error.message}`);
  const username = profile?.ok ? (profile.value.profile?.username ?? null) : null;
  const doneAt = performance.now();
  // The parent checks the username: proof the profile was really read.
  // Written straight to the descriptor: process.stdout's first use loads Node's stream
  // machinery (about 2 ms), which would count against the start but is the harness's, not the app's.
  fs.writeSync(1, `${JSON.stringify({ username, accounts: list.length, bodyAtMs: bodyAt, doneAtMs: doneAt })}\n`);
  core.close();
}

/** Settles when the start is over: the entry then saves the code cache and exits. */
export const started: Promise<void> = offlineStart(dataDir);
