import { useEffect, useState } from 'react';
import type { DirectorySearchResult, DirectoryStatus } from '../../../shared/directorySchemas';
import { useDirectory } from '../stores/directoryStore';
import { TextField } from './TextField';

const count = (n: number) => n.toLocaleString();

function describe(status: DirectoryStatus | null): string {
  if (!status) return 'Checking the saved directory…';
  switch (status.state) {
    case 'never':
      return 'The people directory has not been saved on this computer yet.';
    case 'syncing':
      return status.total === null
        ? 'Saving the people directory…'
        : `Saving the people directory: ${count(status.loaded)} of ${count(status.total)} people.`;
    case 'paused':
      return `Directory sync paused at ${count(status.loaded)}${status.total === null ? '' : ` of ${count(status.total)}`} people. ${status.error ?? ''}`;
    case 'failed':
      return `The directory could not be saved. ${status.error ?? ''}`;
    case 'done':
      return `${count(status.cached)} people saved on this computer, synced ${status.syncedAt ? new Date(status.syncedAt).toLocaleString() : ''}.`;
  }
}

/**
 * The server's people directory, copied to this computer in the background and searched
 * locally as you type, so results come at once, offline too. Picking a result opens it.
 */
export function DirectorySearch({ accountId, onOpen }: { accountId: string; onOpen(userId: string): void }) {
  const status = useDirectory((state) => {
    const serverId = state.servers[accountId];
    return serverId ? (state.statuses[serverId] ?? null) : null;
  });
  // Bumped by each progress report of this server's sync: more people saved, search again.
  const progress = useDirectory((state) => {
    const serverId = state.servers[accountId];
    return serverId ? (state.progress[serverId] ?? 0) : 0;
  });
  const sync = useDirectory((state) => state.sync);
  const search = useDirectory((state) => state.search);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; result: DirectorySearchResult } | null>(null);

  useEffect(() => {
    void sync(accountId);
  }, [accountId, sync]);

  useEffect(() => {
    if (query.trim() === '') return undefined;
    let live = true;
    void search(accountId, query).then((answer) => {
      if (live && answer.ok) setFound({ query, result: answer.value });
    });
    return () => {
      live = false;
    };
  }, [accountId, query, progress, search]);

  const syncing = status?.state === 'syncing';
  const shown = query.trim() !== '' && found?.query === query ? found.result : null;
  return (
    <section aria-labelledby="directory-title" className="directory">
      <h2 id="directory-title" className="section-title">
        Directory
      </h2>
      <div className="directory-status">
        <p data-testid="directory-status" aria-live="polite">
          {describe(status)}
        </p>
        {syncing && (
          <progress
            aria-label="Directory sync progress"
            data-testid="directory-progress"
            max={status.total ?? undefined}
            value={status.total === null ? undefined : status.loaded}
          />
        )}
        <button type="button" className="secondary" onClick={() => void sync(accountId, true)} disabled={syncing || !status}>
          {status?.state === 'failed' || status?.state === 'paused' ? 'Try again' : 'Sync now'}
        </button>
      </div>
      <TextField
        label="Search people"
        type="search"
        name="directory-search"
        value={query}
        autoComplete="off"
        spellCheck={false}
        hint="Name, username, nickname or email; three letters or more find matches inside words."
        onChange={(event) => setQuery(event.target.value)}
      />
      {shown && shown.people.length === 0 && <p role="status">No one saved on this computer matches “{query.trim()}”.</p>}
      {shown && shown.people.length > 0 && (
        <ul className="directory-results" data-testid="directory-results" aria-label="Search results">
          {shown.people.map((person) => (
            <li key={person.userId}>
              <button type="button" className="result" onClick={() => onOpen(person.userId)}>
                <span className="result-name">{person.name ?? person.username ?? person.userId}</span>
                {person.username && <span className="result-detail">@{person.username}</span>}
                {person.emails[0] && <span className="result-detail">{person.emails[0]}</span>}
                {person.status && <span className={`presence ${person.status}`}>{person.status}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown?.more && <p className="hint">More people match: type more to narrow the list.</p>}
    </section>
  );
}
