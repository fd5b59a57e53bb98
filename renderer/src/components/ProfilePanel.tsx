import { useEffect } from 'react';
import { useProfiles } from '../stores/profileStore';
import { OfflineBanner } from './OfflineBanner';
import { ProfileDetails } from './ProfileDetails';

/** The active account's profile from the cache, with its age and a refresh button. */
export function ProfilePanel({ accountId, serverId, serverName }: { accountId: string; serverId: string; serverName: string }) {
  const { views, refreshing, load, refresh } = useProfiles();
  const view = views[accountId];
  const busy = refreshing[accountId] ?? false;

  useEffect(() => {
    void load(accountId);
  }, [accountId, load]);

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
      </div>
      {view.refreshError && (
        <p className="notice" role="status" data-testid="refresh-error">
          {view.refreshError}
        </p>
      )}
      {view.profile ? <ProfileDetails profile={view.profile} /> : <p>No profile saved on this computer yet.</p>}
    </div>
  );
}
