/**
 * A recording stand-in for the `electron` module, for unit tests of the shell and the
 * preload. The real module cannot load here (no Electron binary). Each fake keeps what it
 * was given, and behaves as Electron 45's type definitions and source say where the shell
 * depends on it: the single-instance lock belongs to the user-data folder, `maximize()`
 * shows a hidden window, permission requests reach the session's handlers, a Notification
 * nobody holds can be collected before its click arrives, the OS keeps one handler per link
 * scheme; the network is in ./electronNet.ts.
 */
import { EventEmitter } from 'node:events';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { vi } from 'vitest';
import { FakeClientRequest, FakeSession, internet, net, session } from './electronNet';

type Listener = (...args: unknown[]) => unknown;

class FakeWebFrame {
  constructor(public url: string) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeWebFrame('app://bundle/index.html');
  /** Windows use the default session unless told otherwise. */
  session: FakeSession = session.defaultSession;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  /**
   * What Chromium does when the page asks for a permission (navigator.clipboard.writeText
   * asks for "clipboard-sanitized-write"): the session's check handler, then its request
   * handler; with no handler at all Electron grants it.
   */
  askPermission(permission: string, requestingUrl = this.mainFrame.url): Promise<boolean> {
    const origin = (() => {
      const url = new URL(requestingUrl);
      return `${url.protocol}//${url.host}`;
    })();
    const details = { requestingUrl, isMainFrame: true, embeddingOrigin: origin };
    const { checkHandler, requestHandler } = this.session;
    if (checkHandler && checkHandler(this, permission, origin, details) === true) return Promise.resolve(true);
    if (!requestHandler) return Promise.resolve(checkHandler === null);
    return new Promise((resolve) => requestHandler(this, permission, (granted: boolean) => resolve(granted), details));
  }
  /** Emits like Electron: returns whether a listener called event.preventDefault(). */
  emitPreventable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  destroyed = false;
  focused = false;
  minimized = false;
  /** Shown at once unless `show: false` (Electron's default is true). */
  visible: boolean;
  constructor(public options: Record<string, unknown>) {
    super();
    this.visible = options.show !== false;
    BrowserWindow.created.push(this);
    // Like Electron: every new web contents is announced app-wide.
    app.emit('web-contents-created', {}, this.webContents);
  }
  /** Like Electron, `ready-to-show` follows the first paint of what was loaded. */
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve().then(() => void this.emit('ready-to-show'));
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused = true;
  }
  show() {
    this.visible = true;
  }
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.focused;
  }
  maximized = false;
  /** electron.d.ts: "This will also show (but not focus) the window if it isn't being displayed already." */
  maximize() {
    this.maximized = true;
    this.visible = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getNormalBounds() {
    return {
      x: (this.options.x as number) ?? 0,
      y: (this.options.y as number) ?? 0,
      width: this.options.width as number,
      height: this.options.height as number,
    };
  }
}

