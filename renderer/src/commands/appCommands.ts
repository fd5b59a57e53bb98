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
    default:
      return ui.show(command);
  }
}

/** Carries out the shell's menu commands as they come. Returns the unsubscribe. */
export function followAppCommands(): () => void {
  return getApi().on('app.command', ({ command }) => runCommand(command));
}
