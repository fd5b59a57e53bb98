import type { AppCommand } from '../../../shared/contract';
import { getApi } from '../bridge/api';
import { activeAccount, useAccounts } from '../stores/accountsStore';
import { useForget } from '../stores/forgetStore';
import { useProfiles } from '../stores/profileStore';
import { useUi } from '../stores/uiStore';

/** Carries out what the desktop menu (or a shortcut) asks for. */
export function runCommand(command: AppCommand): void {
  const ui = useUi.getState();
  switch (command) {
    case 'add-account':
      return ui.show('add-server');
    case 'switch-account':
      return document.querySelector<HTMLElement>('.account-main')?.focus();
    case 'refresh': {
      const active = activeAccount(useAccounts.getState());
      // A menu command starts the refresh; the profile store shows how it went.
      if (active) void useProfiles.getState().refresh(active.id);
      return;
    }
    case 'forget-computer':
      ui.show('about');
      // The confirmation on About shows how it went.
      void useForget.getState().ask();
      return;
    case 'home':
    case 'people':
    case 'activity':
    case 'security':
    case 'preferences':
    case 'about':
      return ui.show(command);
    default:
      return switchToNth(Number(command.slice('account-'.length)));
  }
}

/** Ctrl/⌘+N: the Nth account of the list, as the switcher shows it; nothing when there are fewer. */
function switchToNth(position: number): void {
  const accounts = useAccounts.getState();
  const account = accounts.accounts[position - 1];
  if (!account) return;
  useUi.getState().leave(() => {
    // How it went shows on screen; a shortcut has nobody to hand the promise to.
    if (!account.active) void accounts.switchTo(account.id);
    useUi.getState().focusHeading();
  });
}

/** Carries out the shell's menu commands as they come. Returns the unsubscribe. */
export function followAppCommands(): () => void {
  return getApi().on('app.command', ({ command }) => runCommand(command));
}
