import { AppFailure } from '../../../shared/errors';
import { isPreferenceKey } from '../../../shared/preferences';
import type { AccountsService } from '../accounts/accountsService';
import type { Clock } from '../clock';
import type { CoreEvents } from '../coreEvents';
import { failureWords, logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import { fetchPreferences } from '../usersApi/preferencesApi';
import type { UsersApiClient } from '../usersApi/usersApiClient';
import type { PreferencesCache } from './preferencesCache';
import type { ProfileCache } from './profileCache';

export interface PreferencesDeps {
  cache: PreferencesCache;
  profiles: ProfileCache;
  accounts: AccountsService;
  clock: Clock;
  events: CoreEvents;
  clientForAccount(accountId: string): UsersApiClient;
  log: Logger;
}

/** `read` starts a background refresh only when the last attempt is older than this (as the profile does). */
const backgroundEveryMs = 60_000;

export interface PreferencesState {
  accountLabel: string;
  /** The preferences the app offers that the person set, as last read. */
  preferences: Record<string, unknown>;
  fetchedAt: string | null;
  refreshError: string | null;
  revision: number;
}

/**
 * One's preferences, cache first (docs/sync.md): `read` answers from SQLite at once and starts a
 * background refresh that announces `profile.changed` when the server answers. Edits go through
 * the outbox (sync/), which settles confirmed values into the same cache.
 */
export class PreferencesService {
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly lastError = new Map<string, string>();
  private readonly lastAttempt = new Map<string, number>();

  constructor(private readonly deps: PreferencesDeps) {}

  read(accountId: string): PreferencesState {
    this.deps.accounts.serverOf(accountId);
    const state = this.state(accountId);
    const last = this.lastAttempt.get(accountId);
    // The cached copy answers now; the refresh logs its own failures and announces what changed.
    if (last === undefined || this.deps.clock.now() - last >= backgroundEveryMs) void this.refreshInBackground(accountId);
    return state;
  }

  /** Fetches now; on failure the cached copy stays, and without one the failure is the answer. */
  async refresh(accountId: string): Promise<PreferencesState> {
    this.deps.accounts.serverOf(accountId);
    await this.refreshInBackground(accountId);
    const error = this.lastError.get(accountId);
    if (error && !this.deps.cache.get(accountId)) throw new AppFailure('network-unreachable', error);
    return this.state(accountId);
  }

  /** The outbox settled confirmed values into the cache: the window reads them again. */
  cachedChanged(accountId: string): void {
    this.deps.events.emit('profile.changed', { accountId });
  }

  private state(accountId: string): PreferencesState {
    const cached = this.deps.cache.get(accountId);
    return {
      accountLabel: this.label(accountId),
      preferences: Object.fromEntries(Object.entries(cached?.preferences ?? {}).filter(([key]) => isPreferenceKey(key))),
      fetchedAt: cached ? new Date(cached.fetchedAt).toISOString() : null,
      refreshError: this.lastError.get(accountId) ?? null,
      revision: this.deps.events.revision('profile.changed', { accountId }),
    };
  }

  private label(accountId: string): string {
    const username = this.deps.profiles.get(accountId)?.document.username;
    const account = this.deps.accounts.list().accounts.find((a) => a.id === accountId);
    const who = typeof username === 'string' && username !== '' ? username : (account?.username ?? 'This account');
    return `${who} on ${this.deps.accounts.serverOf(accountId).name}`;
  }

  private refreshInBackground(accountId: string): Promise<void> {
    const running = this.refreshing.get(accountId);
    if (running) return running;
    this.lastAttempt.set(accountId, this.deps.clock.now());
    const work = this.fetchAndStore(accountId).finally(() => this.refreshing.delete(accountId));
    this.refreshing.set(accountId, work);
    return work;
  }

  private async fetchAndStore(accountId: string): Promise<void> {
    try {
      const credentials = await this.deps.accounts.credentials(accountId);
      if (!credentials) {
        this.lastError.set(accountId, 'Signed out: showing what was saved before.');
        return;
      }
      const preferences = await fetchPreferences(this.deps.clientForAccount(accountId), credentials);
      this.deps.cache.put(accountId, preferences, this.deps.clock.now());
      this.lastError.delete(accountId);
    } catch (error) {
      // Runs in the background: nothing may escape as an unhandled rejection.
      logFailure(this.deps.log, 'refreshing the preferences', error);
      this.lastError.set(accountId, failureWords(error) ?? 'The preferences could not be refreshed.');
    } finally {
      this.deps.events.emit('profile.changed', { accountId });
    }
  }
}
