import type { AccountsModule } from '../accounts/accountsModule';
import type { Handlers } from '../handlers';
import type { ModuleContext } from '../moduleContext';
import type { ProfileModule } from '../profile/profileModule';
import { defaultTimeoutMs } from '../usersApi/usersApiClient';
import { EditService } from './editService';
import { OutboxSender } from './outboxSender';
import { OutboxStore } from './outboxStore';
import { PreferenceEdits } from './preferenceEdits';
import { UsernameAvailability } from './usernameAvailability';

export interface SyncModuleDeps {
  accounts: Pick<AccountsModule, 'accounts' | 'clientForAccount' | 'isOnline'>;
  profile: Pick<ProfileModule, 'profiles' | 'cache' | 'rules' | 'preferences' | 'preferencesCache'>;
  /** The core's per-request timeout: how long a request of a crashed process may still be on its way. */
  requestTimeoutMs?: number;
}

/**
 * Profile edits through the outbox: queued before any request, sent when the server answers
 * (at start, after a sign-in, when the server is back), conflicts kept for the person.
 */
export function syncModule(context: ModuleContext, deps: SyncModuleDeps) {
  const { db, clock, events, signals, log, disposables } = context;
  const { accounts, clientForAccount, isOnline } = deps.accounts;
  const { profiles, cache, rules, preferences, preferencesCache } = deps.profile;
  const store = new OutboxStore(db, cache, preferencesCache);
  const availability = new UsernameAvailability(clock);
  const sender = new OutboxSender({
    store,
    accounts,
    profiles,
    preferences,
    clock,
    events,
    clientForAccount,
    isOnline,
    availability,
    rules,
    interruptedGraceMs: deps.requestTimeoutMs ?? defaultTimeoutMs,
    log: log.child('outbox'),
  });
  disposables.add(() => sender.close());
  const edits = new EditService({
    store,
    sender,
    cache,
    profiles,
    preferences,
    accounts,
    clock,
    events,
    clientForAccount,
    isOnline,
    availability,
    rules,
    log: log.child('edits'),
  });

  const preferenceEdits = new PreferenceEdits({ store, sender, cache: preferencesCache, preferences, accounts, clock, events });

  // Edits that waited for a session, or for the server, go now; at start, what a quit left behind.
  disposables.add(signals.on('signedIn', ({ accountId }) => sender.kick(accountId)));
  disposables.add(
    events.on('connectivity.changed', ({ serverId, online }) => {
      if (!online) return;
      for (const account of accounts.list().accounts) if (account.serverId === serverId) sender.kick(account.id);
    }),
  );
  disposables.add(signals.on('sessionsRestored', () => sender.start()));

  const handlers = {
    'profile.edit': (request) => edits.edit(request),
    'profile.setStatus': ({ accountId, status, text }) => edits.setStatus(accountId, status, text),
    'profile.checkUsername': ({ accountId, username }) => edits.checkUsername(accountId, username),
    'outbox.get': ({ accountId }) => edits.view(accountId),
    'outbox.retry': ({ accountId, itemId }) => edits.retry(accountId, itemId),
    'outbox.discard': ({ accountId, itemId }) => edits.discard(accountId, itemId),
    'outbox.resolve': ({ accountId, itemId, keep }) => edits.resolve(accountId, itemId, keep),
    // Preferences are read here, beside their waiting edits (the profile module keeps their cache).
    'preferences.get': ({ accountId }) => preferenceEdits.get(accountId),
    'preferences.refresh': ({ accountId }) => preferenceEdits.refresh(accountId),
    'preferences.edit': (request) => preferenceEdits.edit(request),
  } satisfies Handlers;

  return {
    handlers,
    /** The fields of an account's edits the server has not taken yet (queued, in conflict or refused): what deleting it loses. */
    unsentEdits: (accountId: string): string[] => store.rows(accountId).map((row) => row.field),
  };
}
