import { lazy, Suspense, useEffect, useState } from 'react';
import type { OutboxView } from '../../../shared/outboxSchemas';
import { useConnectivity } from '../stores/connectivityStore';
import { pendingByField, useOutbox } from '../stores/outboxStore';
import { useProfiles } from '../stores/profileStore';
import { useUi } from '../stores/uiStore';
import { Notice, type NoticeTone } from './Notice';
import { ProfileDetails } from './ProfileDetails';
import { useMomentaryNotice } from '../forms/useMomentaryNotice';

// The editor loads when first opened: a start shows the profile, not the form (P3, D114).
const ProfileEditor = lazy(() => import('./ProfileEditor').then((loaded) => ({ default: loaded.ProfileEditor })));

/** A save: the fields it edited, and the last history entry before it (later ones are about it). */
interface SaveMoment {
  fields: string[];
  since: number;
}

/**
 * What happened to the fields of the last save, said as it is now: it begins on this
 * computer, and the words follow the outbox until the server has them (or refused them, or
 * answered success without keeping them: the history says which and why).
 */
function saveState(
  { fields, since }: SaveMoment,
  outbox: OutboxView | undefined,
  online: boolean,
  serverName: string,
): { tone: NoticeTone; text: string } {
  const waiting = (outbox?.items ?? []).filter((item) => fields.includes(item.field));
  const lost = (outbox?.history ?? []).filter(
    (entry) => entry.id > since && entry.outcome === 'not-kept' && Object.keys(entry.changes).some((field) => fields.includes(field)),
  );
  if (waiting.length === 0 && lost.length > 0) {
    const reasons = [...new Set(lost.map((entry) => entry.detail ?? 'Not kept by the server.'))].join(' ');
    const lostFields = new Set(lost.flatMap((entry) => Object.keys(entry.changes)));
    const rest = fields.some((field) => !lostFields.has(field))
      ? ` The other changes are saved on this computer and on ${serverName}.`
      : '';
    return { tone: 'warning', text: `${reasons}${rest}` };
  }
  if (waiting.length === 0) return { tone: 'success', text: `Saved on this computer and on ${serverName}.` };
  if (waiting.some((item) => item.state === 'conflict' || item.state === 'failed')) {
    return { tone: 'warning', text: `Saved on this computer, but ${serverName} did not take every change: see Activity.` };
  }
  if (!online) return { tone: 'info', text: `Saved on this computer. It goes to ${serverName} when the server can be reached.` };
  if (waiting.some((item) => item.state === 'waiting')) {
    return {
      tone: 'info',
      text: `Saved on this computer. ${serverName} limits how often a profile can change; the app sends it when allowed.`,
    };
  }
  return { tone: 'info', text: `Saved on this computer. Sending to ${serverName}…` };
}

/** The active account's profile from the cache, with its age, a refresh button and edit mode. */
export function ProfilePanel({
  accountId,
  serverId,
  serverName,
  signedOut,
}: {
  accountId: string;
  serverId: string;
  serverName: string;
  /** The account is signed out: Home says so above, so a refresh that failed for that reason is not said twice. */
  signedOut: boolean;
}) {
  const { views, refreshing, load, refresh } = useProfiles();
  const outbox = useOutbox((state) => state.views[accountId]);
  const loadOutbox = useOutbox((state) => state.load);
  const online = useConnectivity((state) => state.online[serverId] ?? true);
  const focusHeading = useUi((state) => state.focusHeading);
  const [editing, setEditing] = useState(false);
  // The last save's notice: it stays while the save is under way, and goes once it is done and read.
  const { notice: saved, show: showSaved, clear: clearSaved } = useMomentaryNotice<SaveMoment>();
  const view = views[accountId];
  const busy = refreshing[accountId] ?? false;
  const pending = pendingByField(outbox);

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void load(accountId);
    // The same for the edits waiting to be sent.
    void loadOutbox(accountId);
  }, [accountId, load, loadOutbox]);

  const state = saved && saveState(saved, outbox, online, serverName);
  const done = state?.tone === 'success';
  useEffect(() => {
    // Saved everywhere: from now on the notice is about a moment past, and fades.
    if (done && saved) showSaved(saved);
  }, [done, saved, showSaved]);

  if (!view) return <p aria-live="polite">Loading your profile…</p>;
  return (
    <div className="screen">
      <div className="as-of">
        <p data-testid="as-of" data-fetched-at={view.fetchedAt ?? ''} aria-live="polite">
          {view.fetchedAt ? `As of ${new Date(view.fetchedAt).toLocaleString()}` : 'Not loaded from the server yet.'}
          {view.refreshError && !signedOut && (
            <span className="refresh-error" data-testid="refresh-error">
              {' '}
              · Not refreshed: {view.refreshError}
            </span>
          )}
        </p>
        <div className="actions">
          {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
          <button type="button" className="secondary" onClick={() => void refresh(accountId)} disabled={busy} aria-busy={busy || undefined}>
            {busy ? 'Refreshing…' : 'Refresh'}
          </button>
          {view.profile && !editing && (
            <button
              type="button"
              onClick={() => {
                clearSaved();
                setEditing(true);
              }}
            >
              Edit profile
            </button>
          )}
        </div>
      </div>
      {state && (
        <Notice tone={state.tone} testId="save-notice">
          {state.text}
        </Notice>
      )}
      {editing && view.profile ? (
        <Suspense fallback={<p role="status">Opening the editor…</p>}>
          <ProfileEditor
            accountId={accountId}
            profile={view.profile}
            pending={pending}
            workspace={view.workspace}
            onDone={(fields) => {
              setEditing(false);
              const since = Math.max(0, ...(outbox?.history ?? []).map((entry) => entry.id));
              if (fields) showSaved({ fields, since }, { lasts: true });
              else clearSaved();
              focusHeading();
            }}
          />
        </Suspense>
      ) : view.profile ? (
        <ProfileDetails profile={view.profile} pending={pending} own />
      ) : (
        <p>No profile saved on this computer yet.</p>
      )}
    </div>
  );
}
