import { checkCustomValue, type CustomFieldDefinition } from '../../../shared/customFields';
import { AppFailure } from '../../../shared/errors';
import type { OutboxItem, OutboxView, ProfileEditRequest } from '../../../shared/outboxSchemas';
import {
  basicFields,
  checkChanges,
  checkField,
  customKeyOf,
  editableValue,
  fieldLimits,
  flattenChanges,
  isCustomField,
  type EditField,
  type FieldEdit,
  type StatusType,
} from '../../../shared/profileEdits';
import type { LockedThing } from '../../../shared/profileSchemas';
import type { AccountsService } from '../accounts/accountsService';
import type { Clock } from '../clock';
import type { CoreEvents } from '../coreEvents';
import { logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import { isPreferenceField } from '../../../shared/preferences';
import type { PreferencesService } from '../profile/preferencesService';
import type { ProfileCache } from '../profile/profileCache';
import type { ProfileService } from '../profile/profileService';
import { invisibleNotAllowed } from '../profile/workspacePolicy';
import type { WorkspaceRules } from '../profile/workspaceRules';
import { ApiFailure } from '../usersApi/apiFailure';
import type { UsersApiClient } from '../usersApi/usersApiClient';
import { usernameRefusal } from './fieldErrors';
import type { OutboxSender } from './outboxSender';
import type { OutboxRow, OutboxStore } from './outboxStore';
import type { UsernameAvailability } from './usernameAvailability';

/**
 * Fields one account may have waiting in the outbox: every basic field and the most custom
 * fields one edit may carry, twice over. Bounds what an endless run of edits (each within
 * the contract) can pile up, so a send never has to carry an unbounded set.
 */
export const maxQueuedFields = 2 * (basicFields.length + fieldLimits.customFieldsPerEdit);

export interface EditServiceDeps {
  store: OutboxStore;
  sender: OutboxSender;
  cache: ProfileCache;
  profiles: ProfileService;
  preferences: PreferencesService;
  accounts: AccountsService;
  clock: Clock;
  events: CoreEvents;
  clientForAccount(accountId: string): UsersApiClient;
  isOnline(accountId: string): boolean;
  availability: UsernameAvailability;
  /** What the workspace lets a person change: edits of anything else are refused before they are queued. */
  rules: WorkspaceRules;
  log: Logger;
}

/**
 * Profile edits as the person makes them: checked with the server's rules, saved in the
 * outbox before any network call (against the values they were looking at), then handed
 * to the sender. Also the outbox's face: its view, retry, discard and conflict choices.
 */
export class EditService {
  constructor(private readonly deps: EditServiceDeps) {}

  async edit(request: ProfileEditRequest): Promise<OutboxView> {
    const { accountId } = request;
    this.deps.accounts.serverOf(accountId);
    const changes = flattenChanges(request.changes);
    const problems: Record<string, string> = {
      ...checkChanges(Object.fromEntries(changes.map((c) => [c.field, c.value]))),
      ...this.forbidden(accountId, changes),
    };
    if (Object.keys(problems).length > 0) {
      throw new AppFailure('validation', 'Some fields need attention.', { fields: problems });
    }
    const cached = this.deps.cache.get(accountId);
    if (!cached)
      throw new AppFailure(
        'validation',
        'Your profile has not been loaded from the server yet, so there is nothing to edit. Refresh it first.',
      );
    const username = changes.find((c) => c.field === 'username');
    const current = editableValue(cached.document, 'username');
    if (username && current !== '' && username.value.toLowerCase() !== current.toLowerCase()) {
      // Asked now when online; offline (null) the sender asks again before sending.
      const verdict = await this.checkUsername(accountId, username.value);
      if (verdict.available === false && verdict.problem)
        throw new AppFailure('validation', verdict.problem, { fields: { username: verdict.problem } });
    }
    // Preferences are bounded by their own list; only profile fields count here.
    const waiting = new Set(
      this.deps.store
        .rows(accountId)
        .map((row) => row.field)
        .filter((field) => !isPreferenceField(field)),
    );
    const added = new Set(changes.filter((change) => !waiting.has(change.field)).map((change) => change.field)).size;
    if (waiting.size + added > maxQueuedFields) {
      throw new AppFailure(
        'validation',
        `${waiting.size} edited fields are already waiting to reach the server. Let them be sent (or discard some in Activity) before changing more.`,
      );
    }
    this.deps.store.queue(
      accountId,
      changes.map((change) => ({ ...change, base: editableValue(cached.document, change.field) })),
      this.deps.clock.now(),
    );
    this.deps.events.emit('sync.changed', { accountId });
    this.deps.sender.kick(accountId);
    return this.view(accountId);
  }

  setStatus(accountId: string, status: StatusType, text: string): Promise<OutboxView> {
    return this.edit({ accountId, changes: { statusType: status, statusText: text } });
  }

  /** For typing feedback (and the edit after it): null availability when it cannot be asked now (offline). */
  async checkUsername(accountId: string, username: string): Promise<{ available: boolean | null; problem: string | null }> {
    const problem = checkField('username', username);
    if (problem) return { available: false, problem };
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials || !this.deps.isOnline(accountId)) return { available: null, problem: null };
    // An account without a username cannot ask: the route refuses it (docs/protocol.md §6); saving answers instead.
    if (!hasUsername(this.deps.cache.get(accountId)?.document)) return { available: null, problem: null };
    try {
      const available = await this.deps.availability.isFree(accountId, this.deps.clientForAccount(accountId), credentials, username);
      return { available, problem: available ? null : `The username “${username}” is taken or not allowed on this server.` };
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      const refused = usernameRefusal(error);
      if (refused && error.details.serverCode === 'error-not-allowed')
        await this.deps.profiles.rereadWorkspace(this.deps.accounts.serverOf(accountId).id);
      return { available: refused ? false : null, problem: refused };
    }
  }

  /**
   * Changes of what the workspace does not let a person change (as last read), with the sentence
   * saying so. A value kept as it is (the status picker sends the message with the status) is no change.
   */
  private forbidden(accountId: string, changes: readonly FieldEdit[]): Record<string, string> {
    const offers = this.deps.rules.offers(this.deps.accounts.serverOf(accountId).id);
    const current = this.deps.cache.get(accountId)?.document ?? {};
    const problems: Record<string, string> = {};
    for (const { field, value } of changes) {
      if (editableValue(current, field) === value) continue;
      const lock = field === 'statusType' ? null : offers.locked[isCustomField(field) ? 'customFields' : (field as LockedThing)];
      if (lock) problems[field] = lock;
      else if (field === 'statusType' && !(offers.statuses as readonly string[]).includes(value)) problems[field] = invisibleNotAllowed;
      else {
        const problem = this.customProblem(offers.customFields, field, value);
        if (problem) problems[field] = problem;
      }
    }
    return problems;
  }

  /**
   * What the workspace's definition says of a custom field's value, as the server would check it
   * (docs/protocol.md §4 step 11); nothing while the definition is unknown. A field it does not
   * define would be dropped without a word, so it is not queued.
   */
  private customProblem(definitions: CustomFieldDefinition[] | undefined, field: EditField, value: string): string | null {
    const key = customKeyOf(field);
    if (key === null || !definitions) return null;
    const definition = definitions.find((candidate) => candidate.key === key);
    return definition ? checkCustomValue(definition, value) : `This workspace has no field “${key}”: the server would not keep it.`;
  }

  view(accountId: string): OutboxView {
    this.deps.accounts.serverOf(accountId);
    const now = this.deps.clock.now();
    return {
      accountId,
      items: this.deps.store.rows(accountId).map((row) => toItem(row, now)),
      history: this.deps.store.history(accountId),
      revision: this.deps.events.revision('sync.changed', { accountId }),
    };
  }

  retry(accountId: string, itemId: number): OutboxView {
    this.own(accountId, itemId);
    this.deps.store.retry(itemId, this.deps.clock.now());
    return this.afterChange(accountId);
  }

  discard(accountId: string, itemId: number): OutboxView {
    this.own(accountId, itemId);
    this.deps.store.drop(itemId, 'discarded', this.deps.clock.now());
    return this.afterChange(accountId);
  }

  async resolve(accountId: string, itemId: number, keep: 'mine' | 'theirs'): Promise<OutboxView> {
    const row = this.own(accountId, itemId);
    if (row.state !== 'conflict') throw new AppFailure('validation', 'This edit is not waiting for a decision any more.');
    if (keep === 'mine') {
      this.deps.store.keepMine(itemId, this.deps.clock.now());
    } else {
      this.deps.store.drop(itemId, 'took-theirs', this.deps.clock.now());
      // The cache may still show the old value: bring it to the server's.
      const refreshed = isPreferenceField(row.field) ? this.deps.preferences.refresh(accountId) : this.deps.profiles.refresh(accountId);
      await refreshed.catch((error: unknown) => logFailure(this.deps.log, 'refreshing after keeping the server value', error));
    }
    return this.afterChange(accountId);
  }

  private afterChange(accountId: string): OutboxView {
    this.deps.events.emit('sync.changed', { accountId });
    this.deps.sender.kick(accountId);
    return this.view(accountId);
  }

  private own(accountId: string, itemId: number): OutboxRow {
    const row = this.deps.store.row(itemId);
    if (!row || row.accountId !== accountId) throw new AppFailure('not-found', 'That edit is no longer in the outbox.');
    return row;
  }
}

function toItem(row: OutboxRow, now: number): OutboxItem {
  const waiting = row.state === 'pending' && row.notBefore !== null && row.notBefore > now;
  return {
    id: row.id,
    field: row.field,
    value: row.value,
    base: row.base,
    theirs: row.theirs,
    state: waiting ? 'waiting' : row.state,
    notBefore: waiting ? new Date(row.notBefore!).toISOString() : null,
    error: row.error,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** Whether the cached profile holds a username: accounts made by single sign-on may have none yet. */
function hasUsername(document: Record<string, unknown> | undefined): boolean {
  return typeof document?.username === 'string' && document.username !== '';
}
