import { useEffect, useState } from 'react';
import { AccessTokensSection } from '../components/AccessTokensSection';
import { ChangeEmailForm } from '../components/ChangeEmailForm';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataDownloadSection } from '../components/DataDownloadSection';
import { DeleteAccountSection } from '../components/DeleteAccountSection';
import { DeviceSessionsList } from '../components/DeviceSessionsList';
import { Notice } from '../components/Notice';
import { PasswordChangeRequest } from '../components/PasswordChangeRequest';
import { ScreenHeading } from '../components/ScreenHeading';
import { TotpSection } from '../components/TotpSection';
import { TwoFactorExtras } from '../components/TwoFactorExtras';
import { useAccounts } from '../stores/accountsStore';
import { useConnectivity } from '../stores/connectivityStore';
import { useDeviceSessions } from '../stores/deviceSessionsStore';
import { useProfiles } from '../stores/profileStore';
import { useSecurity } from '../stores/securityStore';
import { ScreenAccount } from '../components/ScreenAccount';
import { useAccountLabel } from '../stores/useAccountLabel';
import { useMomentaryNotice } from '../forms/useMomentaryNotice';

/** The password form's first field, brought into view (the server's request to change it). */
function goToPasswordForm(): void {
  const field = document.querySelector<HTMLElement>('#change-password-form input');
  field?.scrollIntoView({ block: 'center' });
  field?.focus();
}

/** Password, email, two-factor and sessions of the active account. Online only: never queued. */
export function SecurityScreen({ accountId, serverId }: { accountId: string; serverId: string }) {
  const online = useConnectivity((state) => state.online[serverId] ?? true);
  const accountState = useAccounts((state) => state.accounts.find((account) => account.id === accountId)?.state);
  const profile = useProfiles((state) => state.views[accountId]?.profile);
  const label = useAccountLabel(accountId);
  const view = useSecurity((state) => state.views[accountId]) ?? null;
  const problem = useSecurity((state) => state.problems[accountId]) ?? null;
  const load = useSecurity((state) => state.load);
  const signOutOtherDevices = useSecurity((state) => state.signOutOthers);
  const { notice: message, show, clear } = useMomentaryNotice<{ text: string; ok: boolean }>();
  // A failure stays while it is true; "Password changed" belongs to its moment, not to the next change.
  const setMessage = (next: { text: string; ok: boolean } | null) => (next ? show(next, { lasts: !next.ok }) : clear());
  const [confirmSignOut, setConfirmSignOut] = useState(false);

  // Loads now, and again whenever the server comes or goes or the account signs in or out.
  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void load(accountId);
  }, [accountId, online, accountState, load]);

  const done = (text: string) => {
    setMessage({ text, ok: true });
    // The screen reads the new state from the store when the reload lands.
    void load(accountId);
  };

  const signOutOthers = async () => {
    setConfirmSignOut(false);
    const result = await signOutOtherDevices(accountId);
    setMessage(result.ok ? { text: result.value.message, ok: true } : { text: result.error.message, ok: false });
    // The list of devices, where the server keeps one, loses the others.
    void useDeviceSessions.getState().load(accountId);
  };

  return (
    <section aria-labelledby="security-title" className="screen security">
      <ScreenHeading id="security-title">Security</ScreenHeading>
      <ScreenAccount accountId={accountId} />
      {problem && <Notice tone="error">{problem}</Notice>}
      {view?.available && profile?.requirePasswordChange && !view.blocked.password && (
        <PasswordChangeRequest reason={profile.requirePasswordChangeReason} onChange={goToPasswordForm} />
      )}
      {message && (
        <Notice tone={message.ok ? 'success' : 'error'} testId="security-message">
          {message.text}
        </Notice>
      )}
      {!view ? (
        <p aria-live="polite">Checking your security settings with the server…</p>
      ) : (
        <>
          {!view.available && (
            <p className="hint" role="status" data-testid="security-unavailable">
              {view.reason}
            </p>
          )}
          <section aria-labelledby="two-factor-title" className="card">
            <h2 id="two-factor-title" className="section-title">
              Two-factor authentication
            </h2>
            {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
            <TotpSection view={view} onDone={done} onChanged={() => void load(accountId)} />
            <TwoFactorExtras security={view} onDone={done} />
          </section>
          <section aria-labelledby="password-title" className="card">
            <h2 id="password-title" className="section-title">
              Password
            </h2>
            {view.blocked.password ? (
              <p className="hint" data-testid="password-blocked">
                {view.blocked.password}
              </p>
            ) : (
              <ChangePasswordForm view={view} onDone={done} />
            )}
          </section>
          <section aria-labelledby="email-title" className="card">
            <h2 id="email-title" className="section-title">
              Email
            </h2>
            <ChangeEmailForm view={view} onDone={done} />
          </section>
          <section aria-labelledby="sessions-title" className="card">
            <h2 id="sessions-title" className="section-title">
              Sessions
            </h2>
            <p className="hint">Sign out everywhere else — phones, browsers, other computers. This device stays signed in.</p>
            <button type="button" className="secondary" disabled={!view.available} onClick={() => setConfirmSignOut(true)}>
              Sign out other devices
            </button>
            <DeviceSessionsList accountId={accountId} online={online} />
          </section>
          <AccessTokensSection accountId={accountId} online={online} />
          <DataDownloadSection accountId={accountId} online={online} />
          <DeleteAccountSection accountId={accountId} online={online} />
          <ConfirmDialog
            open={confirmSignOut}
            title={`Sign out other devices of ${label}?`}
            message="Every other session of this account ends now. You stay signed in here."
            confirmLabel="Sign out others"
            onCancel={() => setConfirmSignOut(false)}
            // How it went shows on screen; an event handler has nobody to hand the promise to.
            onConfirm={() => void signOutOthers()}
          />
        </>
      )}
    </section>
  );
}
