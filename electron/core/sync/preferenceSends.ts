import {
  decodePreference,
  encodePreference,
  isPreferenceField,
  preferenceKeyOf,
  preferenceWords,
  specOf,
  type PreferenceField,
} from '../../../shared/preferences';
import type { Clock } from '../clock';
import { logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import type { PreferencesService } from '../profile/preferencesService';
import { ApiFailure } from '../usersApi/apiFailure';
import { fetchPreferences, setPreferences } from '../usersApi/preferencesApi';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';
import type { OutboxRow, OutboxStore } from './outboxStore';

export type PreferenceRow = OutboxRow<PreferenceField>;

export function isPreferenceRow(row: OutboxRow): row is PreferenceRow {
  return isPreferenceField(row.field);
}

/** What the outbox sender lends this path: its store, its words for the person, its retry rules. */
export interface PreferenceSendDeps {
  store: OutboxStore;
  preferences: PreferencesService;
  clock: Clock;
  log: Logger;
  attention(accountId: string, kind: 'conflict' | 'failed', message: string): void;
  changed(accountId: string): void;
  /** Network trouble, a 429, a 5xx or an ended session: the rows wait (the sender's rules). */
  putBack(accountId: string, rows: OutboxRow[], error: unknown): Promise<void>;
  /** Rows were edited while they were being taken: another round follows. */
  again(accountId: string): void;
  sent(accountId: string): void;
  newAttempt(): string;
}

/**
 * Sends an account's queued preference edits (docs/sync.md "Sync", docs/decisions.md D94): the server's
 * preferences are read once and compared per key as profile fields are (done, send, or a
 * conflict), and everything left goes in one users.setPreferences with only those keys —
 * the server sets each on its own and needs no other (docs/protocol.md §6 "Preferences").
 */
export async function sendPreferenceRows(
  deps: PreferenceSendDeps,
  accountId: string,
  client: UsersApiClient,
  credentials: Credentials,
  due: readonly PreferenceRow[],
): Promise<void> {
  let server: Record<string, unknown>;
  try {
    server = await fetchPreferences(client, credentials);
  } catch (error) {
    await deps.putBack(accountId, [...due], error);
    return;
  }
  const now = deps.clock.now();
  const ids = new Set(due.map((row) => row.id));
  // Read again: the person may have edited while the read was on its way.
  const fresh = deps.store
    .rows(accountId)
    .filter((row): row is PreferenceRow => ids.has(row.id) && row.state === 'pending' && isPreferenceRow(row));
  const toSend: PreferenceRow[] = [];
  const alreadyThere: PreferenceRow[] = [];
  for (const row of fresh) {
    const key = preferenceKeyOf(row.field);
    const theirs = encodePreference(server[key]);
    if (theirs === row.value) alreadyThere.push(row);
    else if (theirs === row.base || theirs === row.sentValue) toSend.push({ ...row, base: theirs });
    else {
      deps.store.conflict(row.id, theirs, now);
      deps.attention(
        accountId,
        'conflict',
        `${specOf(key).label} was changed on the server too (to “${preferenceWords(key, theirs)}”). Choose which to keep in Activity.`,
      );
    }
  }
  settle(deps, accountId, alreadyThere, 'already-there');
  if (toSend.length === 0) return;

  const attempt = deps.newAttempt();
  const taken = deps.store.markSending(toSend, attempt, now);
  if (taken.length < toSend.length) deps.again(accountId);
  deps.changed(accountId);
  if (taken.length === 0) return;
  const data = Object.fromEntries(taken.map((row) => [preferenceKeyOf(row.field), decodePreference(row.value)]));
  try {
    await setPreferences(client, credentials, data);
    deps.sent(accountId);
    settle(deps, accountId, taken, 'saved');
  } catch (error) {
    if (!(error instanceof ApiFailure) || !isRefusal(error)) {
      await deps.putBack(accountId, taken, error);
      return;
    }
    await onRefusal(deps, accountId, client, credentials, attempt, taken, error);
  }
}

function settle(deps: PreferenceSendDeps, accountId: string, rows: PreferenceRow[], outcome: 'saved' | 'already-there'): void {
  if (rows.length === 0) return;
  deps.store.settle(accountId, rows, outcome, deps.clock.now());
  deps.preferences.cachedChanged(accountId);
}

/** A 400 or 403 that is the server's answer to this edit (not the network, a limit or an ended session). */
function isRefusal(error: ApiFailure): boolean {
  const status = error.details.status ?? 0;
  return error.code !== 'rate-limited' && (status === 400 || status === 403);
}

/**
 * The server said no. The whole request is checked before anything is set, so nothing was
 * applied, except what the person's other devices set meanwhile: read again and keep that;
 * the key the error names fails with words, or every key when it names none.
 */
async function onRefusal(
  deps: PreferenceSendDeps,
  accountId: string,
  client: UsersApiClient,
  credentials: Credentials,
  attempt: string,
  rows: PreferenceRow[],
  error: ApiFailure,
): Promise<void> {
  const current = await fetchPreferences(client, credentials).catch((failure: unknown) => {
    logFailure(deps.log, 'reading the preferences after a refused edit', failure);
    return null;
  });
  const applied = current ? rows.filter((row) => encodePreference(current[preferenceKeyOf(row.field)]) === row.value) : [];
  settle(deps, accountId, applied, 'saved');
  const open = rows.filter((row) => !applied.includes(row));
  const named =
    error.details.serverCode === 'invalid-idle-time-limit-value' ? open.filter((row) => row.field === 'preferences.idleTimeLimit') : [];
  const refused = named.length > 0 ? named : open;
  const words =
    named.length > 0
      ? 'The server wants an idle time of at least 60 seconds.'
      : error.details.status === 403
        ? 'This workspace does not let you change these preferences.'
        : `The server refused these preferences: ${error.message}`;
  const now = deps.clock.now();
  deps.store.fail(
    accountId,
    attempt,
    refused.map((row) => ({ ...row, error: words })),
    now,
  );
  if (refused.length > 0) deps.attention(accountId, 'failed', words);
  const innocent = open.filter((row) => !refused.includes(row));
  if (innocent.length > 0) {
    deps.store.release(
      innocent.map((row) => row.id),
      null,
      now,
    );
    deps.again(accountId);
  }
}
