import { useEffect, useState } from 'react';
import type { DeviceSession } from '../../../shared/deviceSessionSchemas';
import { useDeviceSessions } from '../stores/deviceSessionsStore';
import { timeAgo } from '../words/timeAgo';
import { ConfirmDialog } from './ConfirmDialog';
import { Notice } from './Notice';

const clientWords = (session: DeviceSession) => session.client || 'Unknown app';

/**
 * The account's signed-in devices, where the server lists them (an enterprise feature): device,
 * app, address and when it last signed in, each with "Sign out" after a confirmation. This
 * computer's own session is marked and not offered. Where the server does not list devices
 * nothing shows, and the section's "Sign out other devices" is all there is.
 */
export function DeviceSessionsList({ accountId, online }: { accountId: string; online: boolean }) {
  const view = useDeviceSessions((state) => state.views[accountId]) ?? null;
  const problem = useDeviceSessions((state) => state.problems[accountId]) ?? null;
  const { load, signOutSession } = useDeviceSessions();
  const [asking, setAsking] = useState<DeviceSession | null>(null);
  const [busy, setBusy] = useState(false);
  // Kept with the account it answers for: another account's list starts without it.
  const [said, setSaid] = useState<{ accountId: string; text: string; ok: boolean } | null>(null);
  const answer = said?.accountId === accountId ? said : null;

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the list.
    void load(accountId);
  }, [accountId, online, load]);

  const signOut = async (session: DeviceSession) => {
    setAsking(null);
    setBusy(true);
    setSaid(null);
    const result = await signOutSession({ accountId, sessionId: session.sessionId });
    setBusy(false);
    setSaid(result.ok ? { accountId, text: result.value.message, ok: true } : { accountId, text: result.error.message, ok: false });
    // What is true now: the device gone, or the list as the server has it after a refusal.
    void load(accountId);
  };

  if (!view) return problem ? <Notice tone="error">{problem}</Notice> : null;
  return (
    <div data-testid="device-sessions">
      {problem && <Notice tone="error">{problem}</Notice>}
      {view.reason && (
        <p className="hint" role="status">
          {view.reason}
        </p>
      )}
      {view.listed && (
        <>
          <h3>Signed-in devices of {view.accountLabel}</h3>
          <ul className="device-sessions" aria-label={`Signed-in devices of ${view.accountLabel}`}>
            {view.sessions.map((session) => (
              <li key={session.sessionId} data-testid="device-session">
                <div>
                  <strong>{session.device}</strong> · {clientWords(session)}
                  {session.thisComputer && <span className="badge ok"> This computer</span>}
                </div>
                <div className="hint">
                  {session.ip ? `From ${session.ip}. ` : ''}
                  {session.lastSignIn ? `Signed in ${timeAgo(session.lastSignIn)}.` : ''}
                </div>
                {!session.thisComputer && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={!online || busy}
                    aria-label={`Sign out ${session.device}, ${clientWords(session)}`}
                    onClick={() => setAsking(session)}
                  >
                    Sign out
                  </button>
                )}
              </li>
            ))}
          </ul>
          {view.total > view.sessions.length && (
            <p className="hint">
              The newest {view.sessions.length} of {view.total} sessions are shown.
            </p>
          )}
        </>
      )}
      {answer && (
        <Notice tone={answer.ok ? 'success' : 'error'} testId="device-session-answer">
          {answer.text}
        </Notice>
      )}
      <ConfirmDialog
        open={asking !== null}
        title="Sign out this device?"
        message={
          asking
            ? `${asking.device} (${clientWords(asking)}${asking.ip ? `, ${asking.ip}` : ''}) will be signed out of ${view.accountLabel}. It needs the password to sign in again.`
            : ''
        }
        confirmLabel="Sign out device"
        onCancel={() => setAsking(null)}
        // How it went shows in the list; a click handler has nobody to hand the promise to.
        onConfirm={() => asking && void signOut(asking)}
      />
    </div>
  );
}