class FakeApp extends EventEmitter {
  name = 'Account Manager';
  /** User-data folders whose single-instance lock another running instance holds. */
  locksHeldElsewhere = new Set<string>();
  quit = vi.fn();
  /** electron.d.ts: relaunch only schedules a new instance for when this one exits; it does not quit. */
  relaunch = vi.fn();
  /** electron.d.ts: exits at once, with no before-quit or will-quit: the fake only records the code. */
  exit = vi.fn();
  readyResolvers: (() => void)[] = [];
  userData = '/tmp/am-fake-user-data';
  /** electron.d.ts: the lock is scoped to the user-data folder (app.getPath('userData')). */
  requestSingleInstanceLock() {
    return !this.locksHeldElsewhere.has(this.userData);
  }
  whenReady() {
    return new Promise<void>((resolve) => this.readyResolvers.push(resolve));
  }
  /** Test helper: fire app ready. */
  becomeReady() {
    this.readyResolvers.splice(0).forEach((resolve) => resolve());
  }
  getPath(name: string) {
    return name === 'userData' ? this.userData : `/tmp/am-fake-${name}`;
  }
  setPath(name: string, value: string) {
    if (name === 'userData') this.userData = value;
  }
  getVersion() {
    return '0.0.0-test';
  }
  appUserModelId: string | null = null;
  setAppUserModelId(id: string) {
    this.appUserModelId = id;
  }
  /** The operating system's one handler per link scheme (its name), as Launch Services, the registry or xdg keep it. */
  schemeHandlers = new Map<string, string>();
  /** Set false to play a system that refuses the registration (no xdg-settings, a locked registry). */
  registrationWorks = true;
  setAsDefaultProtocolClient = vi.fn((scheme: string) => {
    if (!this.registrationWorks) return false;
    this.schemeHandlers.set(scheme, this.name);
    return true;
  });
  isDefaultProtocolClient(scheme: string) {
    return this.schemeHandlers.get(scheme) === this.name;
  }
  removeAsDefaultProtocolClient = vi.fn((scheme: string) => {
    if (!this.isDefaultProtocolClient(scheme)) return false;
    this.schemeHandlers.delete(scheme);
    return true;
  });
  getApplicationNameForProtocol(url: string) {
    return this.schemeHandlers.get(url.replace(/:.*$/, '')) ?? '';
  }
  isPackaged = false;
}

export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, listener: Listener) {
    this.handlers.set(channel, listener);
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, Listener>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: Listener) {
    this.handlers.set(scheme, handler);
  },
};

export const shell = { openExternal: vi.fn(() => Promise.resolve()) };
export const dialog = { showErrorBox: vi.fn(), showMessageBox: vi.fn(() => Promise.resolve({ response: 1 })) };

export const Menu = {
  applied: null as unknown,
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu(menu: unknown) {
    this.applied = menu;
  },
};

export const screen = {
  getAllDisplays: () => [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
};

export const nativeTheme = { themeSource: 'light' as string, shouldUseDarkColors: false };

/**
 * A full garbage collection, as V8 runs one when it needs memory. The flag is set only by
 * the test that asks: V8 flags changed while a process runs are best left to one file.
 */
let collector: (() => void) | null = null;
const collectGarbage = () => {
  if (!collector) {
    v8.setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  collector();
};

/**
 * Electron's Notification is a JavaScript object the OS notification points back to only
 * weakly: one nobody holds can be collected, and its `click` is then lost
 * (electron/electron#16922, #12690). The fake keeps only weak references, so a test can run
 * the collector and click what is left.
 */
export class Notification extends EventEmitter {
  static shown: { title: string; body: string }[] = [];
  private static onScreen: WeakRef<Notification>[] = [];
  constructor(private readonly options: { title: string; body: string }) {
    super();
  }
  static isSupported() {
    return true;
  }
  show() {
    Notification.shown.push(this.options);
    Notification.onScreen.push(new WeakRef(this));
  }
  /** Test helper: collect what nobody holds (after the current job, as V8 keeps new WeakRef targets until then). */
  static async collect(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
  }
  /** Test helper: the person clicks the latest notification on screen; false when its object is gone. */
  static clickLatest(): boolean {
    const latest = Notification.onScreen.at(-1)?.deref();
    if (!latest) return false;
    latest.emit('click');
    return true;
  }
  /** Test helper: the person dismisses the latest notification. */
  static closeLatest(): void {
    Notification.onScreen.at(-1)?.deref()?.emit('close');
  }
  static reset(): void {
    Notification.shown.length = 0;
    Notification.onScreen.length = 0;
  }
}

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    this.exposed.set(key, api);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn((channel: string, payload: unknown) => Promise.resolve({ channel, payload })),
});

export { FakeClientRequest, FakeSession, FakeWebFrame, internet, net, session };
export default {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  shell,
  dialog,
  contextBridge,
  ipcRenderer,
  Menu,
  screen,
  nativeTheme,
  net,
  Notification,
};
