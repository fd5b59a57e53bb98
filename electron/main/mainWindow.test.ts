import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow } from '../../tests/mocks/electron';
import { createMainWindow, windowBackground } from './mainWindow';

const state = { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true };

describe('the main window', () => {
  beforeEach(() => {
    BrowserWindow.created.length = 0;
  });

  it('isolates the page from Node and Electron, with every secure default spelled out', () => {
    createMainWindow('/app/preload.cjs', state, { dark: false });
    expect(BrowserWindow.created[0]!.options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false });
    expect(BrowserWindow.created[0]!.options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('stays hidden until the page has painted, then shows maximised as it was left', async () => {
    const window = createMainWindow('/app/preload.cjs', state, { dark: false });
    // maximize() shows a hidden window at once (electron.d.ts): it must wait for ready-to-show.
    expect(window.isVisible()).toBe(false);
    expect(window.isMaximized()).toBe(false);
    await new Promise<void>((resolve) => window.once('ready-to-show', () => resolve()));
    expect(window.isMaximized()).toBe(true);
    expect(window.isVisible()).toBe(true);
  });

  it('paints the page’s own background before the page does, light or dark as the system is', () => {
    const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/src/styles.css'), 'utf8');
    const [light, dark] = [...css.matchAll(/--bg:\s*(#[0-9a-f]{6})/gi)].map((match) => match[1]);
    expect(windowBackground).toEqual({ light, dark });
    createMainWindow('/app/preload.cjs', state, { dark: false });
    createMainWindow('/app/preload.cjs', state, { dark: true });
    expect(BrowserWindow.created.map((window) => window.options.backgroundColor)).toEqual([light, dark]);
  });
});
