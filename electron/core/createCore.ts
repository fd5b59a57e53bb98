import type { AppInfo } from '../../shared/contract';
import { AppFailure } from '../../shared/errors';
import { AccountRepository } from './accounts/accountRepository';
import { AccountsService } from './accounts/accountsService';
import { SingleSignOn } from './accounts/singleSignOn';
import { isHelpLink } from './externalLinks';
import { addManagedServers } from './accounts/managedServers';
import { readAppInfo, type AppLinkRegistration, type UpdateFacts } from './appInfo';
import { systemClock, type Clock } from './clock';
import { Connectivity, Reconnection } from './accounts/connectivity';
import { fetchServerInfo } from './usersApi/authApi';
import { CoreEvents } from './coreEvents';
import { openDatabase } from './db/openDatabase';
import { createDispatch, type Dispatch } from './dispatch';
import type { HandlerTable } from './handlers';
import { logFailure } from './log/logFailure';
import { silentLogger, type Logger } from './log/logger';
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
import { WorkspaceRules } from './profile/workspaceRules';
import { SecurityService } from './security/securityService';
import { EditService } from './sync/editService';
import { OutboxSender } from './sync/outboxSender';
import { OutboxStore } from './sync/outboxStore';
import { UsernameAvailability } from './sync/usernameAvailability';
import type { RetryPolicy } from './usersApi/retryPolicy';
import { defaultTimeoutMs, UsersApiClient } from './usersApi/usersApiClient';
import { displayArrangement, restoreWindow, WindowStateStore, type DisplayInfo, type WindowState } from './windowState';
import type { Vault } from './vault/vault';
import { createCoreNetwork } from './network/coreNetwork';
import { networkInfo } from './network/networkInfo';
import type { ProxyChallenge } from './network/proxyCredentials';
import { createNodeFetch } from './usersApi/transport/nodeFetch';
import type { UnverifiedConnection } from './usersApi/transport/tlsJudge';

export interface CoreOptions {
  dataDir: string;
  vault: Vault;
  /**
   * How requests reach servers. The Electron shell passes Chromium's net.fetch (the system's
   * proxy and trust store); without one the core builds nodeFetch (HTTPS_PROXY, NODE_EXTRA_CA_CERTS,
   * AM_CLIENT_CERT) — see docs/architecture.md "The network belongs to the shell".
   */
  fetch?: typeof fetch;
  /** The system's proxy for an address, as Chromium's session.resolveProxy answers ("PROXY host:port; DIRECT"). */
  resolveProxy?: (url: string) => Promise<string>;
  /** The environment nodeFetch reads (default process.env); tests pass their own. */
  env?: NodeJS.ProcessEnv;
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
  /** Where the core says what went wrong; the shell's sink decides where that goes. Silent when absent. */
  log?: Logger;
  /** The desktop shell: whether this copy looks for updates, and who opens rocketchat:// links (About). */
  updates?: UpdateFacts;
  appLinks?: AppLinkRegistration;
}

