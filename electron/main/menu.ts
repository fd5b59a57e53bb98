import type { MenuItemConstructorOptions } from 'electron';
import { accountCommands, type AppCommand } from '../../shared/contract';

/**
 * The application menu as data: the platform's standard roles and shortcuts (Edit, View,
 * Window, Help) plus the app's own actions, each of which is handed to the window as an
 * `app.command` — what it means is decided there and in the core, not here.
 */
export function menuTemplate(
  platform: NodeJS.Platform,
  send: (command: AppCommand) => void,
  openDocs: () => void,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const command = (label: string, name: AppCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(name),
  });
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        command('Add Account…', 'add-account', 'CmdOrCtrl+N'),
        command('Switch Account…', 'switch-account', 'CmdOrCtrl+Shift+A'),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        command('Refresh', 'refresh', 'CmdOrCtrl+R'),
        { type: 'separator' },
        command('Home', 'home', 'CmdOrCtrl+Shift+1'),
        command('People', 'people', 'CmdOrCtrl+Shift+2'),
        command('Activity', 'activity', 'CmdOrCtrl+Shift+3'),
        command('Security', 'security', 'CmdOrCtrl+Shift+4'),
        command('Preferences', 'preferences', 'CmdOrCtrl+Shift+5'),
        command('About', 'about', 'CmdOrCtrl+Shift+6'),
        { type: 'separator' },
        {
          // Ctrl/⌘+1…9 pick an account, as in chat apps with several workspaces; the window knows their order.
          label: 'Go to &Account',
          submenu: accountCommands.map((name, index) => command(`Account ${index + 1}`, name, `CmdOrCtrl+${index + 1}`)),
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        command('About Account Manager', 'about'),
        command('Forget This Computer…', 'forget-computer'),
        { label: 'Rocket.Chat users API documentation', click: openDocs },
      ],
    },
  ];
}
