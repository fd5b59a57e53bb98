import type { AppInfo } from '../../shared/contract';
import { accountsModule } from './accounts/accountsModule';
import type { AppLinkRegistration, UpdateFacts } from './appInfo';
import { appModule } from './appModule';
import { systemClock, type Clock } from './clock';
import { CoreEvents } from './coreEvents';
import { resolveStorage } from './databaseKey';
import { openDatabase, type DatabaseStorage } from './db/openDatabase';
import { createDispatch, type Dispatch } from './dispatch';
import { DisposableStore } from './disposables';
import { DomainEvents } from './domainEvents';
import { isHelpLink } from './externalLinks';
import { forgetModule } from './forgetComputer';
import { mergeHandlers, type HandlerTable } from './handlers';
import { silentLogger, type Logger } from './log/logger';
import type { ModuleContext } from './moduleContext';
import { networkModule } from './network/networkModule';
import { createTransport, type ShellNetworkFactory } from './network/transport';
import { peopleModule } from './people/peopleModule';
import { profileModule } from './profile/profileModule';
import { securityModule } from './security/securityModule';
import { syncModule } from './sync/syncModule';
import type { RetryPolicy } from './usersApi/retryPolicy';
import { readNodeNetwork } from './usersApi/transport/nodeFetch';
import type { WriterThreadEntry } from './people/writer/workerWriter';
import type { Vault } from './vault/vault';
import type { DisplayInfo, WindowState } from './windowState';

export interface CoreOptions {
  dataDir: string;
  vault: Vault;
  /**
   * How requests reach servers, from the desktop shell: Chromium's net.fetch (the system's
   * proxy and trust store), built from the core's answers to Chromium's questions. Without it
   * the core builds nodeFetch (HTTPS_PROXY, NODE_EXTRA_CA_CERTS, AM_CLIENT_CERT) — see
   * docs/network.md "The network belongs to the shell".
   */
  network?: ShellNetworkFactory;
  /** A fetch that needs none of the core's decisions, in place of nodeFetch (tests, tools). */
  fetch?: typeof fetch;
  /** The environment nodeFetch reads (default process.env); tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** Every `now` and every timer of the core (tests pass tests/support/testClock.ts and move it). */
  clock?: Clock;
  version: string;
  shell: AppInfo['shell'];
  /** Folders searched for a managed-install servers.json after dataDir (e.g. beside the app). */
  managedServerFolders?: string[];
  /** Per-request timeout towards servers. */
  requestTimeoutMs?: number;
  /** Backoff between tries of a failed request (tests shorten the waits). */
  retryPolicy?: Partial<RetryPolicy>;
  /**
   * Where better-sqlite3's native module is, when the shell's bundle carries the package's
   * JavaScript (the Electron main bundle does: about 5 ms less of every start, D52).
   */
  sqliteBinding?: string;
  /**
   * Where the cache lives: startCore asks the keychain (encrypted, or in memory without one).
   * A plain file when absent — only tests and tools that do not test storage leave it out.
   */
  storage?: DatabaseStorage;
  /**
   * The directory writer thread's code, shipped beside the shell's bundle (D118): a sync's
   * writes and index merges then run off the main thread. Absent (tests that do not test the
   * thread), and for a cache in memory, which no other connection can share, they run on it.
   */
  directoryWriter?: WriterThreadEntry;
  /** Where the core says what went wrong; the shell's sink decides where that goes. Silent when absent. */
  log?: Logger;
  /** The desktop shell: whether this copy looks for updates, and who opens rocketchat:// links (About). */
  updates?: UpdateFacts;
  appLinks?: AppLinkRegistration;
}

