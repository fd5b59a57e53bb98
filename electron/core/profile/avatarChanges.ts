import { AppFailure } from '../../../shared/errors';
import type { AccountsService } from '../accounts/accountsService';
import { logFailure } from '../log/logFailure';
import { ApiFailure } from '../usersApi/apiFailure';
import type { Logger } from '../log/logger';
import { resetAvatar, uploadAvatar } from '../usersApi/profileEditApi';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';
import { avatarImageProblem } from './avatarImage';
import type { AvatarService } from './avatarService';
import type { ProfileService } from './profileService';
import type { WorkspaceRules } from './workspaceRules';

export interface AvatarChangeDeps {
  accounts: AccountsService;
  avatars: AvatarService;
  profiles: ProfileService;
  rules: WorkspaceRules;
  clientForAccount(accountId: string): UsersApiClient;
  isOnline(accountId: string): boolean;
  log: Logger;
}

/**
 * Changing one's avatar: an upload checked before it leaves (type and size), or back to
 * the server's default. Online only — an avatar change is never queued — and afterwards
 * the cached image and profile are brought up to date.
 */
export class AvatarChanges {
  constructor(private readonly deps: AvatarChangeDeps) {}

  upload(accountId: string, base64: string, contentType: string): Promise<Record<string, never>> {
    const bytes = Buffer.from(base64, 'base64');
    const problem = avatarImageProblem(bytes, contentType);
    if (problem) throw new AppFailure('validation', problem, { fields: { avatar: problem } });
    return this.change(accountId, (client, credentials) => uploadAvatar(client, credentials, bytes, contentType));
  }

  reset(accountId: string): Promise<Record<string, never>> {
    return this.change(accountId, resetAvatar);
  }

  private async change(
    accountId: string,
    send: (client: UsersApiClient, credentials: Credentials) => Promise<void>,
  ): Promise<Record<string, never>> {
    const server = this.deps.accounts.serverOf(accountId);
    const locked = this.deps.rules.offers(server.id).locked.avatar;
    if (locked) throw new AppFailure('validation', locked, { fields: { avatar: locked } });
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) throw new AppFailure('unauthorized', 'Sign in again to change your avatar.');
    if (!this.deps.isOnline(accountId)) {
      throw new AppFailure(
        'network-unreachable',
        `Changing the avatar needs ${server.name}, which cannot be reached now. Try again when it is back.`,
      );
    }
    try {
      await send(this.deps.clientForAccount(accountId), credentials);
    } catch (error) {
      // Refused as not allowed: the workspace changed its mind since the app last read it.
      if (error instanceof ApiFailure && error.details.serverCode === 'error-not-allowed') {
        await this.deps.profiles.rereadWorkspace(server.id);
        const words = this.deps.rules.offers(server.id).locked.avatar ?? 'This workspace does not allow changing your avatar.';
        throw new AppFailure('validation', words, { fields: { avatar: words } });
      }
      throw error;
    }
    const username = this.deps.accounts.list().accounts.find((account) => account.id === accountId)?.username;
    if (username) await this.deps.avatars.refresh(accountId, username);
    await this.deps.profiles
      .refresh(accountId)
      .catch((error: unknown) => logFailure(this.deps.log, 'refreshing the profile after an avatar change', error));
    return {};
  }
}