export interface Core {
  handlers: HandlerTable;
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
  /** What the Electron shell asks about Chromium's network: the core decides, the shell only asks. */
  network: {
    /** The verify proc: true accepts a certificate Chromium refused (the person trusted it for this server). */
    judgeChromiumCertificate(request: { hostname: string; pem: string; verificationResult: string }): boolean;
    /** A proxy asks for a sign-in: the keychain's, or the person's answer; null cancels. */
    proxyCredentials(challenge: ProxyChallenge): Promise<{ username: string; password: string } | null>;
    /** A server asks for a client certificate: the index of the one to present, or null for none. */
    chooseClientCertificate(url: string, certificates: string[]): Promise<number | null>;
  };
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
  const log = options.log ?? silentLogger;
  const env = options.env ?? process.env;
  // Built before the database opens: a client certificate setting that cannot be used stops the start here.
  const nodeFetch = options.fetch
    ? null
    : createNodeFetch({ env, judge: { judge: (connection: UnverifiedConnection) => network.trust.judge(connection) } });
  const fetchImpl = options.fetch ?? nodeFetch!.fetch;
  const database = openDatabase({ dataDir: options.dataDir, clock, sqliteBinding: options.sqliteBinding });
  const events = new CoreEvents();
  // Aborted on close: retries waiting for a server stop instead of keeping the process alive.
  const closing = new AbortController();
  const network = createCoreNetwork({
    db: database.db,
    fetch: fetchImpl,
    nodeFetch,
    resolveProxy: options.resolveProxy,
    env,
    vault: options.vault,
    clock,
    events,
    log: log.child('network'),
    requestTimeoutMs: options.requestTimeoutMs,
    signal: closing.signal,
  });
  const connectivity = new Connectivity(events);
  const reconnection = new Reconnection({
    events,
    clock,
    connectivity,
    probe: async (serverId) => {
      const server = repository.server(serverId);
      if (!server) return true;
      const { version } = await fetchServerInfo(clientFor(server));
      // A server that was away may be back upgraded: its release decides what the window offers.
      if (version && version !== server.version) {
        repository.saveServer({ ...server, version });
        profiles.workspaceChanged(serverId);
      }
      return true;
    },
  });
  const repository = new AccountRepository(database.db);
  const clientFor = (server: { id: string; origin: string }) =>
    new UsersApiClient({
      baseUrl: server.origin,
      // Failures name the server as the window does ("Demo server", not its host and port).
      name: repository.server(server.id)?.name ?? undefined,
      fetch: fetchImpl,
      clock,
      timeoutMs: options.requestTimeoutMs,
      signal: closing.signal,
      retryPolicy: options.retryPolicy,
      onOutcome: (reachable) => connectivity.report(server.id, reachable),
      onSessionRefused: (auth) => accounts.sessionRefused(server.id, auth),
    });
  const accounts = new AccountsService({
    repository,
    vault: options.vault,
    clock,
    events,
    clientFor,
    log: log.child('accounts'),
    onSignedIn: (accountId, me) => {
      // A new session: the profile's first copy (login's /me), and edits that waited for it go now.
      profiles.signedIn(accountId, me);
      sender.kick(accountId);
      directory.resumeUnfinished(accounts.serverOf(accountId).id);
      // A directory sync the ended session stopped ("sign in again to sync") starts over now.
      if (directory.status(accountId).state === 'failed') directory.sync(accountId, true);
    },
  });
  const clientForAccount = (accountId: string) => clientFor(accounts.serverOf(accountId));
  const singleSignOn = new SingleSignOn({ accounts, clock, log: log.child('sign-in') });

  const profileCache = new ProfileCache(database.db);
  const profileLog = log.child('profile');
  const rules = new WorkspaceRules({
    db: database.db,
    clock,
    clientForServer: (serverId) => clientFor(accounts.servers.byId(serverId)),
    versionOf: (serverId) => repository.server(serverId)?.version ?? null,
  });
  const profiles = new ProfileService({ cache: profileCache, accounts, clock, events, clientForAccount, rules, log: profileLog });

  const avatars = new AvatarService({
    cache: new AvatarCache(database.db),
    accounts,
    clock,
    events,
    clientForAccount,
    log: log.child('avatars'),
  });

  const isOnline = (accountId: string) => connectivity.isOnline(accounts.serverOf(accountId).id);
  const outbox = new OutboxStore(database.db, profileCache);
  const availability = new UsernameAvailability(clock);
  const sender = new OutboxSender({
    store: outbox,
    accounts,
    profiles,
    clock,
    events,
    clientForAccount,
    isOnline,
    availability,
    interruptedGraceMs: options.requestTimeoutMs ?? defaultTimeoutMs,
    log: log.child('outbox'),
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
    availability,
    rules,
    log: log.child('edits'),
  });

  const security = new SecurityService({
    accounts,
    profiles,
    cache: profileCache,
    rules,
    clientForAccount,
    isOnline,
    log: log.child('security'),
  });

  const avatarChanges = new AvatarChanges({
    accounts,
    avatars,
    profiles,
    rules,
    clientForAccount,
    isOnline,
    log: log.child('avatars'),
  });

  const peopleStore = new PeopleStore(database.db);
  const people = new PeopleService({ store: peopleStore, accounts, clock, clientForAccount, rules });

  const directory = new DirectoryService({
    store: new DirectoryStore(database.db),
    people: peopleStore,
    search: new PeopleSearch(database.db),
    accounts,
    clock,
    events,
    clientForAccount,
    log: log.child('directory'),
  });

