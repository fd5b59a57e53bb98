import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { app, BrowserWindow } from '../../tests/mocks/electron';
import { autoUpdater } from '../../tests/mocks/electronUpdater';
import { resetFakeElectron, startTestShell, stopShell, tick } from '../../tests/support/shellHarness';

type AboutInfo = {
  updates?: { enabled: boolean; message: string };
  appLinks?: { handledHere: boolean; canClaim: boolean; message: string };
};

/** What only the desktop shell knows, said by the core on the About screen: links and updates. */
describe('About in the desktop app', () => {
  beforeEach(() => {
    resetFakeElectron();
    autoUpdater.removeAllListeners();
    autoUpdater.autoDownload = false;
    autoUpdater.checkForUpdates.mockClear();
  });
  afterEach(() => stopShell());

  const about = async (shell: Awaited<ReturnType<typeof startTestShell>>) => {
    const reply = await shell.call('app.info', {});
    expect(reply.ok).toBe(true);
    return reply.value as AboutInfo;
  };

  describe('rocketchat:// links', () => {
    it('open here when no other app had them', async () => {
      const info = await about(await startTestShell());
      expect(info.appLinks).toEqual({
        handledHere: true,
        canClaim: false,
        message: 'rocketchat:// sign-in links open in this app: an OAuth single sign-on finishes by itself.',
      });
    });

    it('stay with Rocket.Chat when it has them: About says so, which sign-ins still work, and takes them when asked', async () => {
      app.schemeHandlers.set('rocketchat', 'rocketchat-desktop.desktop');
      const shell = await startTestShell();
      expect((await about(shell)).appLinks).toEqual({
        handledHere: false,
        canClaim: true,
        message:
          'rocketchat:// links open in rocketchat-desktop, not in this app. After an OAuth single sign-on, copy the rocketchat:// link ' +
          'your browser shows and paste it in the sign-in screen. Password, LDAP, Crowd, CAS, SAML and access-token sign-ins work as usual.',
      });
      const claimed = await shell.call('app.claimLinks', {});
      expect((claimed.value as AboutInfo).appLinks).toMatchObject({ handledHere: true, canClaim: false });
      expect(app.isDefaultProtocolClient('rocketchat')).toBe(true);
    });

    it('when the system refuses them, About says so instead of pretending', async () => {
      app.registrationWorks = false;
      const info = await about(await startTestShell());
      expect(info.appLinks).toMatchObject({
        handledHere: false,
        canClaim: true,
        message: expect.stringMatching(/^This computer did not let the app open rocketchat:\/\/ links\./),
      });
    });

    it('open the window on macOS when none is open', async () => {
      const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
      Object.defineProperty(process, 'platform', { value: 'darwin' });
      try {
        const shell = await startTestShell();
        shell.window().emit('closed');
        app.emit('window-all-closed');
        expect(app.quit).not.toHaveBeenCalled();
        app.emit('open-url', { preventDefault: () => undefined }, 'rocketchat://auth?host=chat.example.com&type=oauth&credentialToken=t');
        expect(BrowserWindow.created).toHaveLength(2);
      } finally {
        Object.defineProperty(process, 'platform', platform);
      }
    });
  });

  describe('updates', () => {
    let resources: string;
    beforeEach(() => {
      resources = fs.mkdtempSync(path.join(os.tmpdir(), 'am-resources-'));
      Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true, writable: true });
    });
    afterEach(() => {
      Reflect.deleteProperty(process, 'resourcesPath');
      fs.rmSync(resources, { recursive: true, force: true });
    });

    it('are not looked for by a copy running from its source folder', async () => {
      expect((await about(await startTestShell())).updates).toEqual({
        enabled: false,
        message: 'Not checked: this copy runs from its source folder, not from an installed package.',
      });
    });

    it('are not looked for, and About says so, when the build had no update feed', async () => {
      app.isPackaged = true;
      const info = await about(await startTestShell());
      expect(info.updates).toEqual({
        enabled: false,
        message: 'Not set up for this build: it does not look for new versions. Install new versions by hand.',
      });
      await tick();
      expect(autoUpdater.autoDownload).toBe(false);
      expect(autoUpdater.listenerCount('update-downloaded')).toBe(0);
    });

    it('are looked for when the package carries its feed (app-update.yml)', async () => {
      app.isPackaged = true;
      fs.writeFileSync(path.join(resources, 'app-update.yml'), 'provider: generic\nurl: https://updates.example.com/am/\n');
      const info = await about(await startTestShell());
      expect(info.updates).toMatchObject({
        enabled: true,
        message: expect.stringMatching(/^Checked a little after start and then once a day\./),
      });
      expect(autoUpdater.autoDownload).toBe(true);
      expect(autoUpdater.listenerCount('update-downloaded')).toBe(1);
    });
  });
});
