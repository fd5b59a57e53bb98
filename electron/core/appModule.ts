import { AppFailure } from '../../shared/errors';
import { readAppInfo, type AppInfoDeps } from './appInfo';
import type { Handlers } from './handlers';
import type { ModuleContext } from './moduleContext';
import { displayArrangement, restoreWindow, WindowStateStore, type DisplayInfo, type WindowState } from './windowState';

export interface AppModuleDeps extends AppInfoDeps {
  /** A managed install's servers.json that could not be used (the accounts module read it). */
  managedNotice?: { file: string; problem: string };
}

/** The app itself: what About shows, rocketchat:// links on the desktop, and the window's size and place. */
export function appModule({ db }: ModuleContext, deps: AppModuleDeps) {
  const appInfo = async () => ({
    ...(await readAppInfo(deps)),
    ...(deps.managedNotice ? { managedServers: deps.managedNotice } : {}),
  });
  const windowStates = new WindowStateStore(db);

  const handlers = {
    'app.info': appInfo,
    'app.claimLinks': async () => {
      if (!deps.appLinks) throw new AppFailure('not-found', 'Only the desktop app can open rocketchat:// links.');
      deps.appLinks.claim();
      return appInfo();
    },
  } satisfies Handlers;

  return {
    handlers,
    /** The desktop window's size and place, per arrangement of displays. */
    windowState: {
      restore: (displays: DisplayInfo[]): WindowState => restoreWindow(windowStates.load(displayArrangement(displays)), displays),
      save: (displays: DisplayInfo[], state: WindowState): void => windowStates.save(displayArrangement(displays), state),
    },
  };
}
