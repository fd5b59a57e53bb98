import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { textLimits } from '../../../shared/limits';
import { missingWords, required } from '../../../shared/requiredFields';
import type { LookupKey, LookupResult } from '../../../shared/profileSchemas';
import { Avatar } from '../components/Avatar';
import { BusyButton } from '../components/BusyButton';
import { DirectorySearch } from '../components/DirectorySearch';
import { Details } from '../components/Notice';
import { ProfileDetails } from '../components/ProfileDetails';
import { ScreenHeading } from '../components/ScreenHeading';
import { TextField } from '../components/TextField';
import { useFormFields } from '../forms/useFormFields';
import { usePeople } from '../stores/peopleStore';
import { useProfiles } from '../stores/profileStore';
import { ScreenAccount } from '../components/ScreenAccount';
import { useMediaQuery } from '../components/useMediaQuery';

const keys: { key: LookupKey; label: string }[] = [
  { key: 'username', label: 'Username' },
  { key: 'email', label: 'Email address' },
  { key: 'userId', label: 'User ID' },
  { key: 'importId', label: 'Import ID' },
  { key: 'freeSwitchExtension', label: 'Phone extension' },
];

const noOne: never[] = [];

/** As wide as the two columns need (styles.css, People): the person beside the search. */
const twoColumns = '(min-width: 1100px)';

/**
 * Look anyone up on the active account's server; every answer is kept for offline reading.
 * The person opened shows beside the search on a wide window, and over it (a dialog, with the
 * way back to the list) on a narrow one — either way in view, its name taking focus; closing
 * the dialog returns focus to what opened it.
 */
