import { Notification, type BrowserWindow } from 'electron';
import type { AppCommand } from '../../shared/contract';
import type { Core } from '../core';

/** Notifications kept for their click; past this many the oldest are let go (the OS may have dropped them long ago). */
const keptAtMost = 20;

/**
 * While the window is hidden or in the background, say what needs the person: a conflict
 * or a refused edit (click: Activity), or a session the server ended (click: the window,
 * which shows the account's "Sign in again"). Each notification is held until it is
 * clicked or closed: one held nowhere can be collected before its click arrives, and the
 * click is then lost (electron/electron#16922, #12690).
 */
export function notifyWhenHidden(
  core: Core,
  getWindow: () => BrowserWindow | null,
  send: (command: AppCommand) => void,
  bringForward: () => void = () => getWindow()?.focus(),
): () => void {
  const onScreen = new Set<Notification>();
  const notify = (message: string, command: AppCommand) => {
    if (!Notification.isSupported()) return;
    const window = getWindow();
    if (window && window.isVisible() && window.isFocused()) return;
    const notification = new Notification({ title: 'Account Manager', body: message });
    const letGo = () => onScreen.delete(notification);
    notification.on('click', () => {
      letGo();
      bringForward();
      getWindow()?.show();
      send(command);
    });
    notification.on('close', letGo);
    notification.on('failed', letGo);
    onScreen.add(notification);
    for (const oldest of onScreen) {
      if (onScreen.size <= keptAtMost) break;
      onScreen.delete(oldest);
    }
    notification.show();
  };
  const stops = [
    core.events.on('sync.attention', ({ message }) => notify(message, 'activity')),
    core.events.on('session.ended', ({ message }) => notify(message, 'home')),
  ];
  return () => stops.forEach((stop) => stop());
}
