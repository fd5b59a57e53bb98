import { logFailure } from '../log/logFailure';
import type { Handlers } from '../handlers';
import type { ModuleContext } from '../moduleContext';
import type { RequestLimits } from '../usersApi/usersApiClient';
import { fetchServerInfo } from '../usersApi/authApi';
import type { Vault } from '../vault/vault';
import { AccountRepository } from './accountRepository';
import { AccountsService } from './accountsService';
import { Connectivity, Reconnection } from './connectivity';
import { addManagedServers } from './managedServers';
import { serverClients } from './serverClients';
import { RateWindows } from '../usersApi/rateWindows';
import { SingleSignOn } from './singleSignOn';

export interface AccountsModuleDeps {
  vault: Vault;
  /** How requests reach servers (the network's transport). */
  fetch: typeof fetch;
  limits: RequestLimits;
  /** Folders searched for a managed install's servers.json, the data folder first. */
  managedServerFolders: string[];
}

export type AccountsModule = ReturnType<typeof accountsModule>;

/**
 * Servers and the accounts on them: adding servers, every way of signing in, sessions in the
 * keychain, and whether each server answers. Every other module reaches servers through the
 * clients made here.
 */
export function accountsModule(context: ModuleContext, deps: AccountsModuleDeps) {
  const { db, clock, events, signals, log, disposables } = context;
  const repository = new AccountRepository(db);
  const connectivity = new Connectivity(events);
  disposables.add(() => connectivity.close());
  const rateWindows = new RateWindows();
  const clientFor = serverClients({
    rateWindows,
    fetch: deps.fetch,
    clock,
    limits: deps.limits,
    connectivity,
    signals,
    nameOf: (serverId) => repository.server(serverId)?.name ?? undefined,
  });
  const accounts = new AccountsService({ repository, vault: deps.vault, clock, events, signals, clientFor, log: log.child('accounts') });
  disposables.add(signals.on('sessionRefused', ({ serverId, auth }) => accounts.sessionRefused(serverId, auth)));
  disposables.add(signals.on('profileStored', ({ accountId, username, name }) => accounts.identityChanged(accountId, username, name)));
  const singleSignOn = new SingleSignOn({ accounts, clock, log: log.child('sign-in') });
  disposables.add(() => singleSignOn.close());

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
        signals.emit('releaseChanged', { serverId });
      }
      return true;
    },
  });
  disposables.add(() => reconnection.close());
  const managedNotice = addManagedServers(deps.managedServerFolders, accounts.servers);

  const handlers = {
    'servers.add': ({ url }) => accounts.servers.add(url),
    'servers.list': () => accounts.servers.list(),
    'servers.signInOptions': ({ serverId }) => accounts.servers.signInOptions(serverId),
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
    'connectivity.list': () => connectivity.snapshot(),
  } satisfies Handlers;

  return {
    handlers,
    accounts,
    clientFor,
    clientForAccount: (accountId: string) => clientFor(accounts.serverOf(accountId)),
    /** When each account may call each rate-limited route again, as the servers' answers said. */
    rateWindows,
    /** Whether the server of an account answered its last request. */
    isOnline: (accountId: string) => connectivity.isOnline(accounts.serverOf(accountId).id),
    /** What the managed install's servers.json gave, for About. */
    managedNotice,
    /** An identity provider's page a sign-in under way sent the system browser to. */
    isSignInStartUrl: (url: string) => singleSignOn.isStartUrl(url),
    /** A link the operating system handed over: whatever it holds, the shell that delivered it goes on. */
    handleAppLink(url: string): boolean {
      try {
        return singleSignOn.handleAppLink(url);
      } catch (error) {
        logFailure(log.child('sign-in'), 'taking a rocketchat:// link', error);
        return false;
      }
    },
    /** At start: the sessions in the keychain restored and checked, then `sessionsRestored` for the modules that wait for it. */
    start: (): Promise<void> =>
      accounts
        .restoreSessions()
        .then(() => signals.emit('sessionsRestored', {}))
        .catch((error: unknown) => logFailure(log.child('accounts'), 'restoring sessions', error)),
  };
}
