import { create } from 'zustand';
import type { DirectoryStatus, PersonHit } from '../../../shared/directorySchemas';
import { directoryPageSize } from '../../../shared/limits';
import { getApi, type ApiSource } from '../bridge/api';

/** People asked for per page (shared/limits.ts says why this many). */
export const searchPageSize = directoryPageSize;

/** The people found for one query, page after page as the list is scrolled. */
export interface DirectoryResults {
  accountId: string;
  query: string;
  people: PersonHit[];
  /** More people match than are loaded; `next` fetches them. */
  more: boolean;
  next: string | null;
  /** A further page is on its way. */
  loadingMore: boolean;
  /** Why the last page could not be read, while that is still true (cleared by the next answer). */
  error: string | null;
}

interface DirectoryState {
  /** serverId → where its people directory saved on this computer stands. */
  statuses: Record<string, DirectoryStatus>;
  /** accountId → its server, as the first sync answer said. */
  servers: Record<string, string>;
  /** serverId → how many progress reports came: a search runs again when more people are saved. */
  progress: Record<string, number>;
  /** The answer to the latest query asked, once it has come; null while none has. */
  results: DirectoryResults | null;
  /** The latest query asked: only its answers are kept (typing fast never shows an earlier query's). */
  asked: { accountId: string; query: string } | null;
  /** Starts (or, with `force`, restarts) saving the directory; `maxPeople` raises the limit on this computer. */
  sync(accountId: string, options?: { force?: boolean; maxPeople?: number }): Promise<void>;
  /** Searches the saved directory for the first page; an empty query lists everyone saved, in directory order. */
  search(accountId: string, query: string): Promise<void>;
  /** Reads the next page of the shown results, once at a time. */
  loadMore(): Promise<void>;
  /**
   * Reads the shown results again, as far as they were scrolled, so people saved since show up
   * in their places; one at a time (asked again while one runs, it runs once more after).
   */
  refresh(): Promise<void>;
  /** Follows the core's `directory.changed` reports. Returns the unsubscribe. */
  follow(): () => void;
}

export function createDirectoryStore(api: ApiSource) {
  // Each search gets a number; an answer whose number is no longer the latest is dropped.
  let latest = 0;
  let refreshing: Promise<void> | null = null;
  let refreshAgain = false;
  return create<DirectoryState>((set, get) => {
    /** The shown list read again from its start, page by page, until it is as long as it was. */
    const reread = async (shown: DirectoryResults, ticket: number): Promise<void> => {
      const people: PersonHit[] = [];
      let after: string | undefined;
      let page: { more: boolean; next: string | null } = { more: false, next: null };
      do {
        const answer = await api()['directory.search']({ accountId: shown.accountId, query: shown.query, limit: searchPageSize, after });
        // A failed re-read keeps the list as it was: it is still what was saved when it was read.
        if (!answer.ok || ticket !== latest) return;
        const listed = new Set(people.map((person) => person.userId));
        people.push(...answer.value.people.filter((person) => !listed.has(person.userId)));
        page = answer.value;
        after = page.next ?? undefined;
      } while (page.more && page.next && people.length < shown.people.length);
      if (ticket !== latest) return;
      // Scrolled further (a page came) while this read: read again, as far as the list goes now.
      if (get().results !== shown) return void (refreshAgain = true);
      set({ results: { ...shown, people, more: page.more, next: page.next, error: null } });
    };
    return {
      statuses: {},
      servers: {},
      progress: {},
      results: null,
      asked: null,
      async sync(accountId, options = {}) {
        const answer = await api()['directory.sync']({ accountId, ...options });
        if (!answer.ok) return;
        const { serverId } = answer.value;
        set({ statuses: { ...get().statuses, [serverId]: answer.value }, servers: { ...get().servers, [accountId]: serverId } });
      },
      async search(accountId, query) {
        const ticket = ++latest;
        // Nothing typed lists everyone saved, to browse.
        set({ asked: { accountId, query } });
        const answer = await api()['directory.search']({ accountId, query, limit: searchPageSize });
        if (ticket !== latest) return;
        set({
          results: answer.ok
            ? {
                accountId,
                query,
                people: answer.value.people,
                more: answer.value.more,
                next: answer.value.next,
                loadingMore: false,
                error: null,
              }
            : { accountId, query, people: [], more: false, next: null, loadingMore: false, error: answer.error.message },
        });
      },
      async loadMore() {
        const shown = get().results;
        if (!shown?.more || !shown.next || shown.loadingMore) return;
        const ticket = latest;
        set({ results: { ...shown, loadingMore: true } });
        const answer = await api()['directory.search']({
          accountId: shown.accountId,
          query: shown.query,
          limit: searchPageSize,
          after: shown.next,
        });
        // A new query (or the same one asked again) since: this page belongs to a list no longer shown.
        const current = get().results;
        if (ticket !== latest || !current) return;
        if (!answer.ok) {
          set({ results: { ...current, loadingMore: false, error: answer.error.message } });
          return;
        }
        // Keyed by user: a person already listed (the directory changed between pages) is not listed twice.
        const listed = new Set(current.people.map((person) => person.userId));
        set({
          results: {
            ...current,
            people: [...current.people, ...answer.value.people.filter((person) => !listed.has(person.userId))],
            more: answer.value.more,
            next: answer.value.next,
            loadingMore: false,
            error: null,
          },
        });
      },
      async refresh() {
        if (refreshing) {
          refreshAgain = true;
          return refreshing;
        }
        const shown = get().results;
        if (!shown) return;
        refreshing = reread(shown, latest).finally(() => (refreshing = null));
        await refreshing;
        if (!refreshAgain) return;
        refreshAgain = false;
        await get().refresh();
      },
      follow: () =>
        api().on('directory.changed', (status) =>
          set({
            statuses: { ...get().statuses, [status.serverId]: status },
            progress: { ...get().progress, [status.serverId]: (get().progress[status.serverId] ?? 0) + 1 },
          }),
        ),
    };
  });
}

export const useDirectory = createDirectoryStore(getApi);

/** Keeps directory statuses in step with the core's background sync. Returns the unsubscribe. */
export const followDirectoryChanges = () => useDirectory.getState().follow();
