import { AppFailure } from '../../../shared/errors';
import type { PreferencesEditRequest, PreferencesView } from '../../../shared/preferenceSchemas';
import {
  checkPreference,
  decodePreference,
  encodePreference,
  isPreferenceField,
  isPreferenceKey,
  preferenceField,
  preferenceKeyOf,
} from '../../../shared/preferences';
import type { AccountsService } from '../accounts/accountsService';
import type { Clock } from '../clock';
import type { CoreEvents } from '../coreEvents';
import type { PreferencesCache } from '../profile/preferencesCache';
import type { PreferencesService, PreferencesState } from '../profile/preferencesService';
import type { OutboxSender } from './outboxSender';
import type { OutboxStore } from './outboxStore';

export interface PreferenceEditsDeps {
  store: OutboxStore;
  sender: OutboxSender;
  cache: PreferencesCache;
  preferences: PreferencesService;
  accounts: AccountsService;
  clock: Clock;
  events: CoreEvents;
}

/**
 * Preference edits as the person makes them: checked with the server's rules, saved in the
 * outbox (one row per key, `preferences.<key>`, with the value it was edited from) before any
 * request, then handed to the sender, which sends all of an account's waiting keys at once.
 */
export class PreferenceEdits {
  constructor(private readonly deps: PreferenceEditsDeps) {}

  get(accountId: string): PreferencesView {
    return this.view(accountId, this.deps.preferences.read(accountId));
  }

  async refresh(accountId: string): Promise<PreferencesView> {
    return this.view(accountId, await this.deps.preferences.refresh(accountId));
  }

  edit({ accountId, changes }: PreferencesEditRequest): PreferencesView {
    this.deps.accounts.serverOf(accountId);
    const entries = Object.entries(changes).filter(([key, value]) => isPreferenceKey(key) && value !== undefined);
    const problems = Object.fromEntries(
      entries.flatMap(([key, value]) => {
        const problem = isPreferenceKey(key) ? checkPreference(key, value) : null;
        return problem ? [[key, problem]] : [];
      }),
    );
    if (Object.keys(problems).length > 0) throw new AppFailure('validation', 'Some preferences need attention.', { fields: problems });
    const cached = this.deps.cache.get(accountId);
    if (!cached)
      throw new AppFailure(
        'validation',
        'Your preferences have not been read from the server yet, so there is nothing to change. Connect to the server once first.',
      );
    this.deps.store.queue(
      accountId,
      entries.map(([key, value]) => ({
        field: preferenceField(key as Parameters<typeof preferenceField>[0]),
        value: encodePreference(value),
        base: encodePreference(cached.preferences[key]),
      })),
      this.deps.clock.now(),
    );
    this.deps.events.emit('sync.changed', { accountId });
    this.deps.sender.kick(accountId);
    return this.get(accountId);
  }

  private view(accountId: string, state: PreferencesState): PreferencesView {
    const waiting = Object.fromEntries(
      this.deps.store
        .rows(accountId)
        .flatMap((row) =>
          isPreferenceField(row.field)
            ? [[preferenceKeyOf(row.field), { value: decodePreference(row.value) ?? null, state: row.state, error: row.error }]]
            : [],
        ),
    );
    return {
      accountId,
      accountLabel: state.accountLabel,
      preferences: state.preferences as PreferencesView['preferences'],
      waiting,
      fetchedAt: state.fetchedAt,
      refreshError: state.refreshError,
      revision: state.revision,
    };
  }
}
