import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { HistoryEntry } from '../../../shared/outboxSchemas';
import type { OutboxField } from '../../../shared/outboxFields';
import { decodePreference, isPreferenceField, preferenceKeyOf } from '../../../shared/preferences';
import { isEditField, type EditField } from '../../../shared/profileEdits';
import type { PreferencesCache } from '../profile/preferencesCache';
import type { ProfileCache } from '../profile/profileCache';

export interface OutboxRow<F extends OutboxField = OutboxField> {
  id: number;
  accountId: string;
  field: F;
  value: string;
  base: string;
  theirs: string | null;
  state: 'pending' | 'sending' | 'conflict' | 'failed';
  attempt: string | null;
  /** What the last send carried, until its fate is known (see migration 006). */
  sentValue: string | null;
  notBefore: number | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

const columns = `id, account_id AS accountId, field, value, base, theirs, state, attempt, sent_value AS sentValue, not_before AS notBefore, error,
  created_at AS createdAt, updated_at AS updatedAt`;

/**
 * SQL of the outbox and the edit history. Every change is one statement or one
 * transaction, so a process killed at any moment leaves each row whole. The cached profile
 * is its owner's (ProfileCache): a settled edit is written there, inside the same transaction.
 */
export class OutboxStore {
  constructor(
    private readonly db: Database,
    private readonly profiles: ProfileCache,
    private readonly preferences: PreferencesCache,
  ) {}

  rows(accountId: string): OutboxRow[] {
    return this.db.prepare(`SELECT ${columns} FROM outbox WHERE account_id = ? ORDER BY id`).all(accountId) as OutboxRow[];
  }

  accountsWithWork(): string[] {
    return this.db.prepare("SELECT DISTINCT account_id FROM outbox WHERE state IN ('pending', 'sending')").pluck().all() as string[];
  }

