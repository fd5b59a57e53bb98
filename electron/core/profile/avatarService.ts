import type { AvatarView } from '../../../shared/profileSchemas';
import type { AccountsService } from '../accounts/accountsService';
import type { Clock } from '../clock';
import type { CoreEvents } from '../coreEvents';
import { logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import { ApiFailure } from '../usersApi/apiFailure';
import { fetchAvatar } from '../usersApi/avatarApi';
import type { UsersApiClient } from '../usersApi/usersApiClient';
import type { AvatarCache } from './avatarCache';

export interface AvatarDeps {
  cache: AvatarCache;
  accounts: AccountsService;
  clock: Clock;
  events: CoreEvents;
  clientForAccount(accountId: string): UsersApiClient;
  log: Logger;
}

/** A cached avatar younger than this is shown without asking the server. */
const freshForMs = 15 * 60_000;

/**
 * Avatars, cache first: the saved image is answered at once (offline too) and, when it
 * is missing, old, or the server's avatarETag says it changed, checked in the background
 * with If-Modified-Since; new bytes are announced as `avatar.changed`.
 */
export class AvatarService {
  private readonly checking = new Map<string, Promise<void>>();

  constructor(private readonly deps: AvatarDeps) {}

  get(accountId: string, username: string, etag?: string): AvatarView {
    const serverId = this.deps.accounts.serverOf(accountId).id;
    const cached = this.deps.cache.get(serverId, username);
    const stale = !cached || (etag !== undefined && etag !== cached.etag) || this.deps.clock.now() - cached.fetchedAt > freshForMs;
    // The cached picture answers now; check() logs its own failures and announces a new picture.
    if (stale) void this.check(accountId, serverId, username, etag ?? null);
    return {
      username,
      dataUrl: cached ? `data:${cached.contentType};base64,${cached.bytes.toString('base64')}` : null,
      fetchedAt: cached ? new Date(cached.fetchedAt).toISOString() : null,
    };
  }

  /** Checks now (after an avatar upload, say) and settles when the cache is up to date. */
  refresh(accountId: string, username: string): Promise<void> {
    return this.check(accountId, this.deps.accounts.serverOf(accountId).id, username, null, true);
  }

  private check(accountId: string, serverId: string, username: string, etag: string | null, force = false): Promise<void> {
    const key = `${serverId}\n${username}`;
    const running = this.checking.get(key);
    if (running && !force) return running;
    const work = this.fetchAndStore(accountId, serverId, username, etag, force).finally(() => this.checking.delete(key));
    this.checking.set(key, work);
    return work;
  }

  private async fetchAndStore(accountId: string, serverId: string, username: string, etag: string | null, force: boolean): Promise<void> {
    try {
      const credentials = await this.deps.accounts.credentials(accountId);
      if (!credentials) return;
      const cached = this.deps.cache.get(serverId, username);
      const since = force ? null : (cached?.lastModified ?? null);
      const reply = await fetchAvatar(this.deps.clientForAccount(accountId), credentials, username, since);
      const now = this.deps.clock.now();
      if (!reply.changed) {
        this.deps.cache.confirm(serverId, username, now, etag);
        return;
      }
      const same = cached && cached.contentType === reply.contentType && cached.bytes.equals(reply.bytes);
      this.deps.cache.put(serverId, username, {
        contentType: reply.contentType,
        bytes: reply.bytes,
        lastModified: reply.lastModified,
        etag,
        fetchedAt: now,
      });
      if (!same) this.deps.events.emit('avatar.changed', { serverId, username });
    } catch (error) {
      // A background check: the saved image stays (an ended session was noted where the 401 arrived).
      if (!(error instanceof ApiFailure && error.details.status === 401)) logFailure(this.deps.log, 'checking an avatar', error);
    }
  }
}