export function PeopleScreen({ accountId, serverId, serverName }: { accountId: string; serverId: string; serverName: string }) {
  const selectId = useId();
  const [key, setKey] = useState<LookupKey>('username');
  const fields = useFormFields({ lookup: '' }, () => ({ limit: textLimits.lookupValue, required: required(missingWords.lookupValue) }));
  const [includeRooms, setIncludeRooms] = useState(false);
  const [busy, setBusy] = useState(false);
  const [detail, setDetail] = useState<string | null>(null);
  const [result, setResult] = useState<{ found: LookupResult; roomsAsked: boolean } | null>(null);
  const recent = usePeople((state) => state.recent[accountId]) ?? noOne;
  // Keys this server's release does not know are not offered; a sentence says which and why.
  const unavailable = useProfiles((state) => state.views[accountId]?.workspace.lookupUnavailable) ?? {};
  const offered = keys.filter((option) => !Object.hasOwn(unavailable, option.key));
  const loadRecent = usePeople((state) => state.loadRecent);
  const lookup = usePeople((state) => state.lookup);
  const card = useRef<HTMLHeadingElement>(null);
  const wide = useMediaQuery(twoColumns);
  // What had focus when the person was asked for: where closing the dialog goes back to.
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void loadRecent(accountId);
  }, [accountId, loadRecent]);

  useEffect(() => {
    if (!result) return;
    card.current?.scrollIntoView({ block: 'nearest' });
    card.current?.focus({ preventScroll: true });
  }, [result, wide]);

  const backToList = () => {
    setResult(null);
    if (opener.current?.isConnected) opener.current.focus();
  };

  /** Looks up from the form, or (`fromForm` false) a person picked in the directory or the recent list. */
  const run = async (lookupKey: LookupKey, lookupValue: string, fromForm = false) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setBusy(true);
    fields.answer({});
    setDetail(null);
    const answer = await lookup({ accountId, key: lookupKey, value: lookupValue, includeRooms });
    setBusy(false);
    if (answer.ok) {
      setResult({ found: answer.value, roomsAsked: includeRooms });
    } else {
      setResult(null);
      // The answer is said on the lookup field; it takes focus only when the person used the form.
      fields.answer({ lookup: answer.error.message }, { focus: fromForm });
      setDetail(answer.error.detail ?? null);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // How it went shows on screen; an event handler has nobody to hand the promise to.
    if (fields.validate()) void run(key, fields.values.lookup, true);
  };

  const person = result?.found.person;
  const personName = person ? (person.name ?? person.username ?? person._id) : '';
  return (
    <section aria-labelledby="people-title" className="screen people">
      <ScreenHeading id="people-title">People</ScreenHeading>
      <ScreenAccount accountId={accountId} />
      <div className="people-layout">
        <div className="people-directory">
          <DirectorySearch
            accountId={accountId}
            serverId={serverId}
            serverName={serverName}
            // How it went shows on screen; an event handler has nobody to hand the promise to.
            onOpen={(userId) => void run('userId', userId)}
          />
        </div>
        <div className="people-lookup">
          <h2 className="section-title">Look up one person</h2>
          <form className="form lookup" onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor={selectId}>Look up by</label>
              <select id={selectId} value={key} onChange={(event) => setKey(event.target.value as LookupKey)}>
                {offered.map((option) => (
                  <option key={option.key} value={option.key}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
            {Object.values(unavailable).map((words) => (
              <p key={words} className="hint" data-testid="lookup-unavailable">
                {words}
              </p>
            ))}
            <TextField
              label={`${keys.find((option) => option.key === key)!.label} to look up`}
              name="lookup"
              spellCheck={false}
              {...fields.bind('lookup')}
            />
            {detail && <Details detail={detail} />}
            <label className="checkbox">
              <input type="checkbox" checked={includeRooms} onChange={(event) => setIncludeRooms(event.target.checked)} /> Include their
              rooms (shown only when the server lets you see them)
            </label>
            <BusyButton type="submit" busy={busy} busyLabel="Looking up…">
              Look up
            </BusyButton>
          </form>
          {recent.length > 0 && (
            <section aria-labelledby="recent-title">
              <h2 id="recent-title" className="section-title">
                Recent lookups
              </h2>
              <ul className="recent" data-testid="recent-lookups">
                {recent.map((entry) => (
                  <li key={entry.userId}>
                    {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
                    <button type="button" className="link-button" onClick={() => void run('userId', entry.userId)}>
                      {entry.name ?? entry.username ?? entry.userId}
                      {entry.username ? ` (@${entry.username})` : ''}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        {!person ? (
          wide && <p className="person-placeholder hint">Search the directory or look someone up: their profile shows here.</p>
        ) : (
          <PersonPlace over={!wide} onClose={backToList}>
            <article aria-labelledby="person-title" className="person" data-testid="lookup-result">
              <div className="identity">
                <Avatar accountId={accountId} username={person.username} etag={person.avatarETag} name={personName} size="large" />
                <h2 id="person-title" ref={card} tabIndex={-1}>
                  {personName}
                </h2>
              </div>
              {result.found.fromCache && (
                <p className="hint" role="status">
                  {serverName} did not answer just now: this is the copy saved on {new Date(result.found.fetchedAt).toLocaleString()}.
                </p>
              )}
              <ProfileDetails profile={person} roomsAsked={result.roomsAsked} />
            </article>
          </PersonPlace>
        )}
      </div>
    </section>
  );
}

/**
 * Where the person opened shows: in the page beside the search, or (`over`) in a modal dialog
 * over it with a button back to the list; Escape goes back too.
 */
function PersonPlace({ over, onClose, children }: { over: boolean; onClose(): void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (over && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [over]);
  if (!over) return children;
  // Closed before the page goes on: focus can return only once the page behind is no longer inert.
  const back = () => {
    dialog.current?.close();
    onClose();
  };
  return (
    <dialog
      ref={dialog}
      className="dialog person-dialog"
      aria-labelledby="person-title"
      onCancel={(event) => {
        event.preventDefault();
        back();
      }}
    >
      <button type="button" className="secondary back-to-list" onClick={back}>
        ← Back to the list
      </button>
      {children}
    </dialog>
  );
}
