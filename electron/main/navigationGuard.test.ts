import { BrowserWindow, shell } from '../../tests/mocks/electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { isHelpLink } from '../core/externalLinks';
import { guardNavigation } from './navigationGuard';

describe('guardNavigation', () => {
  let window: BrowserWindow;
  beforeEach(() => {
    shell.openExternal.mockClear();
    window = new BrowserWindow({});
    guardNavigation(window.webContents as never, shell, isHelpLink);
  });

  it('lets the window move inside our bundle only', () => {
    expect(window.webContents.emitPreventable('will-navigate', 'app://bundle/index.html#/about')).toBe(false);
    expect(window.webContents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(window.webContents.emitPreventable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every new window, sending allow-listed https links to the system browser', () => {
    const open = window.webContents.windowOpenHandler!;
    expect(open({ url: 'https://docs.rocket.chat/api' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.rocket.chat/api');
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'http://docs.rocket.chat/', 'https://evil.example/']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses webviews', () => {
    expect(window.webContents.emitPreventable('will-attach-webview')).toBe(true);
  });

  it('opens what the core allows, and only that', () => {
    const allowed = 'http://127.0.0.1:3000/_idp/oauth/authorize?state=abc';
    const other = new BrowserWindow({});
    guardNavigation(other.webContents as never, shell, (url) => url === allowed);
    other.webContents.windowOpenHandler!({ url: allowed });
    other.webContents.windowOpenHandler!({ url: 'http://127.0.0.1:3000/_idp/oauth/authorize?state=other' });
    expect(shell.openExternal.mock.calls).toEqual([[allowed]]);
  });
});
