import type { AppCommand } from '../../../shared/contract';
import { runCommand } from './appCommands';

/**
 * The menu's shortcuts for a window without the desktop menu (the browser host): Ctrl/⌘+1…9
 * pick an account, Ctrl/⌘+Shift+1…6 a screen, as the Electron menu's accelerators do there.
 */
const screens: AppCommand[] = ['home', 'people', 'activity', 'security', 'preferences', 'about'];

export function commandOfKey(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): AppCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  // The physical key, so Shift (which turns 1 into ! on many layouts) and other layouts still say which digit.
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? /^[1-9]$/.exec(event.key)?.[0];
  if (!digit) return null;
  const position = Number(digit);
  if (event.shiftKey) return screens[position - 1] ?? null;
  return `account-${position}` as AppCommand;
}

/** Installed where no desktop menu carries the shortcuts. Returns the unsubscribe. */
export function followShortcuts(target: Window = window): () => void {
  const pressed = (event: KeyboardEvent) => {
    const command = commandOfKey(event);
    if (!command) return;
    event.preventDefault();
    runCommand(command);
  };
  target.addEventListener('keydown', pressed);
  return () => target.removeEventListener('keydown', pressed);
}