  // Back online: refresh what is shown for the accounts on that server and finish an
  // interrupted directory sync, without a reload.
  events.on('connectivity.changed', ({ serverId, online }) => {
    if (!online) return;
    directory.resumeUnfinished(serverId);
    for (const account of accounts.list().accounts) if (account.serverId === serverId) sender.kick(account.id);
    for (const account of accounts.list().accounts) {
      if (account.serverId === serverId && account.state !== 'signed-out') {
        void profiles
          .refresh(account.id)
          .catch((error: unknown) => logFailure(profileLog, 'refreshing the profile once its server was back', error));
      }
    }
  });

  const managedNotice = addManagedServers([options.dataDir, ...(options.managedServerFolders ?? [])], accounts.servers);

  const appInfo = async () => ({
    ...(await readAppInfo({ ...options, database, vault: options.vault })),
    ...(managedNotice ? { managedServers: managedNotice } : {}),
  });
  const handlers: HandlerTable = {
    'app.info': appInfo,
    'app.claimLinks': async () => {
      if (!options.appLinks) throw new AppFailure('not-found', 'Only the desktop app can open rocketchat:// links.');
      options.appLinks.claim();
      return appInfo();
    },
    'servers.add': ({ url }) => accounts.servers.add(url),
    'servers.list': () => accounts.servers.list(),
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
    'servers.signInOptions': ({ serverId }) => accounts.servers.signInOptions(serverId),
    'accounts.signInWithToken': (request) => accounts.signInWithToken(request),
    'accounts.startSso': async ({ serverId, serviceId, sessionOnly }) => {
      if (!sessionOnly) await accounts.requireKeychain();
      return singleSignOn.start(serverId, serviceId, sessionOnly ?? false);
    },
    'accounts.awaitSso': ({ flowId }) => singleSignOn.wait(flowId),
    'accounts.completeSso': ({ flowId, link }) => singleSignOn.complete(flowId, link),
    'accounts.cancelSso': ({ flowId }) => {
      singleSignOn.cancel(flowId);
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
    'network.info': () =>
      networkInfo({
        servers: accounts.servers.list(),
        proxies: network.proxies,
        trust: network.trust,
        clientCertificateFor: network.clientCertificateFor,
      }),
    'certificates.review': ({ url }) => network.trust.review(url),
    'certificates.trust': ({ url, fingerprint }) => network.trust.trust(url, fingerprint),
    'certificates.revoke': ({ url }) => {
      network.trust.revoke(url);
      return {};
    },
    'network.prompts': () => network.prompts.pending(),
    'network.answerPrompt': ({ promptId, answer }) => {
      network.prompts.answer(promptId, answer);
      return {};
    },
  };

  const windowStates = new WindowStateStore(database.db);
  const ready = accounts
    .restoreSessions()
    .then(() => {
      directory.resumeUnfinished();
      sender.start();
    })
    .catch((error: unknown) => logFailure(log.child('accounts'), 'restoring sessions', error));

  return {
    handlers,
    dispatch: createDispatch(handlers, { log: log.child('dispatch') }),
    events,
    ready,
    windowState: {
      restore: (displays) => restoreWindow(windowStates.load(displayArrangement(displays)), displays),
      save: (displays, state) => windowStates.save(displayArrangement(displays), state),
    },
    network: {
      judgeChromiumCertificate: (request) => network.trust.judgeChromium(request),
      proxyCredentials: (challenge) => network.proxyCredentials.forChallenge(challenge),
      chooseClientCertificate: (url, certificates) => network.clientCertificates.choose(url, certificates),
    },
    mayOpenExternally: (url) => isHelpLink(url) || singleSignOn.isStartUrl(url),
    handleAppLink: (url) => {
      // Whatever a link holds, the shell that delivered it goes on: a link is never worth an exception.
      try {
        return singleSignOn.handleAppLink(url);
      } catch (error) {
        logFailure(log.child('sign-in'), 'taking a rocketchat:// link', error);
        return false;
      }
    },
    close: () => {
      closing.abort();
      network.prompts.close();
      void nodeFetch?.close().catch(() => undefined);
      singleSignOn.close();
      sender.close();
      directory.close();
      reconnection.close();
      connectivity.close();
      database.db.close();
    },
  };
}
