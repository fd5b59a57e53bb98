import type { App } from 'electron';
import path from 'node:path';
import type { AppLinkFacts, AppLinkRegistration } from '../core';
import { installAppImageEntry } from './appImageEntry';

/** The link scheme Rocket.Chat hands single sign-on back through (rocketchat://auth…, docs/sign-in.md §4). */
export const appLinkScheme = 'rocketchat';

/** No real sign-in link comes near this; a longer "link" is not one, and is not passed on. */
const longestLink = 64 * 1024;

type LinkApp = Pick<App, 'setAsDefaultProtocolClient' | 'isDefaultProtocolClient' | 'getApplicationNameForProtocol'>;

export interface LinkSystem {
  app: LinkApp;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Electron started as `electron path/to/app` (development): Windows must be told the app's path too. */
  defaultApp: boolean;
  execPath: string;
  argv: readonly string[];
  log(message: string): void;
}

/**
 * Registers rocketchat:// with the system the way each package needs (D73), and says who
 * opens those links now. Rocket.Chat's own desktop app claims the scheme too: the app takes
 * it at start only when no other app has it, and otherwise leaves it until the person asks
 * (About → "Open rocketchat:// links here"). How each package is registered:
 * - macOS: Info.plist declares the scheme (electron-builder `protocols`); Launch Services
 *   picks the default, which `setAsDefaultProtocolClient` sets.
 * - Windows: the installer writes the per-user registry key when no app has the scheme and
 *   its uninstaller removes it when it still points at the app (resources/installer.nsh);
 *   `setAsDefaultProtocolClient` writes the same key.
 * - Linux deb: the desktop file lists `x-scheme-handler/rocketchat`; `setAsDefaultProtocolClient`
 *   makes it the default (xdg-settings).
 * - Linux AppImage: nothing is installed, so the app writes its own desktop file (appImageEntry.ts)
 *   before asking xdg-settings; TryExec retires it when the AppImage is deleted.
 */
export function registerAppLinks(system: LinkSystem): AppLinkRegistration {
  // Windows starts `electron.exe "%1"` unless told which app to run with it (development only).
  const launch: [string?, string[]?] = system.defaultApp && system.argv[1] ? [system.execPath, [path.resolve(system.argv[1])]] : [];
  const look = (): AppLinkFacts | null => {
    if (system.app.isDefaultProtocolClient(appLinkScheme, ...launch)) return { handler: 'this-app' };
    const other = system.app.getApplicationNameForProtocol(`${appLinkScheme}://`);
    return other ? { handler: 'other-app', name: other } : null;
  };
  const claim = (): AppLinkFacts => {
    if (system.platform === 'linux' && system.env.APPIMAGE) {
      const written = installAppImageEntry(system.env);
      system.log(`app links: ${written}`);
    }
    const registered = system.app.setAsDefaultProtocolClient(appLinkScheme, ...launch);
    if (!registered) system.log('app links: the system did not register rocketchat:// for this app');
    return registered ? { handler: 'this-app' } : (look() ?? { handler: 'unregistered' });
  };
  let facts: AppLinkFacts = look() ?? claim();
  return {
    status: () => facts,
    claim: () => (facts = claim()),
  };
}

/**
 * Links the operating system hands the app, each passed to `deliver` — macOS sends
 * `open-url`; Windows and Linux start a second instance whose command line holds the link
 * (the single-instance lock hands it to this one), or this very instance was started with
 * it. What a link means is the core's to decide. Nothing a link holds — one the URL parser
 * refuses, one of a megabyte, one the core trips over — ever throws out of these handlers.
 */
export function receiveAppLinks(
  app: Pick<App, 'on'>,
  argv: readonly string[],
  deliver: (link: string) => void,
  log: (message: string) => void,
): void {
  const pass = (link: unknown) => {
    if (typeof link !== 'string' || !isAppLink(link)) return;
    if (link.length > longestLink) return log(`app links: a link of ${link.length} characters was ignored`);
    try {
      deliver(link);
    } catch (error) {
      // Never the link itself: it may carry a sign-in secret.
      log(`app links: a link could not be handled (${error instanceof Error ? error.name : 'error'})`);
    }
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    pass(url);
  });
  app.on('second-instance', (_event, commandLine: readonly string[] = []) => pass(linkIn(commandLine)));
  pass(linkIn(argv));
}

function isAppLink(argument: string): boolean {
  return argument.slice(0, appLinkScheme.length + 3).toLowerCase() === `${appLinkScheme}://`;
}

function linkIn(commandLine: readonly unknown[]): unknown {
  return Array.isArray(commandLine) ? commandLine.find((argument) => typeof argument === 'string' && isAppLink(argument)) : undefined;
}
