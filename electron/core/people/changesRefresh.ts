import { pageSize, type PeoplePage } from '../usersApi/directoryApi';
import { findGone, type IdsAt } from './findGone';
import { changedAt, markOverlapMs, newestChange, reachesMark } from './refreshPlan';

/** What a changes read needs: the server's pages and ids, and where the copy is kept (the writing is the caller's). */
export interface ChangesIo {
  /** users.list newest change first, from `offset`. */
  page(offset: number): Promise<PeoplePage>;
  idsAt: IdsAt;
  save(people: PeoplePage['people']): Promise<void>;
  /** The copy's ids in `_id` order. */
  listedIds(): string[];
  forget(userIds: string[]): Promise<unknown>;
  closed(): boolean;
}

export interface ChangesRead {
  /** The copy's new mark; null when the server no longer gives `_updatedAt` (refreshes fall back to full copies). */
  mark: number | null;
  /** How many people the server lists. */
  total: number;
  pages: number;
  changed: number;
  gone: number;
  /** The copy and the server's count agree once the gone are taken out. */
  settled: boolean;
}

/** The pages of people changed since a mark, as read and saved. */
export interface ChangedPages {
  /** The newest change seen; null when the server no longer gives `_updatedAt`. */
  mark: number | null;
  total: number;
  pages: number;
  changed: number;
}

/**
 * Reads users.list newest change first, page by page, saving the people changed since `mark`
 * (and its overlap), until a page ends before the mark: one page when less than a page's
 * worth changed. Null when the core closed.
 */
export async function readChangedPages(
  io: Pick<ChangesIo, 'page' | 'save' | 'closed'>,
  mark: number,
  limit: number,
): Promise<ChangedPages | null> {
  let offset = 0;
  let newest = mark;
  let total = 0;
  let pages = 0;
  let changed = 0;
  for (;;) {
    const page = await io.page(offset);
    if (io.closed()) return null;
    pages += 1;
    total = page.total;
    const people = page.people.slice(0, pageSize);
    const pageNewest = newestChange(people);
    if (people.length > 0 && pageNewest === null) return { mark: null, total, pages, changed };
    if (pageNewest !== null) newest = Math.max(newest, pageNewest);
    // Only people changed since the mark (and its overlap) are written: the rest of the page is what the copy has.
    const fresh = people.filter((person) => (changedAt(person) ?? Infinity) >= mark - markOverlapMs);
    if (fresh.length > 0) await io.save(fresh);
    changed += fresh.length;
    offset += people.length;
    if (people.length === 0 || offset >= page.total || reachesMark(people, mark) || offset >= limit) break;
  }
  return { mark: newest, total, pages, changed };
}

/**
 * Reads what changed since `mark` (readChangedPages). Changed, added, renamed and deactivated
 * people all carry a new `_updatedAt`; the deleted carry nothing, so the server's count tells
 * whether any went and findGone says who. Null when the core closed.
 */
export async function readChanges(io: ChangesIo, mark: number, limit: number): Promise<ChangesRead | null> {
  const read = await readChangedPages(io, mark, limit);
  if (read === null) return null;
  const { total, pages, changed } = read;
  if (read.mark === null) return { mark: null, total, pages, changed, gone: 0, settled: false };
  const local = io.listedIds();
  if (local.length === total) return { mark: read.mark, total, pages, changed, gone: 0, settled: true };
  const gone = await findGone(local, total, io.idsAt);
  if (io.closed()) return null;
  if (gone === null) return { mark: read.mark, total, pages, changed, gone: 0, settled: false };
  await io.forget(gone);
  return { mark: read.mark, total, pages, changed, gone: gone.length, settled: true };
}
