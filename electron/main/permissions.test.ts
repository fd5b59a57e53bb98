import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, FakeWebContents, session } from '../../tests/mocks/electron';
import { resetFakeElectron, startTestShell, stopShell } from '../../tests/support/shellHarness';
import { guardPermissions } from './permissions';

const refused = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'display-capture', 'fullscreen'];

describe('permissions', () => {
  it('let only the app’s own page in the app’s own window write to the clipboard; everything else is refused', async () => {
    const ours = new FakeWebContents();
    const other = new FakeWebContents();
    guardPermissions(session.defaultSession as never, (contents) => contents === (ours as never));
    expect(await ours.askPermission('clipboard-sanitized-write')).toBe(true);
    for (const permission of refused) expect(await ours.askPermission(permission), permission).toBe(false);
    expect(await other.askPermission('clipboard-sanitized-write')).toBe(false);
    expect(await ours.askPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(await ours.askPermission('clipboard-sanitized-write', 'app://other/index.html')).toBe(false);
  });

  describe('in the running shell', () => {
    beforeEach(() => resetFakeElectron());
    afterEach(() => stopShell());

    it('make the Copy buttons work in the window, and nowhere else', async () => {
      const shell = await startTestShell();
      expect(await shell.window().webContents.askPermission('clipboard-sanitized-write')).toBe(true);
      expect(await shell.window().webContents.askPermission('clipboard-read')).toBe(false);
      const later = new BrowserWindow({}); // e.g. a devtools window
      expect(await later.webContents.askPermission('clipboard-sanitized-write')).toBe(false);
    });
  });
});
