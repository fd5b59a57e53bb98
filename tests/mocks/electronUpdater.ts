/** Stand-in for electron-updater in shell tests (the real one loads Electron). */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

class FakeAutoUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checkForUpdates = vi.fn(() => Promise.resolve(null));
  quitAndInstall = vi.fn();
}

export const autoUpdater = new FakeAutoUpdater();
export default { autoUpdater };
