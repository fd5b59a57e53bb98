import type { AppInfo } from '../../shared/contract';
import { AccountRepository } from './accounts/accountRepository';
import { AccountsService } from './accounts/accountsService';
import { readManagedServers } from './accounts/managedServers';
import { readAppInfo } from './appInfo';
import { systemClock, type Clock } from './clock';
import { Connectivity } from './connectivity';
import { fetchServerInfo } from './usersApi/authApi';
import { CoreEvents } from './coreEvents';
import { openDatabase } from './db/openDatabase';
import { createDispatch, type Dispatch, type DispatchOptions, type HandlerTable } from './dispatch';
import { DirectoryService } from './people/directoryService';
import { DirectoryStore } from './people/directoryStore';
import { PeopleSearch } from './people/peopleSearch';
import { PeopleService } from './people/peopleService';
import { PeopleStore } from './people/peopleStore';
import { AvatarCache } from './profile/avatarCache';
import { AvatarChanges } from './profile/avatarChanges';
import { AvatarService } from './profile/avatarService';
import { ProfileCache } from './profile/profileCache';
import { ProfileService } from './profile/profileService';
import { SecurityService } from './security/securityService';
import { EditService } from './sync/editService';
import { OutboxSender } from './sync/outboxSender';
import { OutboxStore } from './sync/outboxStore';
import type { RetryPolicy } from './usersApi/retryPolicy';
import { defaultTimeoutMs, UsersApiClient } from './usersApi/usersApiClient';
import { displayArrangement, restoreWindow, WindowStateStore, type DisplayInfo, type WindowState } from './windowState';
import type { Vault } from './vault/vault';

export interface CoreOptions {
  dataDir: string;
  vault: Vault;
  fetch?: typeof fetch;
  clock?: Clock;
  version: string;
  shell: AppInfo['shell'];
  /** Folders searched for a managed-install servers.json after dataDir (e.g. beside the app). */
  managedServerFolders?: string[];
  /** Per-request timeout towards servers. */
  requestTimeoutMs?: number;
  /** Backoff between tries of a failed request (tests shorten the waits). */
  retryPolicy?: Partial<RetryPolicy>;
  onInternalError?: DispatchOptions['onInternalError'];
}

export interface Core {
  handlers: HandlerTable;
  /** Validating entry point used by both shells. */
  dispatch: Dispatch;
  events: CoreEvents;
  /** Settles when sessions have been restored from the keychain and checked. */
  ready: Promise<void>;
  /** The desktop window's size and place, per arrangement of displays. */
  windowState: { restore(displays: DisplayInfo[]): WindowState; save(displays: DisplayInfo[], state: WindowState): void };
  close(): void;
}

