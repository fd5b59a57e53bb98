import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../tests/mocks/electron';
import { appImageDesktopEntry } from './appImageEntry';
import { receiveAppLinks, registerAppLinks, type LinkSystem } from './appLinks';

const system = (overrides: Partial<LinkSystem> = {}): LinkSystem => ({
  app: app as never,
  platform: 'linux',
  env: {},
  defaultApp: false,
  execPath: '/opt/Account Manager/account-manager',
  argv: ['/opt/Account Manager/account-manager'],
  log: vi.fn(),
  ...overrides,
});

describe('receiveAppLinks', () => {
  beforeEach(() => app.removeAllListeners());

  it('hands every rocketchat:// link to the core: at start, from macOS, from a second instance', () => {
    const delivered: string[] = [];
    receiveAppLinks(
      app as never,
      ['/opt/app/account-manager', 'rocketchat://auth?type=oauth&x=1'],
      (link) => delivered.push(link),
      vi.fn(),
    );
    let prevented = false;
    app.emit('open-url', { preventDefault: () => (prevented = true) }, 'rocketchat://auth?type=oauth&x=2');
    app.emit('second-instance', {}, ['/opt/app/account-manager', '--flag', 'ROCKETCHAT://auth?type=oauth&x=3']);
    app.emit('second-instance', {}, ['/opt/app/account-manager']); // a plain second start carries no link
    expect(prevented).toBe(true);
    expect(delivered).toEqual(['rocketchat://auth?type=oauth&x=1', 'rocketchat://auth?type=oauth&x=2', 'ROCKETCHAT://auth?type=oauth&x=3']);
  });

  it('never throws out of a handler: links the URL parser refuses, huge links, odd command lines, a core that trips', () => {
    const log = vi.fn();
    const delivered: string[] = [];
    let trips = false;
    receiveAppLinks(
      app as never,
      [],
      (link) => {
        if (trips) throw new TypeError('Invalid URL');
        delivered.push(link);
      },
      log,
    );
    const open = (url: unknown) => app.emit('open-url', { preventDefault: () => undefined }, url);
    const malformed = ['rocketchat://', 'rocketchat://%%%', 'rocketchat://auth?host=[::1', 'rocketchat://\u0000\ud800'];
    expect(() => malformed.forEach(open)).not.toThrow();
    expect(delivered).toEqual(malformed);
    const huge = `rocketchat://auth?type=oauth&credentialToken=${'x'.repeat(1024 * 1024)}`;
    expect(() => open(huge)).not.toThrow();
    expect(delivered).not.toContain(huge);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/a link of \d+ characters was ignored/));
    expect(() => open(undefined)).not.toThrow();
    expect(() => app.emit('second-instance', {}, undefined)).not.toThrow();
    expect(() => app.emit('second-instance', {}, [42, null, { link: 'rocketchat://x' }])).not.toThrow();
    trips = true;
    expect(() => open('rocketchat://auth?type=oauth&credentialToken=t&credentialSecret=s')).not.toThrow();
    expect(log).toHaveBeenLastCalledWith('app links: a link could not be handled (TypeError)');
    expect(log.mock.calls.flat().join(' ')).not.toContain('credentialSecret');
  });
});

describe('registerAppLinks', () => {
  beforeEach(() => {
    app.schemeHandlers.clear();
    app.registrationWorks = true;
    app.setAsDefaultProtocolClient.mockClear();
  });

  it('takes rocketchat:// when no app opens those links', () => {
    const links = registerAppLinks(system());
    expect(links.status()).toEqual({ handler: 'this-app' });
    expect(app.getApplicationNameForProtocol('rocketchat://')).toBe(app.name);
  });

  it('leaves the links to Rocket.Chat when it opens them, until the person asks for them', () => {
    app.schemeHandlers.set('rocketchat', 'Rocket.Chat');
    const links = registerAppLinks(system());
    expect(links.status()).toEqual({ handler: 'other-app', name: 'Rocket.Chat' });
    expect(app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    expect(links.claim()).toEqual({ handler: 'this-app' });
    expect(links.status()).toEqual({ handler: 'this-app' });
  });

  it('reads the system’s answer: a refused registration is not taken for a done one', () => {
    app.registrationWorks = false;
    const log = vi.fn();
    expect(registerAppLinks(system({ log })).status()).toEqual({ handler: 'unregistered' });
    expect(log).toHaveBeenCalledWith('app links: the system did not register rocketchat:// for this app');
  });

  it('tells Windows which app to start in development, where the executable is Electron itself', () => {
    registerAppLinks(
      system({ defaultApp: true, execPath: 'C:\\electron\\electron.exe', argv: ['C:\\electron\\electron.exe', 'C:\\src\\app'] }),
    );
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('rocketchat', 'C:\\electron\\electron.exe', [path.resolve('C:\\src\\app')]);
  });

  describe('from an AppImage, which installs no desktop file', () => {
    let home: string;
    beforeEach(() => {
      home = fs.mkdtempSync(path.join(os.tmpdir(), 'am-appimage-'));
    });
    afterEach(() => fs.rmSync(home, { recursive: true, force: true }));
    const env = (appImage: string) => ({
      APPIMAGE: appImage,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_DATA_DIRS: path.join(home, 'system'),
      CHROME_DESKTOP: 'account-manager.desktop',
    });
    const entry = () => path.join(home, 'data', 'applications', 'account-manager.desktop');

    it('writes its own desktop file for the scheme before asking the system, and follows the AppImage when it moves', () => {
      registerAppLinks(system({ env: env('/home/ann/Apps/Account Manager.AppImage') }));
      const written = fs.readFileSync(entry(), 'utf8');
      expect(written).toContain('MimeType=x-scheme-handler/rocketchat;\n');
      expect(written).toContain('Exec="/home/ann/Apps/Account Manager.AppImage" %U\n');
      expect(written).toContain('TryExec=/home/ann/Apps/Account Manager.AppImage\n');
      expect(app.isDefaultProtocolClient('rocketchat')).toBe(true);

      app.schemeHandlers.clear();
      registerAppLinks(system({ env: env('/opt/apps/am.AppImage') }));
      expect(fs.readFileSync(entry(), 'utf8')).toBe(appImageDesktopEntry('/opt/apps/am.AppImage'));
    });

    it('quotes what the Desktop Entry Specification reserves in the path', () => {
      expect(appImageDesktopEntry('/home/ann/$HOME "x" `y` 100%\\z.AppImage')).toContain(
        'Exec="/home/ann/\\\\$HOME \\\\"x\\\\" \\\\`y\\\\` 100%%\\\\\\\\z.AppImage" %U\n',
      );
    });

    it('leaves a desktop file it did not write, and one an installed package provides', () => {
      fs.mkdirSync(path.dirname(entry()), { recursive: true });
      fs.writeFileSync(entry(), '[Desktop Entry]\nName=Mine\n');
      const log = vi.fn();
      registerAppLinks(system({ env: env('/home/ann/am.AppImage'), log }));
      expect(fs.readFileSync(entry(), 'utf8')).toBe('[Desktop Entry]\nName=Mine\n');
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/was not written by this app: left alone$/));

      fs.rmSync(entry());
      fs.mkdirSync(path.join(home, 'system', 'applications'), { recursive: true });
      fs.writeFileSync(path.join(home, 'system', 'applications', 'account-manager.desktop'), '[Desktop Entry]\n');
      app.schemeHandlers.clear();
      registerAppLinks(system({ env: env('/home/ann/am.AppImage'), log }));
      expect(fs.existsSync(entry())).toBe(false);
    });
  });
});
