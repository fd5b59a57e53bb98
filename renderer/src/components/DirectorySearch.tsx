import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DirectoryStatus } from '../../../shared/directorySchemas';
import { maxDirectoryLimit, textLimits } from '../../../shared/limits';
import { tooLong } from '../forms/lengthLimit';
import { useConnectivity } from '../stores/connectivityStore';
import { useDirectory } from '../stores/directoryStore';
import { DirectoryResultsList, type DirectoryResultsHandle } from './DirectoryResultsList';
import { TextField } from './TextField';

const count = (n: number) => n.toLocaleString();
const people = (n: number) => `${count(n)} ${n === 1 ? 'person' : 'people'}`;

/**
 * Where the saved directory stands, in words that stay true: the number saved on this
 * computer leads (it only grows), the progress of a sync follows it, and a sync the
 * network interrupted is said to be paused, not "saving".
 */
function describe(status: DirectoryStatus | null, online: boolean, serverName: string): string {
  if (!status) return 'Checking the saved directory…';
  const saved = `${people(status.cached)} saved on this computer`;
  switch (status.state) {
    case 'never':
      return 'The people directory has not been saved on this computer yet.';
    case 'syncing':
      if (!online) return `Directory sync paused: ${serverName} cannot be reached. ${saved}; search works offline.`;
      return status.total === null
        ? `Saving the people directory… ${saved} so far.`
        : `Saving the people directory: ${count(Math.min(status.loaded, status.total))} of ${people(status.total)} read from the server; ${saved}.`;
    case 'paused':
      return `Directory sync paused at ${count(status.loaded)}${status.total === null ? '' : ` of ${count(status.total)}`} people. ${status.error ?? ''}`;
    case 'failed':
      return `The directory could not be saved. ${status.error ?? ''}`;
    case 'done':
      if (status.capped && status.total !== null) {
        return `${saved}: the first ${count(status.loaded)} of the server's ${people(status.total)}, the most this computer keeps for it. Synced ${status.syncedAt ? new Date(status.syncedAt).toLocaleString() : ''}.`;
      }
      return `${saved}, synced ${status.syncedAt ? new Date(status.syncedAt).toLocaleString() : ''}.${status.note ? ` ${status.note}` : ''}`;
  }
}

/**
 * The server's people directory, copied to this computer in the background and searched
 * locally as you type, so results come at once, offline too. Picking a result opens it.
 */
export function DirectorySearch({
  accountId,
  serverId,
  serverName,
  onOpen,
}: {
  accountId: string;
  serverId: string;
  serverName: string;
  onOpen(userId: string): void;
}) {
  const status = useDirectory((state) => state.statuses[serverId] ?? null);
  // Bumped by each progress report of this server's sync: more people saved, search again.
  const progress = useDirectory((state) => state.progress[serverId] ?? 0);
  const online = useConnectivity((state) => state.online[serverId] ?? true);
  const sync = useDirectory((state) => state.sync);
  const search = useDirectory((state) => state.search);
  const refresh = useDirectory((state) => state.refresh);
  const loadMore = useDirectory((state) => state.loadMore);
  const results = useDirectory((state) => state.results);
  const [query, setQuery] = useState('');
  // Over the limit the field says "Too long" and nothing is asked; nothing typed lists everyone saved.
  const searchable = !tooLong(query, textLimits.directoryQuery);
  const blank = query.trim() === '';
  const list = useRef<DirectoryResultsHandle>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  // What the last search asked: a progress report asks again only for the same query's short list.
  const asked = useRef<string | null>(null);

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void sync(accountId);
  }, [accountId, sync]);

  useEffect(() => {
    const key = `${accountId}\n${searchable ? query : ''}`;
    const current = useDirectory.getState().results;
    // More people saved: a list already read is read again as far as it was scrolled, so it keeps its length.
    // An effect cannot wait; the store keeps the answer for the screen (a failed re-read keeps the list).
    if (asked.current === key && current) return void refresh();
    asked.current = key;
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void search(accountId, searchable ? query : '');
  }, [accountId, query, searchable, search, refresh, progress]);

  // How it went shows on screen; an event handler has nobody to hand the promise to.
  const onLoadMore = useCallback(() => void loadMore(), [loadMore]);
  const syncing = status?.state === 'syncing' && online;
  const shown = searchable && results?.accountId === accountId && results.query === query ? results : null;
  // Arrow Down leaves the search box for the first person found; Arrow Up on the first comes back.
  const intoResults = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowDown' || !shown || shown.people.length === 0) return;
    event.preventDefault();
    list.current?.focusRow(0);
  };
  const raiseTo = status?.capped && status.total !== null ? Math.min(status.total, maxDirectoryLimit) : null;
  return (
    <section aria-labelledby="directory-title" className="directory">
      <h2 id="directory-title" className="section-title">
        Directory
      </h2>
      <div className="directory-status">
        <p data-testid="directory-status" aria-live="polite">
          {describe(status, online, serverName)}
        </p>
        {syncing && (
          <progress
            aria-label="Directory sync progress"
            data-testid="directory-progress"
            max={status.total ?? undefined}
            value={status.total === null ? undefined : status.loaded}
          />
        )}
        {raiseTo !== null && !syncing && raiseTo > (status?.limit ?? 0) && (
          <button
            type="button"
            className="secondary"
            onClick={() => void sync(accountId, { maxPeople: raiseTo }) /* the store shows the progress */}
            disabled={!online}
          >
            Save all {count(raiseTo)}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          // How it went shows on screen; an event handler has nobody to hand the promise to.
          onClick={() => void sync(accountId, { force: true })}
          disabled={syncing || !status || !online}
        >
          {status?.state === 'failed' || status?.state === 'paused' ? 'Try again' : 'Sync now'}
        </button>
      </div>
      <TextField
        label="Search people"
        type="search"
        name="directory-search"
        value={query}
        limit={textLimits.directoryQuery}
        autoComplete="off"
        spellCheck={false}
        hint="Any part of a name, username, nickname or email; words in any order."
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={intoResults}
        ref={searchBox}
      />
      {shown && shown.people.length === 0 && !shown.error && (
        <p role="status">{blank ? 'No one is saved on this computer yet.' : `No one saved on this computer matches “${query.trim()}”.`}</p>
      )}
      {shown?.error && (
        <p role="alert" className="error">
          {shown.error}
        </p>
      )}
      {shown && shown.people.length > 0 && (
        <>
          <p className="hint" role="status" data-testid="directory-count">
            {blank
              ? `${people(shown.people.length)} listed${shown.more ? ' so far; more below' : ''}. Type to search.`
              : shown.more
                ? `${people(shown.people.length)} listed so far; more match below.`
                : `${people(shown.people.length)} ${shown.people.length === 1 ? 'matches' : 'match'}.`}
          </p>
          <DirectoryResultsList
            ref={list}
            onLeaveTop={() => searchBox.current?.focus()}
            accountId={accountId}
            people={shown.people}
            more={shown.more}
            loadingMore={shown.loadingMore}
            onLoadMore={onLoadMore}
            onOpen={onOpen}
          />
        </>
      )}
    </section>
  );
}