/**
 * Builds the whole application core from its collaborators. Plain Node: no Electron,
 * so the same core runs under the Electron shell, the browser host and the tests.
 * Throws NewerSchemaError when the data folder belongs to a newer version.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const database = openDatabase({ dataDir: options.dataDir, clock });
  const events = new CoreEvents();
  // Aborted on close: retries waiting for a server stop instead of keeping the process alive.
  const closing = new AbortController();
  const connectivity = new Connectivity({
    events,
    clock,
    probe: async (serverId) => {
      const server = repository.server(serverId);
      if (!server) return true;
      await fetchServerInfo(clientFor(server));
      return true;
    },
  });
  const repository = new AccountRepository(database.db);
  const clientFor = (server: { id: string; origin: string }) =>
    new UsersApiClient({
      baseUrl: server.origin,
      fetch: fetchImpl,
      clock,
      timeoutMs: options.requestTimeoutMs,
      signal: closing.signal,
      retryPolicy: options.retryPolicy,
      onOutcome: (reachable) => connectivity.report(server.id, reachable),
    });
  const accounts = new AccountsService({ repository, vault: options.vault, clock, events, clientFor });
  const clientForAccount = (accountId: string) => clientFor(accounts.serverOf(accountId));

  const profileCache = new ProfileCache(database.db);
  const profiles = new ProfileService({
    cache: profileCache,
    accounts,
    clock,
    events,
    clientForAccount,
  });

  const avatars = new AvatarService({
    cache: new AvatarCache(database.db),
    accounts,
    clock,
    events,
    clientForAccount,
  });

  const isOnline = (accountId: string) => connectivity.isOnline(accounts.serverOf(accountId).id);
  const outbox = new OutboxStore(database.db);
  const sender = new OutboxSender({
    store: outbox,
    accounts,
    profiles,
    clock,
    events,
    clientForAccount,
    isOnline,
    interruptedGraceMs: options.requestTimeoutMs ?? defaultTimeoutMs,
    onInternalError: options.onInternalError,
  });
  const edits = new EditService({
    store: outbox,
    sender,
    cache: profileCache,
    profiles,
    accounts,
    clock,
    events,
    clientForAccount,
    isOnline,
  });

  const security = new SecurityService({
    accounts,
    profiles,
    cache: profileCache,
    clientForAccount,
    isOnline,
  });

  const avatarChanges = new AvatarChanges({
    accounts,
    avatars,
    profiles,
    clientForAccount,
    isOnline,
  });

  const peopleStore = new PeopleStore(database.db);
  const people = new PeopleService({
    store: peopleStore,
    accounts,
    clock,
    clientForAccount,
  });

  const directory = new DirectoryService({
    store: new DirectoryStore(database.db),
    people: peopleStore,
    search: new PeopleSearch(database.db),
    accounts,
    clock,
    events,
    clientForAccount,
    onInternalError: options.onInternalError,
  });

  // Back online: refresh what is shown for the accounts on that server and finish an
  // interrupted directory sync, without a reload.
  events.onAny((event, payload) => {
    if (event !== 'connectivity.changed') return;
    const { serverId, online } = payload as { serverId: string; online: boolean };
    if (!online) return;
    directory.resumeUnfinished(serverId);
    for (const account of accounts.list().accounts) if (account.serverId === serverId) sender.kick(account.id);
    for (const account of accounts.list().accounts) {
      if (account.serverId === serverId && account.state !== 'signed-out') void profiles.refresh(account.id).catch(() => undefined);
    }
  });

  const managed = readManagedServers([options.dataDir, ...(options.managedServerFolders ?? [])]);
  let managedNotice: AppInfo['managedServers'];
  if (managed && 'problem' in managed) {
    managedNotice = { file: managed.file, problem: managed.problem };
  } else if (managed) {
    const problems = accounts.addManagedServers(managed.servers);
    if (problems.length > 0) managedNotice = { file: managed.file, problem: problems.join(' ') };
  }

  const handlers: HandlerTable = {
    'app.info': async () => ({
      ...(await readAppInfo({ version: options.version, dataDir: options.dataDir, shell: options.shell, database, vault: options.vault })),
      ...(managedNotice ? { managedServers: managedNotice } : {}),
    }),
    'servers.add': ({ url }) => accounts.addServer(url),
    'servers.list': () => accounts.listServers(),
    'accounts.list': () => accounts.list(),
    'accounts.signIn': (request) => accounts.signIn(request),
    'accounts.answerTwoFactor': ({ challengeId, code }) => accounts.answerTwoFactor(challengeId, code),
    'accounts.sendEmailCode': async ({ challengeId }) => {
      await accounts.sendEmailCode(challengeId);
      return { sent: true as const };
    },
    'accounts.cancelSignIn': ({ challengeId }) => {
      accounts.cancelSignIn(challengeId);
      return {};
    },
    'accounts.switch': ({ accountId }) => accounts.switchTo(accountId),
    'accounts.signOut': ({ accountId }) => accounts.signOut(accountId),
    'accounts.remove': ({ accountId }) => accounts.remove(accountId),
    'profile.get': ({ accountId }) => profiles.get(accountId),
    'profile.refresh': ({ accountId }) => profiles.refresh(accountId),
    'people.lookup': (request) => people.lookup(request),
    'people.recent': ({ accountId }) => people.recent(accountId),
    'profile.edit': (request) => edits.edit(request),
    'profile.setStatus': ({ accountId, status, text }) => edits.setStatus(accountId, status, text),
    'profile.checkUsername': ({ accountId, username }) => edits.checkUsername(accountId, username),
    'profile.setAvatar': ({ accountId, contentType, base64 }) => avatarChanges.upload(accountId, base64, contentType),
    'profile.resetAvatar': ({ accountId }) => avatarChanges.reset(accountId),
    'outbox.get': ({ accountId }) => edits.view(accountId),
    'outbox.retry': ({ accountId, itemId }) => edits.retry(accountId, itemId),
    'outbox.discard': ({ accountId, itemId }) => edits.discard(accountId, itemId),
    'outbox.resolve': ({ accountId, itemId, keep }) => edits.resolve(accountId, itemId, keep),
    'security.get': ({ accountId }) => security.view(accountId),
    'security.sendCode': ({ accountId }) => security.sendCode(accountId),
    'security.changePassword': ({ accountId, newPassword, proof }) => security.changePassword(accountId, newPassword, proof),
    'security.changeEmail': ({ accountId, email, proof }) => security.changeEmail(accountId, email, proof),
    'security.resendConfirmation': ({ accountId, email }) => security.resendConfirmation(accountId, email),
    'security.startTotp': ({ accountId, proof }) => security.startTotp(accountId, proof),
    'security.confirmTotp': ({ accountId, code, proof }) => security.confirmTotp(accountId, code, proof),
    'security.disableTotp': ({ accountId, code }) => security.disableTotp(accountId, code),
    'security.signOutOthers': ({ accountId }) => security.signOutOthers(accountId),
    'avatars.get': ({ accountId, username, etag }) => avatars.get(accountId, username, etag),
    'directory.status': ({ accountId }) => directory.status(accountId),
    'directory.sync': ({ accountId, force, maxPeople }) => directory.sync(accountId, force, maxPeople),
    'directory.search': ({ accountId, query, limit, after }) => directory.search(accountId, query, limit, after),
    'connectivity.list': () => connectivity.snapshot(),
  };

  const windowStates = new WindowStateStore(database.db);
  const ready = accounts
    .restoreSessions()
    .then(() => {
      directory.resumeUnfinished();
      sender.start();
    })
    .catch((error: unknown) => options.onInternalError?.('restoreSessions', error));

  return {
    handlers,
    dispatch: createDispatch(handlers, { onInternalError: options.onInternalError }),
    events,
    ready,
    windowState: {
      restore: (displays) => restoreWindow(windowStates.load(displayArrangement(displays)), displays),
      save: (displays, state) => windowStates.save(displayArrangement(displays), state),
    },
    close: () => {
      closing.abort();
      sender.close();
      directory.close();
      connectivity.close();
      database.db.close();
    },
  };
}
