import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

export type DirectorySource = 'users.list' | 'directory';

export interface DirectorySyncRow {
  serverId: string;
  accountId: string;
  source: DirectorySource | null;
  round: number;
  nextOffset: number;
  total: number | null;
  loaded: number;
  /** As last saved: `syncing` found at start means the app stopped mid-sync (a pause). */
  state: 'syncing' | 'paused' | 'failed' | 'done';
  startedAt: number;
  syncedAt: number | null;
  lastError: string | null;
  /** The most people a sync copies for this server; null until the person sets one (the default applies). */
  maxPeople: number | null;
  /** What the server allows: `changes` (users.list orders by `_updatedAt` and gives it), `full`; null until a copy has asked. */
  refreshes: 'changes' | 'full' | null;
  /** The newest `_updatedAt` the copy holds, in the server's time (ms): a refresh reads back to it. */
  changesMark: number | null;
  /** When the last full copy finished (this computer's time): the next full pass counts from it. */
  fullAt: number | null;
  /** A refresh could not account for the server's count: a full pass is due (at most daily). */
  needsPass: boolean;
}

const columns = `server_id AS serverId, account_id AS accountId, source, round, next_offset AS nextOffset, total, loaded,
  state, started_at AS startedAt, synced_at AS syncedAt, last_error AS lastError, max_people AS maxPeople,
  refreshes, changes_mark AS changesMark, full_at AS fullAt, needs_pass AS needsPass`;

/** The sync state of each server's directory: where a sync stands, so it can resume. */
export class DirectoryStore {
  private readonly selectRow: Statement;
  private readonly upsertRow: Statement;

  constructor(private readonly db: Database) {
    this.selectRow = db.prepare(`SELECT ${columns} FROM directory_sync WHERE server_id = ?`);
    this.upsertRow = db.prepare(
      `INSERT INTO directory_sync (server_id, account_id, source, round, next_offset, total, loaded, state, started_at, synced_at, last_error,
         max_people, refreshes, changes_mark, full_at, needs_pass)
       VALUES (@serverId, @accountId, @source, @round, @nextOffset, @total, @loaded, @state, @startedAt, @syncedAt, @lastError, @maxPeople,
         @refreshes, @changesMark, @fullAt, @needsPass)
       ON CONFLICT (server_id) DO UPDATE SET account_id = excluded.account_id, source = excluded.source, round = excluded.round,
         next_offset = excluded.next_offset, total = excluded.total, loaded = excluded.loaded, state = excluded.state,
         started_at = excluded.started_at, synced_at = excluded.synced_at, last_error = excluded.last_error, max_people = excluded.max_people,
         refreshes = excluded.refreshes, changes_mark = excluded.changes_mark, full_at = excluded.full_at, needs_pass = excluded.needs_pass`,
    );
  }

  get(serverId: string): DirectorySyncRow | null {
    const row = this.selectRow.get(serverId) as (Omit<DirectorySyncRow, 'needsPass'> & { needsPass: number }) | undefined;
    return row ? { ...row, needsPass: row.needsPass === 1 } : null;
  }

  put(row: DirectorySyncRow): void {
    this.upsertRow.run({ ...row, needsPass: row.needsPass ? 1 : 0 });
  }

  /** Forgets a server's sync state, or hands a sync an account started to another account of that server. */
  forget(serverId: string, accountId: string, heir: string | null): void {
    if (heir === null) this.db.prepare('DELETE FROM directory_sync WHERE server_id = ?').run(serverId);
    else this.db.prepare('UPDATE directory_sync SET account_id = ? WHERE server_id = ? AND account_id = ?').run(heir, serverId, accountId);
  }

  /** Servers whose sync was cut short (offline, crash, quit): resumed when possible. */
  unfinished(): DirectorySyncRow[] {
    const rows = this.db.prepare(`SELECT ${columns} FROM directory_sync WHERE state IN ('syncing', 'paused')`).all() as (Omit<
      DirectorySyncRow,
      'needsPass'
    > & { needsPass: number })[];
    return rows.map((row) => ({ ...row, needsPass: row.needsPass === 1 }));
  }

  /** Kept by PeopleStore in people_counts: counting rows took 20 ms at 500,000 people, on every progress event. */
  cachedCount(serverId: string): number {
    return (this.db.prepare('SELECT people FROM people_counts WHERE server_id = ?').pluck().get(serverId) as number | undefined) ?? 0;
  }
}
