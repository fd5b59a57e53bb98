import { outboxFieldLabel } from '../../../shared/outboxFields';
import type { AccountDeletionResult, AccountDeletionView } from '../../../shared/accountDeletionSchemas';
import type { AccountSummary } from '../../../shared/accountSchemas';
import { AppFailure } from '../../../shared/errors';
import type { AccountsService } from '../accounts/accountsService';
import { failureWords } from '../log/logFailure';
import { sanitizeUser } from '../profile/sanitizeUser';
import { isOn } from '../profile/workspacePolicy';
import type { WorkspaceRules } from '../profile/workspaceRules';
import { deleteOwnAccount, lastOwnerDetails } from '../usersApi/accountDeletionApi';
import { ApiFailure } from '../usersApi/apiFailure';
import { fetchCurrentMe } from '../usersApi/profileApi';
import type { UsersApiClient } from '../usersApi/usersApiClient';
import { factorsOf } from './secondFactors';
import { accountLabel } from '../../../shared/accountLabel';

export interface AccountDeletionDeps {
  accounts: AccountsService;
  rules: WorkspaceRules;
  clientForAccount(accountId: string): UsersApiClient;
  isOnline(accountId: string): boolean;
  /** The fields of the account's edits the server has not taken yet (the sync module's outbox). */
  unsentEdits(accountId: string): string[];
}

/** What the person reads where the workspace keeps its accounts (Accounts_AllowDeleteOwnAccount off, its default). */
export const deletionNotAllowed = 'This workspace does not allow you to delete your own account. Ask its administrators.';

/**
 * "Delete my account" (docs/protocol.md §6 "Deleting one's own account"): offered only where
 * the workspace allows it, confirmed with the password (the username for an account without
 * one) in the first and only request. The server's "last owner of rooms" answer comes back as
 * a question; the person's yes resends with confirmRelinquish. Once the server has deleted the
 * account, the accounts module forgets everything of it on this computer (D91).
 */
export class AccountDeletionService {
  constructor(private readonly deps: AccountDeletionDeps) {}

  async view(accountId: string): Promise<AccountDeletionView> {
    const account = this.summary(accountId);
    const base = { accountId, accountLabel: accountLabel(account), losses: this.losses(account) };
    const closed = (reason: string): AccountDeletionView => ({ ...base, available: false, reason, confirmWith: 'password' });
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) return closed('You are signed out of this account. Sign in again to delete it.');
    if (!this.deps.isOnline(accountId)) return closed(this.unreachable(account));
    try {
      // A "no" (or a copy read before the app asked for this setting) is checked with the server now: an administrator may have just allowed it.
      if (isOn(this.deps.rules.settings(account.serverId), 'Accounts_AllowDeleteOwnAccount'))
        await this.deps.rules.refreshIfStale(account.serverId);
      else await this.deps.rules.refresh(account.serverId);
      if (!isOn(this.deps.rules.settings(account.serverId), 'Accounts_AllowDeleteOwnAccount')) return closed(deletionNotAllowed);
      const document = sanitizeUser(await fetchCurrentMe(this.deps.clientForAccount(accountId), credentials));
      const confirmWith = factorsOf(document, this.deps.rules.settings(account.serverId)).password ? 'password' : 'username';
      return { ...base, available: true, reason: null, confirmWith };
    } catch (error) {
      return closed(failureWords(error) ?? this.unreachable(account));
    }
  }

  async delete(accountId: string, confirmation: string, confirmRelinquish: boolean): Promise<AccountDeletionResult> {
    const account = this.summary(accountId);
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) throw new AppFailure('unauthorized', 'You are signed out of this account. Sign in again first.');
    if (!this.deps.isOnline(accountId)) throw new AppFailure('network-unreachable', this.unreachable(account));
    if (!confirmation) {
      throw new AppFailure('validation', 'Confirm it is you first.', { fields: { confirmation: 'Type it to confirm.' } });
    }
    try {
      await deleteOwnAccount(this.deps.clientForAccount(accountId), credentials, confirmation, confirmRelinquish);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      const code = error.details.serverCode;
      if (code === 'user-last-owner') return lastOwnerQuestion(error.details.serverDetails);
      if (code === 'error-not-allowed') throw new AppFailure('unauthorized', deletionNotAllowed);
      if (code === 'error-invalid-password' || code === 'error-invalid-username') {
        const words = code === 'error-invalid-password' ? 'Your password is not right.' : 'That is not your username.';
        throw new AppFailure('validation', words, { fields: { confirmation: words } });
      }
      throw error;
    }
    await this.deps.accounts.forgetDeleted(accountId);
    return { deleted: true, message: `${accountLabel(account)} is deleted, and nothing of it is left on this computer.` };
  }

  private losses(account: AccountSummary): string[] {
    const unsent = [...new Set(this.deps.unsentEdits(account.id).map(outboxFieldLabel))];
    return [
      `The account ${account.username} on ${account.serverName}, for good: the server removes it with your messages as the workspace decides.`,
      ...(unsent.length > 0 ? [`Your unsent changes (${unsent.join(', ')}): they are never sent.`] : []),
      'Everything this app keeps of it on this computer: its sign-in in the keychain, its profile and picture, its history of changes, and the people you looked up there when no other account here uses that server.',
    ];
  }

  private summary(accountId: string): AccountSummary {
    const account = this.deps.accounts.list().accounts.find((a) => a.id === accountId);
    if (!account) throw new AppFailure('not-found', 'This account is no longer in the app.');
    return account;
  }

  private unreachable(account: AccountSummary): string {
    return `${account.serverName} cannot be reached now. Deleting your account needs the server, so it is off until it is back.`;
  }
}

/** The server's `user-last-owner` in words: which rooms pass to another member, which go (apps/meteor/server/lib/users/deleteUser.ts). */
function lastOwnerQuestion(details: unknown): AccountDeletionResult {
  const { shouldChangeOwner, shouldBeRemoved } = lastOwnerDetails.parse(details);
  const parts = [
    shouldChangeOwner.length > 0 && `${list(shouldChangeOwner)} will pass to another member`,
    shouldBeRemoved.length > 0 &&
      `${list(shouldBeRemoved)} will be deleted, as nobody else is left in ${shouldBeRemoved.length > 1 ? 'them' : 'it'}`,
  ].filter(Boolean);
  return {
    deleted: false,
    message: `You are the last owner of ${shouldChangeOwner.length + shouldBeRemoved.length > 1 ? 'some rooms' : 'a room'}. If you delete your account, ${parts.join(', and ')}. Your account is not deleted yet.`,
    shouldChangeOwner,
    shouldBeRemoved,
  };
}

function list(names: string[]): string {
  const quoted = names.map((n) => `“${n}”`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : quoted[0]!;
}
