import type { AccountsModule } from '../accounts/accountsModule';
import type { Handlers } from '../handlers';
import { logFailure } from '../log/logFailure';
import type { ModuleContext } from '../moduleContext';
import { AvatarCache } from './avatarCache';
import { AvatarChanges } from './avatarChanges';
import { AvatarService } from './avatarService';
import { PreferencesCache } from './preferencesCache';
import { PreferencesService } from './preferencesService';
import { ProfileCache } from './profileCache';
import { ProfileService } from './profileService';
import { UsernameSuggestions } from './usernameSuggestion';
import { WorkspaceRules } from './workspaceRules';

export type ProfileModule = ReturnType<typeof profileModule>;

/**
 * One's own profile, cached (the profiles table's only writer), what each workspace lets a
 * person change, and avatars. A new session's profile comes from its sign-in; a server back
 * online, or back with another release, is read again.
 */
export function profileModule(
  context: ModuleContext,
  { accounts: account }: { accounts: Pick<AccountsModule, 'accounts' | 'clientFor' | 'clientForAccount' | 'isOnline'> },
) {
  const { db, clock, events, signals, log, disposables } = context;
  const { accounts, clientFor, clientForAccount, isOnline } = account;
  const profileLog = log.child('profile');
  const cache = new ProfileCache(db);
  const rules = new WorkspaceRules({
    db,
    clock,
    clientForServer: (serverId) => clientFor(accounts.servers.byId(serverId)),
    versionOf: (serverId) => accounts.servers.versionOf(serverId),
  });
  const profiles = new ProfileService({ cache, accounts, clock, events, signals, clientForAccount, rules, log: profileLog });
  const avatarLog = log.child('avatars');
  const avatarCache = new AvatarCache(db);
  const avatars = new AvatarService({ cache: avatarCache, accounts, clock, events, clientForAccount, log: avatarLog });
  const preferencesCache = new PreferencesCache(db);
  const preferences = new PreferencesService({
    cache: preferencesCache,
    profiles: cache,
    accounts,
    clock,
    events,
    clientForAccount,
    log: log.child('preferences'),
  });
  const usernames = new UsernameSuggestions({ accounts, cache, rules, clientForAccount, isOnline });
  const avatarChanges = new AvatarChanges({ accounts, avatars, profiles, rules, clientForAccount, isOnline, log: avatarLog });

  // A new session: the profile's first copy, from the /me that login's reply carried.
  disposables.add(signals.on('signedIn', ({ accountId, me }) => profiles.signedIn(accountId, me)));
  disposables.add(signals.on('releaseChanged', ({ serverId }) => profiles.workspaceChanged(serverId)));
  // A deleted account's picture goes; the server's other pictures go with its last account (the profile row cascades).
  disposables.add(
    signals.on('accountDeleted', ({ serverId, userId, username, othersOnServer }) => {
      avatarCache.forget(serverId, othersOnServer ? username : null);
      for (const other of accounts.list().accounts) {
        if (other.serverId === serverId) cache.forgetDirectRoomsWith(other.id, userId, username);
      }
    }),
  );
  // Back online: what is shown for the accounts on that server is read again, without a reload.
  disposables.add(
    events.on('connectivity.changed', ({ serverId, online }) => {
      if (!online) return;
      for (const account of accounts.list().accounts) {
        if (account.serverId !== serverId || account.state === 'signed-out') continue;
        // An event has nobody to wait for it; the window learns of the new profile from profile.changed.
        void profiles
          .refresh(account.id)
          .catch((error: unknown) => logFailure(profileLog, 'refreshing the profile once its server was back', error));
        // Preferences read before are read again; the others wait until someone looks (no request for nothing).
        if (preferencesCache.get(account.id)) void preferences.refresh(account.id).catch(() => undefined); // its failure is logged and shown by the service
      }
    }),
  );

  const handlers = {
    'profile.get': ({ accountId }) => profiles.get(accountId),
    'profile.refresh': ({ accountId }) => profiles.refresh(accountId),
    'profile.setAvatar': ({ accountId, contentType, base64 }) => avatarChanges.upload(accountId, base64, contentType),
    'profile.resetAvatar': ({ accountId }) => avatarChanges.reset(accountId),
    'avatars.get': ({ accountId, username, etag }) => avatars.get(accountId, username, etag),
    'profile.suggestUsername': ({ accountId }) => usernames.suggest(accountId),
  } satisfies Handlers;

  return { handlers, profiles, cache, rules, preferences, preferencesCache };
}
