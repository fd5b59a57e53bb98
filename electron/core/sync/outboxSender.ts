import {
  editableValue,
  hasChosenStatus,
  isEditField,
  labelOf,
  statusBodyOf,
  statusFields,
  updateBodyOf,
  type EditField,
} from '../../../shared/profileEdits';
import type { AccountsService } from '../accounts/accountsService';
import { backoffMs } from '../backoff';
import type { Clock, Timer } from '../clock';
import type { CoreEvents } from '../coreEvents';
import { logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import type { PreferencesService } from '../profile/preferencesService';
import type { ProfileService } from '../profile/profileService';
import type { WorkspaceRules } from '../profile/workspaceRules';
import { ApiFailure } from '../usersApi/apiFailure';
import { fetchCurrentMe, type CurrentMe } from '../usersApi/profileApi';
import { setStatus, updateOwnBasicInfo } from '../usersApi/profileEditApi';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';
import { fieldOfFailure, refusalWords, usernameRefusal } from './fieldErrors';
import { customFieldsNotKept } from './notKept';
import type { OutboxRow, OutboxStore } from './outboxStore';
import type { UsernameAvailability } from './usernameAvailability';
import { nodeCrypto } from '../nodeBuiltins';
import { isPreferenceRow, sendPreferenceRows, type PreferenceSendDeps } from './preferenceSends';

/** A queued edit of a profile field (the rest of the outbox holds preferences). */
type ProfileRow = OutboxRow<EditField>;
const isProfileRow = (row: OutboxRow): row is ProfileRow => isEditField(row.field);

export interface OutboxSenderDeps {
  store: OutboxStore;
  accounts: AccountsService;
  profiles: ProfileService;
  preferences: PreferencesService;
  clock: Clock;
  events: CoreEvents;
  clientForAccount(accountId: string): UsersApiClient;
  isOnline(accountId: string): boolean;
  /** The availability answer the window already got while the person typed (asked once per value). */
  availability: UsernameAvailability;
  /** The workspace's custom field definitions: why a field the server did not keep was lost. */
  rules: WorkspaceRules;
  /** How long a request of a previous (crashed) process may still be in flight: its request timeout. */
  interruptedGraceMs: number;
  log: Logger;
}

/** After the server failed (5xx): the first wait before trying again, doubling up to 5 minutes. */
const failureBackoff = { baseMs: 15_000, maxMs: 300_000 };

/**
 * Sends each account's queued edits (docs/sync.md "Sync"). Before sending, the server's
 * current values are read: a field the server already has is done, a field still at the
 * edit's base is sent, and a field changed on both sides becomes a conflict for the
 * person. Waiting edits go in one request per endpoint. This check-before-send is also
 * what makes a restart after a crash safe: nothing is sent twice with stale data.
 */
export class OutboxSender {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, Timer>();
  private readonly failures = new Map<string, number>();
  private closed = false;

  constructor(private readonly deps: OutboxSenderDeps) {}

  /** Sends what is due for this account now, or right after the send under way. */
  kick(accountId: string): void {
    if (this.closed) return;
    if (this.running.has(accountId)) {
      this.again.add(accountId);
      return;
    }
    const work = this.loop(accountId)
      .catch((error: unknown) => {
        // After close the database is gone: a send stopped by it has nothing left to say.
        if (!this.closed) logFailure(this.deps.log, 'sending queued edits', error);
      })
      .finally(() => this.running.delete(accountId));
    this.running.set(accountId, work);
  }

  /** At start: rows left `sending` by a killed process are checked again, then everything due is sent. */
  start(): void {
    this.deps.store.recoverInterrupted(this.deps.clock.now() + this.deps.interruptedGraceMs);
    for (const accountId of this.deps.store.accountsWithWork()) this.kick(accountId);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) this.deps.clock.clearTimeout(timer);
    this.timers.clear();
  }

  private async loop(accountId: string): Promise<void> {
    do {
      this.again.delete(accountId);
      await this.sendDue(accountId);
    } while (this.again.has(accountId) && !this.closed);
  }

  private attention(accountId: string, kind: 'conflict' | 'failed', message: string): void {
    if (!this.closed) this.deps.events.emit('sync.attention', { accountId, kind, message });
  }

  private changed(accountId: string): void {
    if (!this.closed) this.deps.events.emit('sync.changed', { accountId });
  }

  private async sendDue(accountId: string): Promise<void> {
    const now = this.deps.clock.now();
    const pending = this.deps.store.rows(accountId).filter((row) => row.state === 'pending');
    const due = pending.filter((row) => row.notBefore === null || row.notBefore <= now);
    // A loop, not Math.min(...rows): the outbox may hold more rows than a call has arguments.
    const later = pending.reduce(
      (soonest, row) => (row.notBefore !== null && row.notBefore > now && row.notBefore < soonest ? row.notBefore : soonest),
      Infinity,
    );
    if (later !== Infinity) this.wakeAt(accountId, later);
    if (due.length === 0 || !this.deps.isOnline(accountId)) return;
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) return;
    const client = this.deps.clientForAccount(accountId);
    const preferenceRows = due.filter(isPreferenceRow);
    // Preferences first, in their own request: a profile refusal must not hold them up.
    if (preferenceRows.length > 0) await sendPreferenceRows(this.preferenceDeps, accountId, client, credentials, preferenceRows);
    if (this.closed || !due.some(isProfileRow)) return;

    let me: CurrentMe;
    try {
      me = await fetchCurrentMe(client, credentials);
    } catch (error) {
      await this.onTransportFailure(accountId, due, error);
      return;
    }
    if (this.closed) return;
    // Read again: the person may have edited while /me was on its way.
    const fresh = this.deps.store
      .rows(accountId)
      .filter((row): row is ProfileRow => row.state === 'pending' && (row.notBefore === null || row.notBefore <= now) && isProfileRow(row));
    const toSend: ProfileRow[] = [];
    const alreadyThere: ProfileRow[] = [];
    for (const row of fresh) {
      // A /me without statusDefault does not say which status was chosen (its `status` follows live
      // connections): nothing can be concluded from it, so the choice is sent.
      if (row.field === 'statusType' && !hasChosenStatus(me)) {
        toSend.push(row);
        continue;
      }
      const theirs = editableValue(me, row.field);
      if (theirs === row.value) alreadyThere.push(row);
      // Unchanged since the edit, or holding what this app itself sent last (its answer lost): ours to send.
      else if (theirs === row.base || theirs === row.sentValue) toSend.push({ ...row, base: theirs });
      else {
        this.deps.store.conflict(row.id, theirs, now);
        this.attention(accountId, 'conflict', `${labelOf(row.field)} was changed on the server too. Choose which to keep in Activity.`);
      }
    }
    this.settle(accountId, alreadyThere, 'already-there', now);
    if (toSend.length === 0) {
      this.changed(accountId);
      return;
    }

    const attempt = nodeCrypto().randomUUID();
    const taken = this.deps.store.markSending(toSend, attempt, now);
    if (taken.length < toSend.length) this.again.add(accountId); // edited meanwhile: next round
    this.changed(accountId);
    const statusRows = taken.filter((row) => statusFields.includes(row.field));
    const basicRows = taken.filter((row) => !statusFields.includes(row.field));
    if (statusRows.length > 0) {
      await this.sendGroup(accountId, client, credentials, attempt, statusRows, () =>
        setStatus(client, credentials, statusBodyOf(statusRows)),
      );
    }
    if (basicRows.length > 0) await this.sendBasic(accountId, client, credentials, attempt, basicRows, me);
    // No refresh afterwards: what the server took was written into the cached profile as it
    // was confirmed (settle), and a refusal re-reads /me to learn what was applied.
    this.changed(accountId);
  }

  /** Confirmed values leave the outbox and enter the cached profile; the window shows them. */
  /** What the preference path borrows from this sender. */
  private get preferenceDeps(): PreferenceSendDeps {
    return {
      store: this.deps.store,
      preferences: this.deps.preferences,
      clock: this.deps.clock,
      log: this.deps.log,
      attention: (accountId, kind, message) => this.attention(accountId, kind, message),
      changed: (accountId) => this.changed(accountId),
      putBack: (accountId, rows, error) => this.onTransportFailure(accountId, rows, error),
      again: (accountId) => this.again.add(accountId),
      sent: (accountId) => this.failures.delete(accountId),
      newAttempt: () => nodeCrypto().randomUUID(),
    };
  }

  private settle(accountId: string, rows: ProfileRow[], outcome: 'saved' | 'already-there', now: number): void {
    if (rows.length === 0) return;
    this.deps.store.settle(accountId, rows, outcome, now);
    if (rows.some((row) => row.field === 'username'))
      this.deps.availability.forget(accountId, rows.find((row) => row.field === 'username')!.value);
    if (!this.closed) this.deps.profiles.cachedChanged(accountId);
  }

  private async sendBasic(
    accountId: string,
    client: UsersApiClient,
    credentials: Credentials,
    attempt: string,
    rows: ProfileRow[],
    me: CurrentMe,
  ): Promise<void> {
    const username = rows.find((row) => row.field === 'username');
    let group = rows;
    // "Taken" only ever comes back as the vague error-could-not-save-identity: ask first. An
    // account without a username cannot ask (the route wants one, docs/protocol.md §6): it just saves.
    if (username && me.username && username.value.toLowerCase() !== me.username.toLowerCase()) {
      let refused: string | null = null;
      try {
        if (!(await this.deps.availability.isFree(accountId, client, credentials, username.value)))
          refused = `The username “${username.value}” is taken or not allowed on this server.`;
      } catch (error) {
        // A refusal of the question (usernames may not change, the name is blocked) lasts: that
        // field fails and the rest goes. Anything else is tried again later, all together.
        refused = usernameRefusal(error);
        if (refused === null) {
          await this.onTransportFailure(accountId, rows, error);
          return;
        }
        if (error instanceof ApiFailure && error.details.serverCode === 'error-not-allowed')
          // The settings are read again in the background (failures logged), so the next offer is true.
          void this.deps.profiles.rereadWorkspace(this.deps.accounts.serverOf(accountId).id);
      }
      if (refused !== null) {
        this.deps.store.fail(accountId, attempt, [{ ...username, error: refused }], this.deps.clock.now());
        this.deps.availability.forget(accountId, username.value); // a retry asks the server again
        this.attention(accountId, 'failed', `The username “${username.value}” could not be saved. ${refused}`);
        group = rows.filter((row) => row !== username);
        if (group.length === 0) return;
      }
    }
    const { data, customFields } = updateBodyOf(group, me.customFields);
    const answer: { kept: Record<string, unknown> | null } = { kept: null };
    await this.sendGroup(
      accountId,
      client,
      credentials,
      attempt,
      group,
      async () => {
        answer.kept = await updateOwnBasicInfo(client, credentials, data, customFields);
      },
      (sent) => customFieldsNotKept(this.deps, accountId, client, credentials, sent, answer.kept),
    );
  }

  /** Sends one request for these rows and files the outcome. */
  private async sendGroup(
    accountId: string,
    client: UsersApiClient,
    credentials: Credentials,
    attempt: string,
    rows: ProfileRow[],
    send: () => Promise<void>,
    unkept?: (rows: ProfileRow[]) => Promise<{ row: ProfileRow; reason: string }[]>,
  ): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (!(error instanceof ApiFailure) || isTransport(error) || error.code === 'rate-limited' || isSessionEnd(error)) {
        await this.onTransportFailure(accountId, rows, error);
        return;
      }
      await this.onRefusal(accountId, client, credentials, attempt, rows, error);
      return;
    }
    this.failures.delete(accountId);
    const lost = unkept ? await unkept(rows) : [];
    const now = this.deps.clock.now();
    const kept = rows.filter((row) => !lost.some((gone) => gone.row === row));
    this.settle(accountId, kept, 'saved', now);
    if (lost.length === 0 || this.closed) return;
    this.deps.store.notKept(
      accountId,
      attempt,
      lost.map(({ row, reason }) => ({ ...row, reason })),
      now,
    );
    this.attention(accountId, 'failed', lost.map((gone) => gone.reason).join(' '));
  }

  /** The server said no: keep what it applied, mark the field it named, send the rest again. */
  private async onRefusal(
    accountId: string,
    client: UsersApiClient,
    credentials: Credentials,
    attempt: string,
    rows: ProfileRow[],
    error: ApiFailure,
  ): Promise<void> {
    const current = await fetchCurrentMe(client, credentials).catch((failure: unknown) => {
      // Unread, nothing counts as applied: every row is shown as refused, and can be sent again.
      logFailure(this.deps.log, 'reading the profile after a refused edit', failure);
      return null;
    });
    const now = this.deps.clock.now();
    const applied = current ? rows.filter((row) => editableValue(current, row.field) === row.value) : [];
    this.settle(accountId, applied, 'saved', now);
    const open = rows.filter((row) => !applied.includes(row));
    const named = fieldOfFailure(
      error,
      open.map((row) => row.field),
    );
    const refused = named ? open.filter((row) => row.field === named.field) : open;
    const words = named?.message ?? refusalWords(error);
    this.deps.store.fail(
      accountId,
      attempt,
      refused.map((row) => ({ ...row, error: words })),
      now,
    );
    if (refused.length > 0) this.attention(accountId, 'failed', `The server refused an edit: ${words}`);
    // "Not allowed": the workspace changed what it allows since the app last read it.
    if (['error-not-allowed', 'error-action-not-allowed'].includes(error.details.serverCode ?? ''))
      // The settings are read again in the background (failures logged), so the next offer is true.
      void this.deps.profiles.rereadWorkspace(this.deps.accounts.serverOf(accountId).id);
    const innocent = open.filter((row) => !refused.includes(row));
    if (innocent.length > 0) {
      this.deps.store.release(
        innocent.map((row) => row.id),
        null,
        now,
      );
      this.again.add(accountId);
    }
  }

  private async onTransportFailure(accountId: string, rows: OutboxRow[], error: unknown): Promise<void> {
    const now = this.deps.clock.now();
    if (error instanceof ApiFailure && error.code === 'rate-limited') {
      const notBefore = now + (error.details.retryAfter ?? 60) * 1000;
      this.deps.store.release(
        rows.map((row) => row.id),
        notBefore,
        now,
      );
      this.wakeAt(accountId, notBefore);
      return;
    }
    this.deps.store.release(
      rows.map((row) => row.id),
      null,
      now,
    );
    // An ended session (401) has signed the account out already; the edits wait for the next sign-in.
    if (error instanceof ApiFailure && isSessionEnd(error)) return;
    if (!(error instanceof ApiFailure)) throw error;
    // Unreachable servers are retried when connectivity says they are back; a server
    // that answers with errors is tried again after a growing wait.
    const failures = (this.failures.get(accountId) ?? 0) + 1;
    this.failures.set(accountId, failures);
    this.wakeAt(accountId, now + backoffMs(failureBackoff, failures));
  }

  private wakeAt(accountId: string, at: number): void {
    if (this.closed) return;
    this.deps.clock.clearTimeout(this.timers.get(accountId));
    const timer = this.deps.clock.setTimeout(
      () => {
        this.timers.delete(accountId);
        this.kick(accountId);
      },
      Math.max(0, at - this.deps.clock.now()) + 50,
      { background: true },
    );
    this.timers.set(accountId, timer);
  }
}

function isTransport(error: ApiFailure): boolean {
  return (
    error.code === 'network-unreachable' ||
    error.code === 'timeout' ||
    (error.code === 'server-error' && (error.details.status ?? 0) >= 500)
  );
}

/** A 401: the session is gone (a 403 is a refusal of this edit, not of the session). */
function isSessionEnd(error: ApiFailure): boolean {
  return error.code === 'unauthorized' && error.details.status === 401;
}
