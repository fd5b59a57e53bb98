import { useEffect, useState } from 'react';
import { ChangeEmailForm } from '../components/ChangeEmailForm';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { TotpSection } from '../components/TotpSection';
import { useConnectivity } from '../stores/connectivityStore';
import { useSecurity } from '../stores/securityStore';

/** Password, email, two-factor and sessions of the active account. Online only: never queued. */
export function SecurityScreen({ accountId, serverId }: { accountId: string; serverId: string }) {
  const online = useConnectivity((state) => state.online[serverId] ?? true);
  const view = useSecurity((state) => state.views[accountId]) ?? null;
  const problem = useSecurity((state) => state.problems[accountId]) ?? null;
  const load = useSecurity((state) => state.load);
  const signOutOtherDevices = useSecurity((state) => state.signOutOthers);
  const [message, setMessage] = useState<string | null>(null);
  const [confirmSignOut, setConfirmSignOut] = useState(false);

  // Loads now, and again whenever the server comes or goes.
  useEffect(() => {
    void load(accountId);
  }, [accountId, online, load]);

  const done = (text: string) => {
    setMessage(text);
    void load(accountId);
  };

  const signOutOthers = async () => {
    setConfirmSignOut(false);
    const result = await signOutOtherDevices(accountId);
    setMessage(result.ok ? result.value.message : result.error.message);
  };

  return (
    <section aria-labelledby="security-title" className="screen">
      <h1 id="security-title">Security</h1>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {!view ? (
        <p aria-live="polite">Checking your security settings with the server…</p>
      ) : (
        <>
          {!view.available && (
            <p className="notice" role="status" data-testid="security-unavailable">
              {view.reason}
            </p>
          )}
          {message && (
            <p className="notice" role="status" data-testid="security-message">
              {message}
            </p>
          )}
          <section aria-labelledby="two-factor-title">
            <h2 id="two-factor-title" className="section-title">
              Two-factor authentication
            </h2>
            <TotpSection view={view} onDone={done} />
          </section>
          <section aria-labelledby="password-title">
            <h2 id="password-title" className="section-title">
              Password
            </h2>
            {!view.hasPassword && <p className="hint">This account signs in through another service and has no password here.</p>}
            <ChangePasswordForm view={view} onDone={done} />
          </section>
          <section aria-labelledby="email-title">
            <h2 id="email-title" className="section-title">
              Email
            </h2>
            <ChangeEmailForm view={view} onDone={done} />
          </section>
          <section aria-labelledby="sessions-title">
            <h2 id="sessions-title" className="section-title">
              Sessions
            </h2>
            <p className="hint">Sign out everywhere else — phones, browsers, other computers. This device stays signed in.</p>
            <button type="button" className="secondary" disabled={!view.available} onClick={() => setConfirmSignOut(true)}>
              Sign out other devices
            </button>
          </section>
          <ConfirmDialog
            open={confirmSignOut}
            title="Sign out other devices?"
            message="Every other session of this account ends now. You stay signed in here."
            confirmLabel="Sign out others"
            onCancel={() => setConfirmSignOut(false)}
            onConfirm={() => void signOutOthers()}
          />
        </>
      )}
    </section>
  );
}
