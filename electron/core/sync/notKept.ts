import { notKeptReason } from '../../../shared/customFields';
import { customKeyOf, editableValue, type EditField } from '../../../shared/profileEdits';
import type { AccountsService } from '../accounts/accountsService';
import { logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import type { ProfileService } from '../profile/profileService';
import type { WorkspaceRules } from '../profile/workspaceRules';
import { fetchCurrentMe } from '../usersApi/profileApi';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';

export interface NotKeptDeps {
  accounts: AccountsService;
  profiles: ProfileService;
  rules: WorkspaceRules;
  log: Logger;
}

/**
 * The custom fields the server answered "success" for but does not hold afterwards (Rocket.Chat
 * drops the fields its workspace does not define without a word, docs/protocol.md §4 step 11),
 * each with the reason. Read from the reply, or from /me when the reply does not say; the
 * workspace's definition is read again first, so the reason is today's.
 */
export async function customFieldsNotKept<R extends { field: EditField; value: string }>(
  deps: NotKeptDeps,
  accountId: string,
  client: UsersApiClient,
  credentials: Credentials,
  rows: R[],
  replied: Record<string, unknown> | null,
): Promise<{ row: R; reason: string }[]> {
  const custom = rows.filter((row) => customKeyOf(row.field) !== null);
  if (custom.length === 0) return [];
  let kept = replied;
  if (kept === null) {
    try {
      kept = (await fetchCurrentMe(client, credentials)).customFields ?? {};
    } catch (error) {
      // Unknown either way: the success the server answered stands.
      logFailure(deps.log, 'reading the profile after a save', error);
      return [];
    }
  }
  const held = { customFields: kept };
  const lost = custom.filter((row) => editableValue(held, row.field) !== row.value);
  if (lost.length === 0) return [];
  const serverId = deps.accounts.serverOf(accountId).id;
  await deps.profiles.rereadWorkspace(serverId);
  const definitions = deps.rules.offers(serverId).customFields;
  return lost.map((row) => ({ row, reason: notKeptReason(customKeyOf(row.field)!, definitions) }));
}
