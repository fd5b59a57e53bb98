import { useEffect, useState } from 'react';
import { pendingByField, useOutbox } from '../stores/outboxStore';
import { useProfiles } from '../stores/profileStore';
import { OfflineBanner } from './OfflineBanner';
import { ProfileDetails } from './ProfileDetails';
import { ProfileEditor } from './ProfileEditor';

/** The active account's profile from the cache, with its age, a refresh button and edit mode. */
export function ProfilePanel({ accountId, serverId, serverName }: { accountId: string; serverId: string; serverName: string }) {
  const { views, refreshing, load, refresh } = useProfiles();
  const outbox = useOutbox((state) => state.views[accountId]);
  const loadOutbox = useOutbox((state) => state.load);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const view = views[accountId];
  const busy = refreshing[accountId] ?? false;
  const pending = pendingByField(outbox);

  useEffect(() => {
    void load(accountId);
    void loadOutbox(accountId);
  }, [accountId, load, loadOutbox]);

  if (!view) return <p aria-live="polite">Loading your profile…</p>;
  return (
    <div className="screen">
      <OfflineBanner serverId={serverId} serverName={serverName} asOf={view.fetchedAt} />
      <div className="as-of">
        <p data-testid="as-of" data-fetched-at={view.fetchedAt ?? ''} aria-live="polite">
          {view.fetchedAt ? `As of ${new Date(view.fetchedAt).toLocaleString()}` : 'Not loaded from the server yet.'}
        </p>
        <button type="button" className="secondary" onClick={() => void refresh(accountId)} disabled={busy} aria-busy={busy || undefined}>
          {busy ? 'Refreshing…' : 'Refresh'}
        </button>
        {view.profile && !editing && (
          <button
            type="button"
            onClick={() => {
              setSaved(null);
              setEditing(true);
            }}
          >
            Edit profile
          </button>
        )}
      </div>
      {view.refreshError && (
        <p className="notice" role="status" data-testid="refresh-error">
          {view.refreshError}
        </p>
      )}
      {saved && (
        <p className="notice" role="status" data-testid="save-notice">
          {saved}
        </p>
      )}
      {editing && view.profile ? (
        <ProfileEditor
          accountId={accountId}
          profile={view.profile}
          pending={pending}
          onDone={(message) => {
            setEditing(false);
            setSaved(message);
          }}
        />
      ) : view.profile ? (
        <ProfileDetails profile={view.profile} pending={pending} />
      ) : (
        <p>No profile saved on this computer yet.</p>
      )}
    </div>
  );
}
