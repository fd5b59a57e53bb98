import fs from 'node:fs';
import path from 'node:path';
import { accountLabel } from '../../shared/accountLabel';
import { AppFailure } from '../../shared/errors';
import type { AccountsModule } from './accounts/accountsModule';
import type { Handlers } from './handlers';
import type { ModuleContext } from './moduleContext';
import { VaultUnavailableError, type Vault } from './vault/vault';

export interface ForgetDeps {
  dataDir: string;
  vault: Vault;
  accounts: Pick<AccountsModule, 'accounts'>;
  /** The fields of an account's edits the server has not taken yet. */
  unsentEdits: (accountId: string) => string[];
  /** Settles once no other thread holds a file of the data folder open (the directory writer's connection). */
  releaseFiles: () => Promise<void>;
}

/**
 * "Forget this computer" (D102): every account, every keychain entry of the app (session
 * tokens and the cache's key) and everything in the data folder go, and the core closes;
 * the shell starts the app again at its first start. The preview lists what would be lost.
 */
export function forgetModule({ disposables, events, log }: ModuleContext, deps: ForgetDeps) {
  const preview = () => {
    const accounts = deps.accounts.accounts.list().accounts.map((account) => ({
      name: accountLabel(account),
      unsentEdits: deps.unsentEdits(account.id).length,
    }));
    return { accounts, unsentEdits: accounts.reduce((sum, account) => sum + account.unsentEdits, 0), dataDir: deps.dataDir };
  };

  const forget = async () => {
    let entries: string[];
    try {
      entries = await deps.vault.accounts();
      for (const entry of entries) await deps.vault.delete(entry);
    } catch (error) {
      if (!(error instanceof VaultUnavailableError)) throw error;
      throw new AppFailure(
        'keychain-unavailable',
        `Nothing was removed: the system keychain holds the app's sign-ins and key and is not answering. ${error.reason}`,
      );
    }
    // The database and every timer first: nothing may write into the folder while it is emptied.
    await deps.releaseFiles();
    disposables.dispose();
    // Said before the folder goes: a line written after it would make the log file (and folder) again.
    log.info(`forgetting this computer: ${entries.length} keychain entries removed; emptying the data folder`);
    for (const name of fs.readdirSync(deps.dataDir)) fs.rmSync(path.join(deps.dataDir, name), { recursive: true, force: true });
    // Last: the desktop shell exits on it (and starts again), so everything above must be done.
    events.emit('app.forgotten', {});
    return {};
  };

  const handlers = {
    'app.forgetPreview': preview,
    'app.forgetComputer': forget,
  } satisfies Handlers;
  return { handlers };
}
