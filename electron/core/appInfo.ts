import type { AppInfo } from '../../shared/contract';
import type { OpenedDatabase } from './db/openDatabase';
import type { Vault } from './vault/vault';

export interface AppInfoDeps {
  version: string;
  dataDir: string;
  shell: AppInfo['shell'];
  database: OpenedDatabase;
  vault: Vault;
}

/** What the About / Diagnostics screen shows: enough to answer "what is this app doing?". */
export async function readAppInfo(deps: AppInfoDeps): Promise<AppInfo> {
  const { database } = deps;
  return {
    version: deps.version,
    dataDir: deps.dataDir,
    database: {
      path: database.path,
      schemaVersion: database.schemaVersion,
      ...(database.recovered ? { recovered: database.recovered } : {}),
    },
    keychain: await deps.vault.status(),
    shell: deps.shell,
  };
}
