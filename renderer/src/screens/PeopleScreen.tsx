import { useEffect, useId, useState, type FormEvent } from 'react';
import type { LookupKey, LookupResult } from '../../../shared/profileSchemas';
import { Avatar } from '../components/Avatar';
import { BusyButton } from '../components/BusyButton';
import { DirectorySearch } from '../components/DirectorySearch';
import { ProfileDetails } from '../components/ProfileDetails';
import { TextField } from '../components/TextField';
import { usePeople } from '../stores/peopleStore';

const keys: { key: LookupKey; label: string }[] = [
  { key: 'username', label: 'Username' },
  { key: 'email', label: 'Email address' },
  { key: 'userId', label: 'User ID' },
  { key: 'importId', label: 'Import ID' },
  { key: 'freeSwitchExtension', label: 'Phone extension' },
];

const noOne: never[] = [];

/** Look anyone up on the active account's server; every answer is kept for offline reading. */
export function PeopleScreen({ accountId }: { accountId: string }) {
  const selectId = useId();
  const [key, setKey] = useState<LookupKey>('username');
  const [value, setValue] = useState('');
  const [includeRooms, setIncludeRooms] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<LookupResult | null>(null);
  const recent = usePeople((state) => state.recent[accountId]) ?? noOne;
  const loadRecent = usePeople((state) => state.loadRecent);
  const lookup = usePeople((state) => state.lookup);

  useEffect(() => {
    void loadRecent(accountId);
  }, [accountId, loadRecent]);

  const run = async (lookupKey: LookupKey, lookupValue: string) => {
    if (lookupValue.trim() === '') return setError('Enter what to look up.');
    setBusy(true);
    setError(null);
    const answer = await lookup({ accountId, key: lookupKey, value: lookupValue, includeRooms });
    setBusy(false);
    if (answer.ok) {
      setResult(answer.value);
    } else {
      setResult(null);
      setError(answer.error.message);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(key, value);
  };

  return (
    <section aria-labelledby="people-title" className="screen">
      <h1 id="people-title">People</h1>
      <DirectorySearch accountId={accountId} onOpen={(userId) => void run('userId', userId)} />
      <h2 className="section-title">Look up one person</h2>
      <form className="form lookup" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={selectId}>Look up by</label>
          <select id={selectId} value={key} onChange={(event) => setKey(event.target.value as LookupKey)}>
            {keys.map((option) => (
              <option key={option.key} value={option.key}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Value"
          name="lookup"
          value={value}
          error={error}
          spellCheck={false}
          onChange={(event) => setValue(event.target.value)}
        />
        <label className="checkbox">
          <input type="checkbox" checked={includeRooms} onChange={(event) => setIncludeRooms(event.target.checked)} /> Include rooms (when
          you may see them)
        </label>
        <BusyButton type="submit" busy={busy} busyLabel="Looking up…">
          Look up
        </BusyButton>
      </form>
      {result && (
        <article aria-labelledby="person-title" className="person" data-testid="lookup-result">
          <div className="identity">
            <Avatar
              accountId={accountId}
              username={result.person.username}
              etag={result.person.avatarETag}
              name={result.person.name ?? result.person.username ?? '?'}
              size="large"
            />
            <h2 id="person-title">{result.person.name ?? result.person.username ?? result.person._id}</h2>
          </div>
          {result.fromCache && (
            <p className="notice" role="status">
              The server cannot be reached: this is the copy saved on {new Date(result.fetchedAt).toLocaleString()}.
            </p>
          )}
          <ProfileDetails profile={result.person} />
        </article>
      )}
      {recent.length > 0 && (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">Recent lookups</h2>
          <ul className="recent" data-testid="recent-lookups">
            {recent.map((person) => (
              <li key={person.userId}>
                <button type="button" className="link-button" onClick={() => void run('userId', person.userId)}>
                  {person.name ?? person.username ?? person.userId}
                  {person.username ? ` (@${person.username})` : ''}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
