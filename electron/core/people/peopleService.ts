import { AppFailure } from '../../../shared/errors';
import type { LookupKey, LookupResult, RecentLookups } from '../../../shared/profileSchemas';
import type { AccountsService } from '../accounts/accountsService';
import type { Clock } from '../clock';
import { sanitizeUser } from '../profile/sanitizeUser';
import { toUserProfile } from '../profile/toUserProfile';
import { missingFeature, type Feature } from '../profile/workspacePolicy';
import type { WorkspaceRules } from '../profile/workspaceRules';
import { ApiFailure } from '../usersApi/apiFailure';
import { emailLookupAllowed } from '../usersApi/directoryApi';
import { usersInfoReplySchema } from '../usersApi/replySchemas';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';
import type { PeopleStore } from './peopleStore';

const keyWords: Record<LookupKey, string> = {
  userId: 'user ID',
  username: 'username',
  importId: 'import ID',
  email: 'email address',
  freeSwitchExtension: 'extension',
};

export interface PeopleDeps {
  store: PeopleStore;
  accounts: AccountsService;
  clock: Clock;
  clientForAccount(accountId: string): UsersApiClient;
  /** Which lookups the server's release has (by email and extension from 8.6). */
  rules: WorkspaceRules;
}

/** Lookup keys newer than users.info itself (docs/protocol.md §3). */
const newerKeys: Partial<Record<LookupKey, Feature>> = { email: 'lookupByEmail', freeSwitchExtension: 'lookupByExtension' };

/**
 * Looking people up on an account's server (users.info by exactly one key, docs/protocol.md §3).
 * Every answer is cached; when the server cannot be reached, the saved copy answers.
 */
export class PeopleService {
  constructor(private readonly deps: PeopleDeps) {}

  async lookup(asked: { accountId: string; key: LookupKey; value: string; includeRooms?: boolean }): Promise<LookupResult> {
    // The window writes usernames as "@name": one typed or pasted that way is the same username.
    const request = asked.key === 'username' ? { ...asked, value: withoutAt(asked.value) } : asked;
    const server = this.deps.accounts.serverOf(request.accountId);
    const feature = newerKeys[request.key];
    const unavailable = feature
      ? this.deps.rules.offers(server.id).lookupUnavailable[request.key as 'email' | 'freeSwitchExtension']
      : null;
    if (unavailable) throw new AppFailure('validation', unavailable, { fields: { key: unavailable } });
    const credentials = await this.deps.accounts.credentials(request.accountId);
    if (!credentials)
      return this.fromCache(
        server.id,
        request,
        new AppFailure('unauthorized', 'You are signed out of this account. Sign in again to look people up.'),
      );
    try {
      const reply = usersInfoReplySchema.safeParse(
        await this.deps.clientForAccount(request.accountId).request({
          path: '/api/v1/users.info',
          auth: credentials,
          query: { [request.key]: request.value, includeUserRooms: request.includeRooms ? 'true' : undefined },
        }),
      );
      if (!reply.success) throw new AppFailure('server-error', 'The server sent user details the app cannot read.');
      const document = sanitizeUser(reply.data.user) as Record<string, unknown> & { _id: string };
      const now = this.deps.clock.now();
      this.deps.store.save(server.id, document, now, true);
      return this.result(document, now, false);
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'validation' && /not found/i.test(error.message)) {
        if (request.key === 'email') await this.refuseHiddenEmail(request.accountId, server.name, credentials, request.value);
        throw new AppFailure('not-found', `No one on this server has that ${keyWords[request.key]}.`);
      }
      // A release the app did not know, older than the key: its validator lists the keys it has.
      if (feature && error instanceof ApiFailure && /invalid-params/.test(error.details.serverCode ?? '')) {
        const words = missingFeature(feature, this.deps.rules.release(server.id));
        throw new AppFailure('validation', words, { fields: { key: words } });
      }
      if (
        error instanceof ApiFailure &&
        (error.code === 'network-unreachable' || error.code === 'timeout' || error.code === 'server-error')
      ) {
        return this.fromCache(server.id, request, error);
      }
      throw error;
    }
  }

  /**
   * Without view-full-other-user-info the server finds no one by email but the caller (docs/protocol.md §3):
   * "no one has it" would be a guess, so the answer says what is true instead.
   */
  private async refuseHiddenEmail(accountId: string, serverName: string, credentials: Credentials, email: string): Promise<void> {
    if (await emailLookupAllowed(this.deps.clientForAccount(accountId), credentials, email)) return;
    throw new AppFailure(
      'not-found',
      `${serverName} shows email addresses only to people allowed to see everyone's full details, and this account is not, so it cannot say whether anyone has that address. Look them up by username, or search the directory by name.`,
    );
  }

  recent(accountId: string): RecentLookups {
    const server = this.deps.accounts.serverOf(accountId);
    return {
      people: this.deps.store.recent(server.id).map((person) => ({ ...person, lookedUpAt: new Date(person.lookedUpAt).toISOString() })),
    };
  }

  private fromCache(serverId: string, request: { key: LookupKey; value: string }, failure: unknown): LookupResult {
    const cached = this.deps.store.findCached(serverId, request.key, request.value);
    if (!cached) throw failure;
    return this.result(cached.document, cached.fetchedAt, true);
  }

  private result(document: Record<string, unknown>, fetchedAt: number, fromCache: boolean): LookupResult {
    const person = toUserProfile(document);
    if (!person) throw new AppFailure('server-error', 'The server sent user details the app cannot read.');
    return { person, fetchedAt: new Date(fetchedAt).toISOString(), fromCache };
  }
}

/** "@name" and "name" are the same username: the "@" is how the window writes one. */
export function withoutAt(value: string): string {
  return value.trim().replace(/^@+/, '');
}
