import type { Shell, WebContents } from 'electron';
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

/** Opens an https link of an allow-listed host in the system browser; anything else is dropped. */
export function openIfAllowed(shell: Pick<Shell, 'openExternal'>, url: string): void {
  if (isAllowedExternalUrl(url)) {
    void shell.openExternal(url);
  }
}
