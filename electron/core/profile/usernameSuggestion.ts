import type { UsernameSuggestion } from '../../../shared/accountDataSchemas';
import { AppFailure } from '../../../shared/errors';
import type { AccountsService } from '../accounts/accountsService';
import { getUsernameSuggestion } from '../usersApi/accountDataApi';
import { ApiFailure } from '../usersApi/apiFailure';
import type { UsersApiClient } from '../usersApi/usersApiClient';
import type { ProfileCache } from './profileCache';
import type { WorkspaceRules } from './workspaceRules';

export interface UsernameSuggestionDeps {
  accounts: AccountsService;
  cache: ProfileCache;
  rules: WorkspaceRules;
  clientForAccount(accountId: string): UsersApiClient;
  isOnline(accountId: string): boolean;
}

/**
 * A username for an account that has none yet (made by single sign-on, say), asked of the server
 * (docs/protocol.md §6). Only a suggestion: the window fills it into the editor and the usual
 * edit path (outbox → users.updateOwnBasicInfo) sets it, so it is checked, queued and synced
 * like any username change.
 */
export class UsernameSuggestions {
  constructor(private readonly deps: UsernameSuggestionDeps) {}

  async suggest(accountId: string): Promise<UsernameSuggestion> {
    const server = this.deps.accounts.serverOf(accountId);
    const document = this.deps.cache.get(accountId)?.document ?? {};
    if (typeof document.username === 'string' && document.username !== '')
      throw new AppFailure('validation', `This account has a username already: ${document.username}.`);
    const locked = this.deps.rules.offers(server.id).locked.username;
    if (locked) throw new AppFailure('unauthorized', locked);
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) throw new AppFailure('unauthorized', 'You are signed out of this account. Sign in again to get a suggestion.');
    if (!this.deps.isOnline(accountId))
      throw new AppFailure(
        'network-unreachable',
        `${server.name} cannot be reached now. Type a username yourself, or ask again when it is back.`,
      );
    let suggestion: string | null;
    try {
      suggestion = await getUsernameSuggestion(this.deps.clientForAccount(accountId), credentials);
    } catch (error) {
      if (error instanceof ApiFailure && error.message === 'No username suggestion found') suggestion = null;
      else throw error;
    }
    if (!suggestion) throw new AppFailure('not-found', `${server.name} has no username to suggest. Type one yourself.`);
    return { suggestion, message: `${server.name} suggests “${suggestion}”. Change it if you like, then save.` };
  }
}
