import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from './menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe('the application menu', () => {
  it('has the standard roles and shortcuts, with the app menu on macOS only', () => {
    const roles = (platform: NodeJS.Platform) =>
      flatten(menuTemplate(platform, vi.fn(), vi.fn()))
        .map((item) => item.role)
        .filter(Boolean);
    expect(roles('darwin')).toEqual(expect.arrayContaining(['appMenu', 'editMenu', 'windowMenu', 'help', 'close', 'togglefullscreen']));
    expect(roles('win32')).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'help', 'quit']));
    expect(roles('linux')).not.toContain('appMenu');
  });

  it('hands every app action to the window as a command', () => {
    const send = vi.fn();
    const items = flatten(menuTemplate('linux', send, vi.fn()));
    const click = (label: string) => (items.find((item) => item.label === label)!.click as () => void)();
    for (const [label, command] of [
      ['Add Account…', 'add-account'],
      ['Switch Account…', 'switch-account'],
      ['Refresh', 'refresh'],
      ['Activity', 'activity'],
      ['Security', 'security'],
      ['About Account Manager', 'about'],
      ['Forget This Computer…', 'forget-computer'],
    ] as const) {
      click(label);
      expect(send).toHaveBeenLastCalledWith(command);
    }
    expect(items.find((item) => item.label === 'Add Account…')!.accelerator).toBe('CmdOrCtrl+N');
    expect(items.find((item) => item.label === 'Refresh')!.accelerator).toBe('CmdOrCtrl+R');
  });

  it('Ctrl/⌘+1…9 go to the accounts in order, and the screens moved to Ctrl/⌘+Shift+1…6', () => {
    const send = vi.fn();
    const items = flatten(menuTemplate('win32', send, vi.fn()));
    const accelerators = new Map(items.filter((item) => item.accelerator).map((item) => [item.accelerator, item]));
    for (let n = 1; n <= 9; n += 1) {
      (accelerators.get(`CmdOrCtrl+${n}`)!.click as () => void)();
      expect(send).toHaveBeenLastCalledWith(`account-${n}`);
    }
    expect(accelerators.get('CmdOrCtrl+Shift+3')!.label).toBe('Activity');
    expect(accelerators.get('CmdOrCtrl+Shift+5')!.label).toBe('Preferences');
    expect(accelerators.get('CmdOrCtrl+Shift+6')!.label).toBe('About');
    // One key, one action: no accelerator is given twice.
    expect(items.filter((item) => item.accelerator).length).toBe(accelerators.size);
  });
});
