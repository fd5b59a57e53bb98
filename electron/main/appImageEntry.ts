import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Marks a desktop file this app wrote, so it only ever replaces its own. */
const marker = 'X-Account-Manager-AppImage=true';

/**
 * The desktop file that lets an AppImage open rocketchat:// links. An AppImage installs
 * nothing, and xdg-settings can only make an app the default handler by a desktop file the
 * desktop knows. NoDisplay keeps it out of the menus; TryExec retires it when the AppImage
 * is deleted or moved (desktops ignore an entry whose TryExec is gone), and the next start
 * from the new place writes it again.
 */
export function appImageDesktopEntry(appImage: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Account Manager',
    `Exec=${escapeString(`${quoteArgument(appImage)} %U`)}`,
    `TryExec=${escapeString(appImage)}`,
    'Terminal=false',
    'NoDisplay=true',
    'MimeType=x-scheme-handler/rocketchat;',
    'StartupWMClass=account-manager',
    marker,
    '',
  ].join('\n');
}

/**
 * Writes the AppImage's desktop file into the person's applications folder, unless an
 * installed package already provides one or the file there is not this app's. Says what it
 * did, for the log; never throws (links then just stay unregistered, and About says so).
 */
export function installAppImageEntry(env: NodeJS.ProcessEnv): string {
  const appImage = env.APPIMAGE ?? '';
  if (!path.isAbsolute(appImage) || /[\r\n]/.test(appImage)) return 'no usable AppImage path';
  // Electron names the desktop file after package.json's desktopName (CHROME_DESKTOP).
  const desktopName = env.CHROME_DESKTOP || 'account-manager.desktop';
  const systemFolders = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  const installed = systemFolders.map((folder) => path.join(folder, 'applications', desktopName)).find((file) => fs.existsSync(file));
  if (installed) return `left to the installed package (${installed})`;
  const dataHome = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), '.local', 'share');
  const file = path.join(dataHome, 'applications', desktopName);
  const wanted = appImageDesktopEntry(appImage);
  try {
    const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (existing !== null && !existing.includes(marker)) return `${file} was not written by this app: left alone`;
    if (existing === wanted) return `${file} is up to date`;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, wanted, { mode: 0o644 });
    return `wrote ${file}`;
  } catch (error) {
    return `could not write ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

/** An Exec argument, quoted as the Desktop Entry Specification says ("Exec key"). */
function quoteArgument(argument: string): string {
  return `"${argument.replace(/[\\"`$]/g, (character) => `\\${character}`).replace(/%/g, '%%')}"`;
}

/** A string value: backslashes escaped (applied before the Exec quoting is read). */
function escapeString(value: string): string {
  return value.replace(/\\/g, '\\\\');
}
