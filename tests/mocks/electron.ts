/**
 * A recording stand-in for the `electron` module, for unit tests of the shell and the
 * preload. The real module cannot load here (no Electron binary). Each fake keeps what
 * it was given so tests can assert on the settings and handlers the shell installed.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class FakeWebFrame {
  constructor(public url: string) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeWebFrame('app://bundle/index.html');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
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
  constructor(public options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    // Like Electron: every new web contents is announced app-wide.
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
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
  visible = true;
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
  maximize() {
    this.maximized = true;
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
  singleInstanceLock = true;
  quit = vi.fn();
  readyResolvers: (() => void)[] = [];
  userData = '/tmp/am-fake-user-data';
  requestSingleInstanceLock() {
    return this.singleInstanceLock;
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
  protocolClients: string[] = [];
  setAsDefaultProtocolClient(scheme: string) {
    this.protocolClients.push(scheme);
    return true;
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

type VerifyProc = (
  request: { hostname: string; certificate: { data: string }; verificationResult: string; errorCode: number },
  callback: (result: number) => void,
) => void;

export const session = {
  defaultSession: {
    requestHandler: null as Listener | null,
    checkHandler: null as Listener | null,
    setPermissionRequestHandler(handler: Listener) {
      this.requestHandler = handler;
    },
    setPermissionCheckHandler(handler: Listener) {
      this.checkHandler = handler;
    },
    /** The certificate verify proc, as the network service would call it; and how often one was installed. */
    verifyProc: null as VerifyProc | null,
    verifyProcInstalls: 0,
    setCertificateVerifyProc(proc: VerifyProc | null) {
      this.verifyProc = proc;
      this.verifyProcInstalls += 1;
    },
    closeAllConnections: vi.fn(() => Promise.resolve()),
    /** session.resolveProxy: a PAC-style answer per address (tests set it). */
    resolveProxy: vi.fn((_url: string) => Promise.resolve('DIRECT')),
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

export const nativeTheme = { themeSource: 'light' as string };

/** A net.request: records its options, lets a test play the network (login, response, error). */
export class FakeClientRequest extends EventEmitter {
  ended = false;
  aborted = false;
  constructor(public options: Record<string, unknown>) {
    super();
  }
  end() {
    this.ended = true;
  }
  abort() {
    this.aborted = true;
  }
}

export const net = {
  online: true,
  isOnline() {
    return this.online;
  },
  /** Chromium's fetch: tests give it a behaviour; by default no network at all. */
  fetch: vi.fn((_input: string, _init?: RequestInit): Promise<Response> => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'))),
  requests: [] as FakeClientRequest[],
  request(options: Record<string, unknown>) {
    const request = new FakeClientRequest(options);
    this.requests.push(request);
    return request;
  },
};

export class Notification extends EventEmitter {
  static shown: { title: string; body: string }[] = [];
  constructor(private readonly options: { title: string; body: string }) {
    super();
  }
  static isSupported() {
    return true;
  }
  show() {
    Notification.shown.push(this.options);
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

export { FakeWebFrame };
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
