import type { App, Shell, WebContents } from 'electron';
import { appOrigin } from './appProtocol';

/** Whether an address may open in the system browser: the core decides (help pages, sign-ins it started). */
export type MayOpenExternally = (url: string) => boolean;

/**
 * The window never leaves our bundle: navigation away is cancelled and new windows are
 * denied. An allow-listed https link goes to the system browser instead.
 */
export function guardNavigation(contents: WebContents, shell: Pick<Shell, 'openExternal'>, mayOpen: MayOpenExternally): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${appOrigin}/`)) {
      event.preventDefault();
      openIfAllowed(shell, url, mayOpen);
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(shell, url, mayOpen);
    return { action: 'deny' };
  });
}

/**
 * Every web contents the app ever creates — the main window, and anything later (a
 * devtools page, a window a future feature opens) — gets the same guard, installed as it
 * is created rather than window by window, so nothing can be forgotten.
 */
export function guardAllWebContents(app: Pick<App, 'on'>, shell: Pick<Shell, 'openExternal'>, mayOpen: MayOpenExternally): void {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, shell, mayOpen));
}

/** Opens an address the core allows in the system browser; anything else is dropped. */
export function openIfAllowed(shell: Pick<Shell, 'openExternal'>, url: string, mayOpen: MayOpenExternally): void {
  if (mayOpen(url)) {
    // The system browser takes it from here; when no program opens the address there is nothing
    // the window could do about it, and a rejection must not reach the process as unhandled.
    shell.openExternal(url).catch(() => undefined);
  }
}
