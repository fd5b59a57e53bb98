import type { DirectorySyncRow } from './directoryStore';

/**
 * When the directory copy is read again, and how (docs/sync.md "Sync"). Pure decisions:
 * DirectoryService asks these and does the reading and writing.
 */

/** A server that gives no changes is copied again in full when People opens, at most this often (as before). */
export const fullCopyEveryMs = 3_600_000;
/** Where the server gives changes, People opening reads them at most this often (one request when little changed). */
export const changesEveryMs = 600_000;
/** A full pass runs at most this often: when a refresh could not account for the server's count (see fullPassDue). */
export const fullPassAtMostEveryMs = 86_400_000;
/**
 * And at least this often: the safety net for what neither changes nor the count can show (a
 * person the server stops listing while another appears with an old date, or stops showing
 * without being changed). Rocket.Chat dates every insert and update itself, so this is rare.
 */
export const fullPassEveryMs = 7 * 86_400_000;
/**
 * A refresh reads back this far past its mark: several people changed in the same millisecond
 * (a tie split by a page), and a workspace of several server instances whose clocks differ a little.
 */
export const markOverlapMs = 2_000;

export type RefreshDue = 'none' | 'changes' | 'full';

/** For a finished copy: nothing yet, the changes since its mark, or a whole new copy (servers that give no changes). */
export function refreshDue(row: DirectorySyncRow, now: number): RefreshDue {
  const age = row.syncedAt === null ? Infinity : now - row.syncedAt;
  if (readsChanges(row)) return age < changesEveryMs ? 'none' : 'changes';
  return age < fullCopyEveryMs ? 'none' : 'full';
}

/** Changes are read only into a complete copy of a server that gives them (a copy cut at the limit has no such base). */
export function readsChanges(row: DirectorySyncRow): boolean {
  const complete = row.total === null || row.loaded >= row.total;
  return row.refreshes === 'changes' && row.changesMark !== null && row.source === 'users.list' && complete;
}

/**
 * A full pass for a copy refreshed by changes: a day after the last one when a refresh left the
 * count unexplained (`needsPass`), else a week after it.
 */
export function fullPassDue(row: DirectorySyncRow, now: number): boolean {
  if (row.state !== 'done' || !readsChanges(row)) return false;
  const since = row.fullAt === null ? Infinity : now - row.fullAt;
  return since >= fullPassEveryMs || (row.needsPass && since >= fullPassAtMostEveryMs);
}

/** When the person last changed, in the server's time (ms); null when the server did not say. */
export function changedAt(person: Record<string, unknown>): number | null {
  const value = person._updatedAt;
  const text =
    typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { $date?: unknown }).$date : null;
  const ms = typeof text === 'string' ? Date.parse(text) : typeof text === 'number' ? text : NaN;
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The newest change of a page read newest first, which becomes the copy's mark: null when any
 * person of the page came without `_updatedAt` (the server does not give changes to this account).
 */
export function newestChange(people: readonly Record<string, unknown>[]): number | null {
  let newest: number | null = null;
  for (const person of people) {
    const at = changedAt(person);
    if (at === null) return null;
    newest = newest === null ? at : Math.max(newest, at);
  }
  return newest;
}

/** A page read newest first ends at or before the mark: everything after it is older, and the copy has it. */
export function reachesMark(people: readonly Record<string, unknown>[], mark: number): boolean {
  const last = people.at(-1);
  const at = last ? changedAt(last) : null;
  return at !== null && at < mark - markOverlapMs;
}
