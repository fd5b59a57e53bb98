import type { AppInfo } from '../../shared/contract';
import { readAppInfo } from './appInfo';
import { systemClock, type Clock } from './clock';
import { CoreEvents } from './coreEvents';
import { openDatabase } from './db/openDatabase';
import { createDispatch, type Dispatch, type DispatchOptions, type HandlerTable } from './dispatch';
import type { Vault } from './vault/vault';

export interface CoreOptions {
  dataDir: string;
  vault: Vault;
  fetch?: typeof fetch;
  clock?: Clock;
  version: string;
  shell: AppInfo['shell'];
  onInternalError?: DispatchOptions['onInternalError'];
}

export interface Core {
  handlers: HandlerTable;
  /** Validating entry point used by both shells. */
  dispatch: Dispatch;
  events: CoreEvents;
  close(): void;
}

/**
 * Builds the whole application core from its collaborators. Plain Node: no Electron,
 * so the same core runs under the Electron shell, the browser host and the tests.
 * Throws NewerSchemaError when the data folder belongs to a newer version.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const database = openDatabase({ dataDir: options.dataDir, clock });
  const events = new CoreEvents();

  const handlers: HandlerTable = {
    'app.info': () =>
      readAppInfo({
        version: options.version,
        dataDir: options.dataDir,
        shell: options.shell,
        database,
        vault: options.vault,
      }),
  };

  return {
    handlers,
    dispatch: createDispatch(handlers, { onInternalError: options.onInternalError }),
    events,
    close: () => database.db.close(),
  };
}
