import type { DataDownloadAnswer, DataDownloadView } from '../../../shared/accountDataSchemas';
import { AppFailure } from '../../../shared/errors';
import type { AccountsService } from '../accounts/accountsService';
import type { Handlers } from '../handlers';
import type { ProfileCache } from '../profile/profileCache';
import { isOff } from '../profile/workspacePolicy';
import type { WorkspaceRules } from '../profile/workspaceRules';
import { requestDataDownload } from '../usersApi/accountDataApi';
import { ApiFailure } from '../usersApi/apiFailure';
import type { UsersApiClient } from '../usersApi/usersApiClient';

export interface DataDownloadDeps {
  accounts: AccountsService;
  cache: ProfileCache;
  rules: WorkspaceRules;
  clientForAccount(accountId: string): UsersApiClient;
  isOnline(accountId: string): boolean;
}

/** What the person reads when the workspace switched UserData_EnableDownload off. */
export const downloadNotAllowed = 'This workspace does not allow downloading your data.';
const needsUsername = 'Choose a username first (Profile → Edit): the server takes this request only from accounts that have one.';

/**
 * "Download my data" (docs/protocol.md §6 "Downloading one's data"): the server prepares a file
 * and emails a link, so the app only asks and says what the server answered. Online only and
 * never queued, like the other requests on the Security screen.
 */
export class DataDownloadService {
  constructor(private readonly deps: DataDownloadDeps) {}

  async view(accountId: string): Promise<DataDownloadView> {
    const accountLabel = this.deps.accounts.labelOf(accountId);
    const closed = (reason: string): DataDownloadView => ({ accountId, accountLabel, available: false, reason });
    const blocked = await this.blocked(accountId);
    return blocked ? closed(blocked) : { accountId, accountLabel, available: true, reason: null };
  }

  async request(accountId: string, fullExport: boolean): Promise<DataDownloadAnswer> {
    const blocked = await this.blocked(accountId);
    if (blocked) throw new AppFailure(blocked === downloadNotAllowed ? 'unauthorized' : 'validation', blocked);
    const credentials = (await this.deps.accounts.credentials(accountId))!;
    const server = this.deps.accounts.serverOf(accountId).name;
    const what = fullExport ? 'all your data' : 'your messages';
    try {
      const reply = await requestDataDownload(this.deps.clientForAccount(accountId), credentials, fullExport);
      const requestedAt = reply.createdAt;
      if (reply.requested)
        return {
          outcome: 'requested',
          requestedAt,
          message: `Requested. ${server} prepares a file of ${what} and emails you a link when it is ready.`,
        };
      if (reply.url)
        return { outcome: 'ready', requestedAt, message: `The file of ${what} you asked for is ready: ${server} emailed you the link.` };
      return {
        outcome: 'already-requested',
        requestedAt,
        message: `A file of ${what} was already requested and is being prepared; ${server} emails you a link when it is ready. It takes one request a day.`,
      };
    } catch (error) {
      if (error instanceof ApiFailure && error.details.status === 403 && /must have a username/i.test(error.message))
        throw new AppFailure('validation', needsUsername);
      throw error;
    }
  }

  /** Why the request cannot be made now, in words; null when it can. */
  private async blocked(accountId: string): Promise<string | null> {
    const server = this.deps.accounts.serverOf(accountId);
    if (isOff(this.deps.rules.settings(server.id), 'UserData_EnableDownload')) return downloadNotAllowed;
    if (!(await this.deps.accounts.credentials(accountId)))
      return 'You are signed out of this account. Sign in again to ask for your data.';
    if (!this.deps.isOnline(accountId)) return `${server.name} cannot be reached now. Asking for your data needs the server.`;
    const username = this.deps.cache.get(accountId)?.document.username;
    if (typeof username !== 'string' || username === '') return needsUsername;
    return null;
  }
}

export function dataDownloadHandlers(downloads: DataDownloadService) {
  return {
    'security.dataDownload': ({ accountId }) => downloads.view(accountId),
    'security.requestDataDownload': ({ accountId, fullExport }) => downloads.request(accountId, fullExport),
  } satisfies Handlers;
}
