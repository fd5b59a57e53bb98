import type { Session, WebContents } from 'electron';
import { appOrigin } from './appProtocol';

/** What the Copy buttons need (authenticator key, backup codes): navigator.clipboard.writeText. */
const clipboardWrite = 'clipboard-sanitized-write';

/**
 * Every permission is refused — camera, microphone, notifications from the page, geolocation,
 * reading the clipboard… — except writing to the clipboard, for the app's own page in the
 * app's own window. Chromium asks the check handler first and the request handler after.
 */
export function guardPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  isAppWindow: (contents: WebContents | null) => boolean,
): void {
  const allowed = (contents: WebContents | null, permission: string, url: string | undefined, isMainFrame: boolean | undefined) =>
    permission === clipboardWrite && isMainFrame !== false && isAppWindow(contents) && isAppAddress(url);
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(allowed(contents, permission, details.requestingUrl, details.isMainFrame)),
  );
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    allowed(contents, permission, requestingOrigin, details.isMainFrame),
  );
}

function isAppAddress(url: string | undefined): boolean {
  try {
    // Not URL.origin: for a custom scheme that is "null" outside Electron's registry.
    const parsed = new URL(url ?? '');
    return `${parsed.protocol}//${parsed.host}` === appOrigin;
  } catch {
    return false;
  }
}