  /**
   * Queues edits. A field already waiting keeps its original base (what the person first
   * edited from) and takes the new value; a value equal to its base undoes the edit.
   */
  queue(accountId: string, edits: { field: OutboxField; value: string; base: string }[], now: number): void {
    const find = this.db.prepare('SELECT id, base FROM outbox WHERE account_id = ? AND field = ?');
    const insert = this.db.prepare(
      `INSERT INTO outbox (account_id, field, value, base, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
    );
    const update = this.db.prepare(
      "UPDATE outbox SET value = ?, state = 'pending', theirs = NULL, attempt = NULL, error = NULL, updated_at = ? WHERE id = ?",
    );
    const remove = this.db.prepare('DELETE FROM outbox WHERE id = ?');
    this.db.transaction(() => {
      for (const edit of edits) {
        const existing = find.get(accountId, edit.field) as { id: number; base: string } | undefined;
        if (!existing) {
          if (edit.value !== edit.base) insert.run(accountId, edit.field, edit.value, edit.base, now, now);
        } else if (edit.value === existing.base) {
          remove.run(existing.id);
        } else {
          update.run(edit.value, now, existing.id);
        }
      }
    })();
  }

  /**
   * At start: rows a killed process left `sending` are checked again like any pending
   * row, but not before `notBefore`: the request the dead process made may still be on
   * its way to the server, and re-reading the profile too early would send it twice.
   */
  recoverInterrupted(notBefore: number): number {
    return this.db.prepare("UPDATE outbox SET state = 'pending', attempt = NULL, not_before = ? WHERE state = 'sending'").run(notBefore)
      .changes;
  }

  /**
   * Takes rows for a send, exactly as they will be sent: a row edited again since it was
   * read is left for the next round. `base` moves to what the server was just seen to
   * hold, `sent_value` records what goes out. Returns the rows taken.
   */
  markSending<T extends { id: number; base: string; value: string }>(rows: T[], attempt: string, now: number): T[] {
    const mark = this.db.prepare(
      "UPDATE outbox SET state = 'sending', attempt = ?, sent_value = value, base = ?, error = NULL, updated_at = ? WHERE id = ? AND state = 'pending' AND value = ?",
    );
    return this.db.transaction(() => rows.filter((row) => mark.run(attempt, row.base, now, row.id, row.value).changes === 1))();
  }

  /**
   * The server has these values now: rows still holding them are done; rows edited again
   * meanwhile stay, rebased on what the server now has (so they are not taken for conflicts).
   */
  settle(accountId: string, applied: { field: OutboxField; value: string }[], outcome: HistoryEntry['outcome'], now: number): void {
    const row = this.db.prepare('SELECT id, value FROM outbox WHERE account_id = ? AND field = ?');
    const remove = this.db.prepare('DELETE FROM outbox WHERE id = ?');
    const rebase = this.db.prepare(
      "UPDATE outbox SET base = ?, sent_value = NULL, state = CASE state WHEN 'sending' THEN 'pending' ELSE state END, attempt = NULL WHERE id = ?",
    );
    // The server confirmed these values: the cached profile takes them in the same transaction,
    // so a later edit is never based on a value older than what this app itself saved (which
    // would look like somebody else's change and raise a false conflict).
    this.db.transaction(() => {
      this.profiles.applyEdits(
        accountId,
        applied.filter((edit): edit is { field: EditField; value: string } => isEditField(edit.field)),
      );
      this.preferences.applyEdits(
        accountId,
        applied.flatMap((edit) =>
          isPreferenceField(edit.field) ? [{ key: preferenceKeyOf(edit.field), value: decodePreference(edit.value) }] : [],
        ),
      );
      for (const { field, value } of applied) {
        const current = row.get(accountId, field) as { id: number; value: string } | undefined;
        if (!current) continue;
        if (current.value === value) remove.run(current.id);
        else rebase.run(value, current.id);
      }
      if (applied.length > 0) this.addHistory(accountId, Object.fromEntries(applied.map((a) => [a.field, a.value])), outcome, null, now);
    })();
  }

  /** Back to pending (network trouble, or a 429 with the time it may be tried again). */
  release(ids: number[], notBefore: number | null, now: number): void {
    const back = this.db.prepare(
      "UPDATE outbox SET state = 'pending', attempt = NULL, not_before = ?, updated_at = ? WHERE id = ? AND state IN ('pending', 'sending')",
    );
    this.db.transaction(() => ids.forEach((id) => back.run(notBefore, now, id)))();
  }

  conflict(id: number, theirs: string, now: number): void {
    this.db
      .prepare("UPDATE outbox SET state = 'conflict', theirs = ?, attempt = NULL, sent_value = NULL, updated_at = ? WHERE id = ?")
      .run(theirs, now, id);
  }

  /** Refused by the server; a row edited again since this attempt took it is left to be sent anew. */
  fail(
    accountId: string,
    attempt: string,
    failures: { id: number; field: OutboxField; value: string; error: string }[],
    now: number,
  ): void {
    const mark = this.db.prepare(
      "UPDATE outbox SET state = 'failed', error = ?, attempt = NULL, sent_value = NULL, updated_at = ? WHERE id = ? AND attempt = ?",
    );
    this.db.transaction(() => {
      for (const failure of failures) mark.run(failure.error, now, failure.id, attempt);
      if (failures.length > 0) {
        const detail = [...new Set(failures.map((f) => f.error))].join(' ');
        this.addHistory(accountId, Object.fromEntries(failures.map((f) => [f.field, f.value])), 'failed', detail, now);
      }
    })();
  }

  /**
   * Answered with success, yet not on the server afterwards (a custom field the workspace does
   * not define): the edit cannot succeed by sending it again, so it leaves the outbox, recorded
   * with the reason. A row edited again since this attempt took it stays, to be sent anew.
   */
  notKept(
    accountId: string,
    attempt: string,
    rows: { id: number; field: OutboxField; value: string; reason: string }[],
    now: number,
  ): void {
    const remove = this.db.prepare('DELETE FROM outbox WHERE id = ? AND attempt = ?');
    this.db.transaction(() => {
      const gone = rows.filter((row) => remove.run(row.id, attempt).changes === 1);
      if (gone.length === 0) return;
      const detail = [...new Set(gone.map((row) => row.reason))].join(' ');
      this.addHistory(accountId, Object.fromEntries(gone.map((row) => [row.field, row.value])), 'not-kept', detail, now);
    })();
  }

  /** Keep mine: send it, now based on what the server has. */
  keepMine(id: number, now: number): OutboxRow | null {
    const row = this.row(id);
    if (!row || row.state !== 'conflict') return null;
    this.db.prepare("UPDATE outbox SET base = theirs, theirs = NULL, state = 'pending', updated_at = ? WHERE id = ?").run(now, id);
    this.addHistory(row.accountId, { [row.field]: row.value }, 'kept-mine', null, now);
    return row;
  }

  retry(id: number, now: number): void {
    this.db
      .prepare("UPDATE outbox SET state = 'pending', error = NULL, not_before = NULL, updated_at = ? WHERE id = ? AND state = 'failed'")
      .run(now, id);
  }

  /** Drops an edit (discard, or "take theirs"), recording it. */
  drop(id: number, outcome: 'took-theirs' | 'discarded', now: number): OutboxRow | null {
    const row = this.row(id);
    if (!row) return null;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
      this.addHistory(row.accountId, { [row.field]: outcome === 'took-theirs' ? (row.theirs ?? '') : row.value }, outcome, null, now);
    })();
    return row;
  }

  row(id: number): OutboxRow | null {
    return (this.db.prepare(`SELECT ${columns} FROM outbox WHERE id = ?`).get(id) as OutboxRow | undefined) ?? null;
  }

  history(accountId: string, limit = 50): HistoryEntry[] {
    const rows = this.db
      .prepare('SELECT id, at, changes, outcome, detail FROM edit_history WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ?')
      .all(accountId, limit) as { id: number; at: number; changes: string; outcome: HistoryEntry['outcome']; detail: string | null }[];
    return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString(), changes: JSON.parse(row.changes) as Record<string, string> }));
  }

  private addHistory(
    accountId: string,
    changes: Record<string, string>,
    outcome: HistoryEntry['outcome'],
    detail: string | null,
    now: number,
  ): void {
    this.db
      .prepare('INSERT INTO edit_history (account_id, at, changes, outcome, detail) VALUES (?, ?, ?, ?, ?)')
      .run(accountId, now, JSON.stringify(changes), outcome, detail);
  }
}
