import type { ProfileView } from '../../../shared/profileSchemas';
import { AppFailure } from '../../../shared/errors';
import type { AccountsService } from '../accounts/accountsService';
import type { Clock } from '../clock';
import type { CoreEvents } from '../coreEvents';
import { failureWords, logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import { fetchOwnProfile } from '../usersApi/profileApi';
import type { UsersApiClient } from '../usersApi/usersApiClient';
import type { ProfileCache } from './profileCache';
import { sanitizeUser } from './sanitizeUser';
import { toUserProfile } from './toUserProfile';
import type { WorkspaceRules } from './workspaceRules';
import type { DomainEvents } from '../domainEvents';

export interface ProfileDeps {
  cache: ProfileCache;
  accounts: AccountsService;
  clock: Clock;
  events: CoreEvents;
  /** What other modules follow: the names a stored profile carries. */
  signals: DomainEvents;
  clientForAccount(accountId: string): UsersApiClient;
  /** What the workspace lets a person change: read with the profile now and then, shown with it. */
  rules: WorkspaceRules;
  log: Logger;
}

/**
 * `get` starts a background refresh only when the last attempt is older than this. Without
 * it, a window that re-reads the profile on every `profile.changed` would ask the server
 * again after each refresh, for ever.
 */
const backgroundEveryMs = 60_000;

/**
 * The signed-in user's own profile, cache first: `get` answers at once from SQLite and
 * starts a background refresh that announces `profile.changed` when the server answers.
 */
export class ProfileService {
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly lastError = new Map<string, string>();
  private readonly lastAttempt = new Map<string, number>();

  constructor(private readonly deps: ProfileDeps) {}

  get(accountId: string): ProfileView {
    this.deps.accounts.serverOf(accountId); // not-found for an account that is gone
    const view = this.view(accountId);
    const last = this.lastAttempt.get(accountId);
    // The cached profile answers now; the refresh logs its own failures and announces what changed.
    if (last === undefined || this.deps.clock.now() - last >= backgroundEveryMs) void this.refreshInBackground(accountId);
    return view;
  }

  /** Fetches now and answers with the fresh copy; on failure the cached copy stays as it was. */
  async refresh(accountId: string): Promise<ProfileView> {
    this.deps.accounts.serverOf(accountId);
    await this.refreshInBackground(accountId);
    const error = this.lastError.get(accountId);
    if (error && !this.deps.cache.get(accountId)) throw new AppFailure('network-unreachable', error);
    return this.view(accountId);
  }

  /**
   * Just signed in: login's reply carried /me, so the first copy of the profile needs only
   * users.info. Runs in the background; the window hears `profile.changed`.
   */
  signedIn(accountId: string, me: unknown): void {
    // A refresh still under way carries the session that just ended: its answer (a 401,
    // "your session has ended") must not be the last word, so the new session's comes after it.
    const running = this.refreshing.get(accountId) ?? Promise.resolve();
    // The same: queued behind a refresh already under way.
    void running.then(() => this.refreshInBackground(accountId, me));
  }

  /** The cached copy changed here without a fetch (the outbox settled confirmed edits into it). */
  cachedChanged(accountId: string): void {
    this.stored(accountId);
    this.deps.events.emit('profile.changed', { accountId });
  }

  /**
   * The server refused something as not allowed: its settings are read again now (a failure
   * only logged), and the window hears of any change.
   */
  async rereadWorkspace(serverId: string): Promise<void> {
    const changed = await this.deps.rules.refresh(serverId).catch((error: unknown) => {
      logFailure(this.deps.log, "reading the workspace's settings", error);
      return false;
    });
    if (changed) this.workspaceChanged(serverId);
  }

  /** The workspace's settings changed (read elsewhere): every profile on that server offers anew. */
  workspaceChanged(serverId: string): void {
    for (const account of this.deps.accounts.list().accounts) {
      if (account.serverId === serverId) this.deps.events.emit('profile.changed', { accountId: account.id });
    }
  }

  /** The names in the cached copy go to whoever shows them (the account list), so every place says the same. */
  private stored(accountId: string): void {
    const document = this.deps.cache.get(accountId)?.document;
    if (!document) return;
    const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
    this.deps.signals.emit('profileStored', { accountId, username: text(document.username), name: text(document.name) });
  }

  private view(accountId: string): ProfileView {
    const cached = this.deps.cache.get(accountId);
    return {
      accountId,
      profile: cached ? toUserProfile(cached.document) : null,
      fetchedAt: cached ? new Date(cached.fetchedAt).toISOString() : null,
      refreshError: this.lastError.get(accountId) ?? null,
      workspace: this.deps.rules.offers(this.deps.accounts.serverOf(accountId).id),
      revision: this.deps.events.revision('profile.changed', { accountId }),
    };
  }

  private refreshInBackground(accountId: string, knownMe?: unknown): Promise<void> {
    const running = this.refreshing.get(accountId);
    if (running) return running;
    this.lastAttempt.set(accountId, this.deps.clock.now());
    const work = this.fetchAndStore(accountId, knownMe).finally(() => this.refreshing.delete(accountId));
    this.refreshing.set(accountId, work);
    return work;
  }

  private async fetchAndStore(accountId: string, knownMe?: unknown): Promise<void> {
    try {
      const credentials = await this.deps.accounts.credentials(accountId);
      if (!credentials) {
        this.lastError.set(accountId, 'Signed out: showing what was saved before.');
        return;
      }
      const serverId = this.deps.accounts.serverOf(accountId).id;
      const [fetched] = await Promise.all([
        fetchOwnProfile(this.deps.clientForAccount(accountId), credentials, knownMe),
        // The offers may be a little old; the profile must not wait for them or fail with them.
        this.deps.rules
          .refreshIfStale(serverId)
          .catch((error: unknown) => logFailure(this.deps.log, "reading the workspace's settings", error)),
      ]);
      const document = sanitizeUser(fetched);
      this.deps.cache.put(accountId, {
        document,
        serverUpdatedAt: typeof document._updatedAt === 'string' ? document._updatedAt : null,
        fetchedAt: this.deps.clock.now(),
      });
      this.stored(accountId);
      this.lastError.delete(accountId);
    } catch (error) {
      // Runs in the background: nothing may escape as an unhandled rejection.
      logFailure(this.deps.log, 'refreshing the profile', error);
      this.lastError.set(accountId, failureWords(error) ?? 'The profile could not be refreshed.');
    } finally {
      this.deps.events.emit('profile.changed', { accountId });
    }
  }
}
