import type { App } from 'electron';

/** The link scheme Rocket.Chat hands single sign-on back through (rocketchat://auth…, docs/sign-in.md §4). */
export const appLinkScheme = 'rocketchat';

/**
 * Links the operating system gives the app: registers the scheme, then passes each link to
 * `deliver` — macOS sends `open-url`; Windows and Linux start a second instance whose
 * command line holds the link (the single-instance lock hands it to this one), or this very
 * instance was started with it. What a link means is the core's to decide.
 */
export function receiveAppLinks(
  app: Pick<App, 'on' | 'setAsDefaultProtocolClient'>,
  argv: readonly string[],
  deliver: (link: string) => void,
): void {
  app.setAsDefaultProtocolClient(appLinkScheme);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(url);
  });
  app.on('second-instance', (_event, commandLine: readonly string[] = []) => {
    const link = linkIn(commandLine);
    if (link) deliver(link);
  });
  const first = linkIn(argv);
  if (first) deliver(first);
}

function linkIn(commandLine: readonly string[]): string | undefined {
  return commandLine.find((argument) => argument.startsWith(`${appLinkScheme}://`));
}
