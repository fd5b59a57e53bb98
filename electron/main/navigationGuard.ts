import type { App, Shell, WebContents } from 'electron';
import { appOrigin } from './appProtocol';

/** Hosts whose https pages may open in the system browser (help and project pages). */
export const externalHostAllowList = new Set(['docs.rocket.chat', 'github.com']);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && externalHostAllowList.has(parsed.hostname);
  } catch {
    return false; // not a URL at all: nothing to open
  }
}

/**
 * The window never leaves our bundle: navigation away is cancelled and new windows are
 * denied. An allow-listed https link goes to the system browser instead.
 */
export function guardNavigation(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${appOrigin}/`)) {
      event.preventDefault();
      openIfAllowed(shell, url);
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(shell, url);
    return { action: 'deny' };
  });
}

/**
 * Every web contents the app ever creates — the main window, and anything later (a
 * devtools page, a window a future feature opens) — gets the same guard, installed as it
 * is created rather than window by window, so nothing can be forgotten.
 */
export function guardAllWebContents(app: Pick<App, 'on'>, shell: Pick<Shell, 'openExternal'>): void {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, shell));
}

/** Opens an https link of an allow-listed host in the system browser; anything else is dropped. */
export function openIfAllowed(shell: Pick<Shell, 'openExternal'>, url: string): void {
  if (isAllowedExternalUrl(url)) {
    void shell.openExternal(url);
  }
}