export interface Core {
  /** Validating entry point used by both shells. */
  dispatch: Dispatch;
  events: CoreEvents;
  /** Settles when sessions have been restored from the keychain and checked. */
  ready: Promise<void>;
  /**
   * Whether the shell may open this address in the system browser: a help page, or the
   * identity provider's page of a sign-in the app itself started. The shells ask; the core decides.
   */
  mayOpenExternally(url: string): boolean;
  /** A link the operating system handed to the app (rocketchat://…): true when it finished a sign-in. */
  handleAppLink(url: string): boolean;
  /** The desktop window's size and place, per arrangement of displays. */
  windowState: { restore(displays: DisplayInfo[]): WindowState; save(displays: DisplayInfo[], state: WindowState): void };
  close(): void;
}

/**
 * The core as the shells start it: the cache's key read from the keychain (or made and saved
 * there) first, so the database opens encrypted — or in memory when no keychain answers (D98).
 */
export async function startCore(options: Omit<CoreOptions, 'storage'>): Promise<Core> {
  return createCore({ ...options, storage: await resolveStorage(options.vault, options.dataDir) });
}

/**
 * Builds the whole application core from its collaborators. Plain Node: no Electron,
 * so the same core runs under the Electron shell, the browser host and the tests.
 * Each domain module builds its own services and declares its own channels and what it
 * follows; here they are only built in the order they need each other, and their tables
 * merged. Throws NewerSchemaError when the data folder belongs to a newer version.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const env = options.env ?? process.env;
  // Read before the database opens: a proxy or client certificate setting that cannot be used stops the start here.
  const nodeNetwork = options.network || options.fetch ? null : readNodeNetwork(env);
  const database = openDatabase({ dataDir: options.dataDir, clock, sqliteBinding: options.sqliteBinding, storage: options.storage });
  // Let go of in reverse: the modules first, the database they stand on last.
  const disposables = new DisposableStore();
  disposables.add(() => database.db.close());
  // Aborted on close: retries waiting for a server stop instead of keeping the process alive.
  const closing = new AbortController();
  disposables.add(() => closing.abort());
  const limits = { timeoutMs: options.requestTimeoutMs, retryPolicy: options.retryPolicy, signal: closing.signal };
  const context: ModuleContext = { db: database.db, clock, events: new CoreEvents(), signals: new DomainEvents(), log, disposables };

  const transport = createTransport(context, { vault: options.vault, env, shell: options.network, fetch: options.fetch, nodeNetwork });
  const accounts = accountsModule(context, {
    vault: options.vault,
    fetch: transport.fetch,
    limits,
    managedServerFolders: [options.dataDir, ...(options.managedServerFolders ?? [])],
  });
  const profile = profileModule(context, { accounts });
  const sync = syncModule(context, { accounts, profile, requestTimeoutMs: options.requestTimeoutMs });
  const security = securityModule(context, { accounts, profile, unsentEdits: sync.unsentEdits });
  const writerThread =
    options.directoryWriter && database.storage !== 'memory'
      ? {
          entry: options.directoryWriter,
          data: {
            file: database.path,
            key: options.storage?.kind === 'encrypted' ? options.storage.key : null,
            sqliteBinding: options.sqliteBinding,
          },
        }
      : null;
  const people = peopleModule(context, { accounts, profile, writerThread });
  const network = networkModule(context, { transport, servers: accounts.accounts.servers, limits });
  const app = appModule(context, { ...options, database, managedNotice: accounts.managedNotice });
  const forget = forgetModule(context, {
    dataDir: options.dataDir,
    vault: options.vault,
    accounts,
    unsentEdits: sync.unsentEdits,
    releaseFiles: people.releaseFiles,
  });

  const handlers: HandlerTable = mergeHandlers(
    app.handlers,
    accounts.handlers,
    profile.handlers,
    sync.handlers,
    security.handlers,
    people.handlers,
    network.handlers,
    forget.handlers,
  );
  return {
    dispatch: createDispatch(handlers, { log: log.child('dispatch') }),
    events: context.events,
    ready: accounts.start(),
    windowState: app.windowState,
    mayOpenExternally: (url) => isHelpLink(url) || accounts.isSignInStartUrl(url),
    handleAppLink: (url) => accounts.handleAppLink(url),
    close: () => disposables.dispose(),
  };
}
