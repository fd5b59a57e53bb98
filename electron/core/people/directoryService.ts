import type { DirectorySearchResult, DirectoryStatus } from '../../../shared/directorySchemas';
import { defaultDirectoryLimit } from '../../../shared/limits';
import type { AccountsService } from '../accounts/accountsService';
import type { Clock } from '../clock';
import type { CoreEvents } from '../coreEvents';
import { logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import { sanitizeUser } from '../profile/sanitizeUser';
import { ApiFailure } from '../usersApi/apiFailure';
import { fetchIdsById, fetchPeoplePage, type ListSource, type PeoplePage } from '../usersApi/directoryApi';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';
import { readChangedPages, readChanges } from './changesRefresh';
import { describeSync, explainStop, SyncStop } from './directoryStatus';
import type { DirectoryStore, DirectorySyncRow } from './directoryStore';
import type { PeopleSearch } from './peopleSearch';
import type { PeopleStore } from './peopleStore';
import { nextTurn, type DirectoryWriter, type ListedPage } from './writer/directoryWriter';
import { newestChange, refreshDue } from './refreshPlan';
import { DirectoryTimers } from './directoryTimers';

export interface DirectoryDeps {
  store: DirectoryStore;
  /** Reads of the copy; its writes go through `writer`. */
  people: Pick<PeopleStore, 'listedCount' | 'listedIds'>;
  writer: DirectoryWriter;
  search: PeopleSearch;
  accounts: AccountsService;
  clock: Clock;
  events: CoreEvents;
  clientForAccount(accountId: string): UsersApiClient;
  log: Logger;
}

/** A full pass waits this long between its pages: spread out, in the background (it starts a while after a refresh: directoryTimers.ts). */
const fullPassGapMs = 2_000;
/** A first copy (or a resumed one), a read of the changes since the copy's mark, or a full pass. */
type RunKind = 'copy' | 'changes' | 'pass';
/** Least time between two progress events of one sync. */
const progressEveryMs = 250;

/** Enough merge steps after each page to keep the index's segments few (measured at 500,000 people). */
const tidyStepsPerPage = 4;
/** Merge steps per request once a sync is done: a close waits for at most one such batch. */
const tidyStepsPerCall = 32;

/**
 * The server's people directory copied into the local people table, page by page
 * (users.list when the account may use it, else the directory endpoint), so search is
 * answered locally, offline too. Each page is saved with the offset reached, so a sync
 * cut short by the network, a quit or a crash resumes where it stopped.
 *
 * Bounded whatever the server says: a sync stops at the server's limit (the person may
 * raise it), a page holds at most what was asked for, and a false `total` ends at the limit.
 */
export class DirectoryService {
  private readonly running = new Map<string, Promise<void>>();
  /** Limits set while a sync runs: the running sync reads them before each page. */
  private readonly limits = new Map<string, number>();
  private readonly lastEmit = new Map<string, { at: number; fraction: number }>();
  /** A paused sync also tries again on its own, with growing waits (a server may answer 503 for a while). */
  private readonly timers: DirectoryTimers;
  private closed = false;

  constructor(private readonly deps: DirectoryDeps) {
    this.timers = new DirectoryTimers(deps.clock, (serverId, accountId, kind) => {
      if (!this.running.has(serverId)) this.start(serverId, accountId, false, kind);
    });
  }

  status(accountId: string): DirectoryStatus {
    return this.statusOf(this.deps.accounts.serverOf(accountId).id);
  }

  /**
   * Starts (or resumes) a sync when one is due, and answers at once with where it stands.
   * A new `maxPeople` is kept for the server; raised past a capped sync, the sync goes on
   * from where it stopped.
   */
  sync(accountId: string, force = false, maxPeople?: number): DirectoryStatus {
    const serverId = this.deps.accounts.serverOf(accountId).id;
    let row = this.deps.store.get(serverId);
    if (maxPeople !== undefined) {
      this.limits.set(serverId, maxPeople);
      if (row && row.maxPeople !== maxPeople) {
        row = { ...row, maxPeople };
        this.deps.store.put(row);
      }
    }
    // Raised past where a sync stopped short: that sync goes on rather than starting over.
    const raised = maxPeople !== undefined && row !== null && this.stoppedShort(row) && row.loaded < maxPeople;
    // A finished copy is refreshed when due: the changes since its mark where the server gives them, else a new copy.
    const due = row?.state === 'done' ? refreshDue(row, this.deps.clock.now()) : row?.state === 'failed' ? 'none' : 'full';
    if (!this.running.has(serverId)) {
      if (force || raised || due === 'full') this.start(serverId, accountId, raised);
      else if (due === 'changes') this.start(serverId, accountId, false, 'changes');
    }
    return this.statusOf(serverId);
  }

  /** Resumes syncs cut short on this server (or on every server), e.g. when it is reachable again. */
  resumeUnfinished(serverId?: string): void {
    for (const row of this.deps.store.unfinished()) {
      if ((serverId === undefined || row.serverId === serverId) && !this.running.has(row.serverId))
        this.start(row.serverId, row.accountId, false);
    }
  }

  search(accountId: string, query: string, limit = 50, after?: string): DirectorySearchResult {
    const serverId = this.deps.accounts.serverOf(accountId).id;
    // "@name" is how the window writes a username: the "@" is not part of what is looked for.
    const wanted = query.trim().replace(/^@+/, '');
    // Nothing typed yet: everyone saved, to browse.
    const found =
      wanted === '' ? this.deps.search.everyone(serverId, limit, after) : this.deps.search.search(serverId, wanted, limit, after);
    return {
      query,
      people: found.people.map((hit) => ({ ...hit, emails: hit.emails ? hit.emails.split(' ') : [] })),
      more: found.more,
      next: found.next,
    };
  }

  close(): void {
    this.closed = true;
    this.timers.close();
  }

  private start(serverId: string, accountId: string, goOn: boolean, kind: RunKind = 'copy'): void {
    if (this.closed) return;
    this.timers.cancel(serverId);
    // Registered before run() begins, so its first progress event already says "syncing".
    const work = Promise.resolve()
      .then(() => (kind === 'changes' ? this.runChanges(serverId, accountId) : this.run(serverId, accountId, goOn, kind === 'pass')))
      .catch((error: unknown) => {
        // After close the database is gone: a sync stopped by it has nothing left to say.
        if (!this.closed) logFailure(this.deps.log, 'syncing the people directory', error);
      })
      .finally(() => {
        this.running.delete(serverId);
        if (this.closed) return;
        this.announce(serverId, true);
        this.timers.afterRun(serverId, accountId, this.deps.store.get(serverId));
      });
    this.running.set(serverId, work);
  }

  private async run(serverId: string, accountId: string, goOn: boolean, paced = false): Promise<void> {
    const previous = this.deps.store.get(serverId);
    const resuming =
      previous?.state === 'syncing' ||
      previous?.state === 'paused' ||
      previous?.state === 'failed' ||
      // Stopped at the limit, which is now higher: the same round goes on from there.
      (goOn && previous !== null && this.stoppedShort(previous));
    let row: DirectorySyncRow = resuming
      ? { ...previous, accountId, state: 'syncing', lastError: null, maxPeople: this.limits.get(serverId) ?? previous.maxPeople }
      : {
          serverId,
          accountId,
          source: previous?.source ?? null,
          round: (previous?.round ?? 0) + 1,
          nextOffset: 0,
          total: null,
          loaded: 0,
          state: 'syncing',
          startedAt: this.deps.clock.now(),
          syncedAt: previous?.syncedAt ?? null,
          lastError: null,
          maxPeople: this.limits.get(serverId) ?? previous?.maxPeople ?? null,
          refreshes: previous?.refreshes ?? null,
          changesMark: previous?.changesMark ?? null,
          fullAt: previous?.fullAt ?? null,
          needsPass: previous?.needsPass ?? false,
        };
    this.deps.store.put(row);
    this.announce(serverId, true);
    try {
      row = await this.copyPages(row, paced ? fullPassGapMs : 0);
      if (this.closed) return;
    } catch (error) {
      if (this.closed) return;
      const stop = explainStop(error, this.deps.log);
      row = { ...row, ...this.deps.store.get(serverId), state: stop.state, lastError: stop.message };
    }
    this.deps.store.put(row);
  }

  /** Copies the server's people from the row's offset; `gapMs` spreads a full pass out (one page, then a wait). */
  private async copyPages(start: DirectorySyncRow, gapMs: number): Promise<DirectorySyncRow> {
    let row = start;
    const credentials = await this.deps.accounts.credentials(row.accountId);
    if (!credentials) throw new SyncStop('failed', 'Sign in again to sync the people directory.');
    const client = this.deps.clientForAccount(row.accountId);
    let source: ListSource = row.source ?? 'users.list';
    const fetchPage = (offset: number) => {
      const page = fetchPeoplePage(client, credentials, source, offset);
      page.catch(() => undefined); // awaited below; never an unhandled rejection if we stop first
      return page;
    };
    let pending = fetchPage(row.nextOffset);
    // Pages are saved a few at a time (the writer says how many): a transaction per page cost more
    // in commits than in people (D119). One save is on its way at a time while the next pages come.
    let batch: ListedPage['documents'] = [];
    let batchPages = 0;
    let saving: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        let page: PeoplePage;
        try {
          page = await pending;
        } catch (error) {
          // users.list needs rights some accounts lack: the directory endpoint is the fallback.
          if (source === 'users.list' && row.source === null && error instanceof ApiFailure && error.details.status === 403) {
            source = 'directory';
            pending = fetchPage(row.nextOffset);
            continue;
          }
          throw error;
        }
        if (this.closed) return row; // the offset saved last is where the next start resumes
        const limit = this.limitOf(row);
        row = { ...row, maxPeople: this.limits.get(row.serverId) ?? row.maxPeople };
        // Past the limit nothing is kept, whatever `total` claims (a server saying 1,000,000 ends here too).
        const people = page.people.slice(0, Math.max(0, limit - row.loaded));
        const nextOffset = row.nextOffset + people.length;
        const finished = people.length === 0 || nextOffset >= page.total || row.loaded + people.length >= limit;
        // The round's first page says whether the server gives changes, and from which mark a refresh reads them.
        if (row.nextOffset === 0) {
          const mark = source === 'users.list' ? newestChange(page.people) : null;
          row = { ...row, refreshes: mark === null ? 'full' : 'changes', changesMark: mark };
        }
        // Fetch the next page while this one is written: the network, not SQLite, sets the pace.
        if (!finished && !this.closed && gapMs === 0) {
          pending = fetchPage(nextOffset);
          // Let the request leave before the synchronous write below holds the thread: a turn of the
          // event loop through its I/O phase, not a wait in the app's time (so not the clock's).
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (this.closed) return row;
        }
        row = { ...row, source, nextOffset, total: page.total, loaded: row.loaded + people.length };
        batch.push(...cleaned(people));
        batchPages += 1;
        if (finished || batchPages >= this.deps.writer.pagesPerSave()) {
          await saving; // in order, one at a time: a failed save stops the sync here
          if (this.closed) return row;
          // The pages with where the sync stands (a quit resumes after the last pages saved), then the
          // merging they make due. The last pages' row is saved first too: a quit while pruning
          // resumes here, finds no page left and prunes again.
          const pages = { serverId: row.serverId, documents: batch, round: row.round, now: this.deps.clock.now() };
          saving = this.deps.writer.savePage(pages, row, tidyStepsPerPage * batchPages);
          saving.catch(() => undefined); // awaited before the next save, or below
          batch = [];
          batchPages = 0;
        }
        if (finished) {
          await saving;
          const now = this.deps.clock.now();
          const caughtUp = await this.catchUp(row, client, credentials);
          if (!caughtUp || !(await this.prune(row.serverId, row.round)) || !(await this.mergeIndexFully('compactIndex'))) return row;
          return { ...caughtUp, state: 'done', syncedAt: now, fullAt: now, needsPass: false, lastError: null };
        }
        this.announce(row.serverId, false, row);
        if (gapMs > 0) {
          if (!(await this.pause(gapMs))) return row;
          pending = fetchPage(nextOffset);
        }
      }
    } catch (error) {
      // A save still on its way ends first: the stop is recorded after it, never overwritten by its progress row.
      await saving.catch(() => undefined);
      throw error;
    }
  }

  /**
   * A refresh of a complete copy: only what changed since its mark (changesRefresh.ts), written
   * as a sync's pages are. A failed refresh leaves the copy as it was; the next one reads again.
   */
  private async runChanges(serverId: string, accountId: string): Promise<void> {
    let row = this.deps.store.get(serverId)!;
    this.announce(serverId, true);
    try {
      const credentials = await this.deps.accounts.credentials(accountId);
      if (!credentials) return;
      const client = this.deps.clientForAccount(accountId);
      const read = await readChanges(
        {
          page: (offset) => fetchPeoplePage(client, credentials, 'users.list', offset),
          idsAt: (offset, count) => fetchIdsById(client, credentials, offset, count),
          save: async (people) => {
            await this.savePage(serverId, people, row.round);
          },
          listedIds: () => this.deps.people.listedIds(serverId),
          forget: (userIds) => this.deps.writer.forgetListed(serverId, userIds),
          closed: () => this.closed,
        },
        row.changesMark!,
        this.limitOf(row),
      );
      if (!read || this.closed || !(await this.mergeIndexFully('tidyIndex'))) return;
      const loaded = this.deps.people.listedCount(serverId);
      // The server stopped giving changes to this account: refreshes copy in full again, as for any such server.
      row = read.mark === null ? { ...row, refreshes: 'full', changesMark: null } : { ...row, changesMark: read.mark };
      const needsPass = row.needsPass || !read.settled;
      this.deps.store.put({ ...row, accountId, total: read.total, loaded, needsPass, syncedAt: this.deps.clock.now(), lastError: null });
      this.deps.log.info(
        `directory refreshed: ${read.pages} pages, ${read.changed} changed, ${read.gone} gone${read.settled ? '' : ', count unexplained'}`,
      );
    } catch (error) {
      if (!this.closed) logFailure(this.deps.log, 'refreshing the people directory', error);
    }
  }

  /** One page of people, cleaned and saved as seen by `round`, then the merging it makes due. */
  private async savePage(serverId: string, people: PeoplePage['people'], round: number): Promise<void> {
    await this.deps.writer.savePage({ serverId, documents: cleaned(people), round, now: this.deps.clock.now() }, null, tidyStepsPerPage);
  }

  /**
   * The end of a complete round read newest change first: someone changed while it read on moved
   * ahead of its offset, into pages already read, and would be pruned as unseen. The changes since
   * the round's first page are read back (usually one page) and saved as seen before the prune.
   * The row with its new mark; null when the core closed.
   */
  private async catchUp(row: DirectorySyncRow, client: UsersApiClient, credentials: Credentials): Promise<DirectorySyncRow | null> {
    const complete = row.total !== null && row.loaded >= row.total;
    if (row.source !== 'users.list' || row.refreshes !== 'changes' || row.changesMark === null || !complete) return row;
    const read = await readChangedPages(
      {
        page: (offset) => fetchPeoplePage(client, credentials, 'users.list', offset),
        save: async (people) => {
          await this.savePage(row.serverId, people, row.round);
        },
        closed: () => this.closed,
      },
      row.changesMark,
      this.limitOf(row),
    );
    if (read === null || this.closed) return null;
    return read.mark === null ? { ...row, refreshes: 'full', changesMark: null } : { ...row, changesMark: read.mark };
  }

  /** Waits in the app's time, in the background; false when the core closed meanwhile. */
  private pause(ms: number): Promise<boolean> {
    return new Promise((resolve) => this.deps.clock.setTimeout(() => resolve(!this.closed), ms, { background: true }));
  }

  /** People the finished round did not see go, a slice per turn of the event loop; false when the core closed first. */
  private async prune(serverId: string, round: number): Promise<boolean> {
    let after: number | null = 0;
    while (after !== null) {
      if (this.closed) return false;
      after = (await this.deps.writer.pruneUnlisted(serverId, round, after)).next;
      await nextTurn();
    }
    return !this.closed;
  }

  /**
   * Merges the index a bounded batch at a time until nothing is left; false when the core closed
   * first. A complete round compacts (one segment, where searches are fastest, D120); a refresh
   * of changes only tidies its few small segments rather than rewrite the whole index each time.
   */
  private async mergeIndexFully(how: 'tidyIndex' | 'compactIndex'): Promise<boolean> {
    while (!this.closed && (await this.deps.writer[how](tidyStepsPerCall)));
    return !this.closed;
  }

  private limitOf(row: DirectorySyncRow): number {
    return this.limits.get(row.serverId) ?? row.maxPeople ?? defaultDirectoryLimit;
  }

  /** The sync finished with fewer people than the server's total (at the limit, or the server's list ended early). */
  private stoppedShort(row: DirectorySyncRow): boolean {
    return row.state === 'done' && row.total !== null && row.loaded < row.total;
  }

  private statusOf(serverId: string): DirectoryStatus {
    const row = this.deps.store.get(serverId);
    const limit = this.limits.get(serverId) ?? row?.maxPeople ?? defaultDirectoryLimit;
    return describeSync(serverId, row, { cached: this.deps.store.cachedCount(serverId), running: this.running.has(serverId), limit });
  }

  /** Progress at most every progressEveryMs, but at least every tenth of the way. */
  private announce(serverId: string, always: boolean, progress?: { loaded: number; total: number | null }): void {
    const now = this.deps.clock.now();
    const last = this.lastEmit.get(serverId);
    const fraction = progress?.total ? progress.loaded / progress.total : 0;
    const due = !last || now - last.at >= progressEveryMs || fraction - last.fraction >= 0.1;
    if (!always && !due) return; // decided before statusOf(), whose count(*) costs a millisecond per page
    const status = this.statusOf(serverId);
    this.lastEmit.set(serverId, { at: now, fraction });
    this.deps.events.emit('directory.changed', status);
  }
}

/** People as a page listed them, cleaned of what the app does not keep (sanitizeUser). */
function cleaned(people: PeoplePage['people']): ListedPage['documents'] {
  return people.map((person) => ({ ...sanitizeUser(person), _id: person._id }));
}
