import { useEffect, useState } from 'react';
import type { DirectorySearchResult, DirectoryStatus } from '../../../shared/directorySchemas';
import { textLimits } from '../../../shared/limits';
import { tooLong } from '../forms/lengthLimit';
import { useConnectivity } from '../stores/connectivityStore';
import { useDirectory } from '../stores/directoryStore';
import { presenceName } from '../words/presence';
import { Avatar } from './Avatar';
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
      return `${saved}, synced ${status.syncedAt ? new Date(status.syncedAt).toLocaleString() : ''}.`;
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
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; result: DirectorySearchResult } | null>(null);
  // Over the limit the field says "Too long" and nothing is asked.
  const searchable = query.trim() !== '' && !tooLong(query, textLimits.directoryQuery);

  useEffect(() => {
    void sync(accountId);
  }, [accountId, sync]);

  useEffect(() => {
    if (!searchable) return undefined;
    let live = true;
    void search(accountId, query).then((answer) => {
      if (live && answer.ok) setFound({ query, result: answer.value });
    });
    return () => {
      live = false;
    };
  }, [accountId, query, searchable, progress, search]);

  const syncing = status?.state === 'syncing' && online;
  const shown = searchable && found?.query === query ? found.result : null;
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
        <button type="button" className="secondary" onClick={() => void sync(accountId, true)} disabled={syncing || !status || !online}>
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
        hint="Name, username, nickname or email; three letters or more find matches inside words."
        onChange={(event) => setQuery(event.target.value)}
      />
      {shown && shown.people.length === 0 && <p role="status">No one saved on this computer matches “{query.trim()}”.</p>}
      {shown && shown.people.length > 0 && (
        <>
          <p className="hint" role="status" data-testid="directory-count">
            {shown.more
              ? `The first ${people(shown.people.length)} who match; type more to narrow the list.`
              : `${people(shown.people.length)} ${shown.people.length === 1 ? 'matches' : 'match'}.`}
          </p>
          <ul className="directory-results" data-testid="directory-results" aria-label="Search results">
            {shown.people.map((person) => {
              const name = person.name ?? person.username ?? person.userId;
              const presence = presenceName(person.status);
              return (
                <li key={person.userId}>
                  <button type="button" className="result" onClick={() => onOpen(person.userId)}>
                    <Avatar accountId={accountId} username={person.username} name={name} presence={person.status} />
                    <span className="result-text">
                      <span className="result-name">{name}</span>
                      <span className="result-detail">
                        {[person.username && `@${person.username}`, person.emails[0]].filter(Boolean).join(' · ')}
                      </span>
                    </span>
                    {presence && <span className="result-presence">{presence}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
