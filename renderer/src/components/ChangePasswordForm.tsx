import { useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import { checkPolicy, passwordChangeProblems } from '../../../shared/passwordPolicy';
import type { SecurityView } from '../../../shared/securitySchemas';
import { useFormFields } from '../forms/useFormFields';
import { useSecurity } from '../stores/securityStore';
import { BusyButton } from './BusyButton';
import { ChangeWaitNotice, useChangeWait } from './ChangeWait';
import { PasswordField } from './PasswordField';
import { ProofDialog, type Proof } from './ProofDialog';

const empty = { currentPassword: '', newPassword: '', confirm: '' };

/** Current (password method only), new and confirm, with the server's policy ticked off as you type. */
export function ChangePasswordForm({ view, onDone }: { view: SecurityView; onDone(message: string): void }) {
  const asksCurrent = view.method === 'password';
  const fields = useFormFields(empty, (name) => ({
    limit: textLimits.secret,
    check: (_value, typed) => passwordChangeProblems(view.policy, { asksCurrent, ...typed })[name] ?? null,
  }));
  const { currentPassword: current, newPassword: next } = fields.values;
  /** What the proof dialog says about the proof it sent: the server's words on the code or password. */
  const [proofError, setProofError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  /** The server asked for a factor the app did not expect (its one-a-minute limit counted that first try). */
  const [serverAsks, setServerAsks] = useState<{ method: 'totp' | 'email' | 'password' } | null>(null);
  const wait = useChangeWait(view.accountId);
  const changePassword = useSecurity((state) => state.changePassword);
  const checks = checkPolicy(view.policy, next);
  const disabled = !view.available;

  const send = async (proof: Proof) => {
    setBusy(true);
    setFailure(null);
    const result = await changePassword({ accountId: view.accountId, newPassword: next, proof });
    setBusy(false);
    if (result.ok) {
      setServerAsks(null);
      setAsking(false);
      setProofError(null);
      fields.reset(empty);
      onDone(result.value.message);
      return;
    }
    if (result.error.code === 'two-factor-required' && result.error.twoFactor) {
      setServerAsks({ method: result.error.twoFactor.method });
      setProofError(null);
      // The factor is asked for once the server would take it: until then the wait is said instead.
      setAsking(await wait.check());
      return;
    }
    const said = result.error.fields ?? {};
    if (said.code) return setProofError(said.code);
    // A wrong current password is the proof the dialog asked for, where it asked for one.
    if (asking && said.currentPassword) return setProofError(said.currentPassword);
    setAsking(false);
    fields.answer(said);
    if (Object.keys(said).length === 0) setFailure(result.error.message);
  };

  /** The rate limit first: no factor is asked for (or emailed code spent) on a change the server would refuse now. */
  const start = async () => {
    setBusy(true);
    const now = await wait.check();
    setBusy(false);
    if (!now) return;
    if (!serverAsks && (view.method === 'password' || view.method === 'none')) await send({ currentPassword: current });
    else setAsking(true);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate()) return;
    setProofError(null);
    // How it went shows on screen; an event handler has nobody to hand the promise to.
    void start();
  };

  /** A proof for a challenge the server sprang carries the method it asked for. */
  const answer = (proof: Proof) => send(serverAsks ? { ...proof, method: serverAsks.method } : proof);
  const proofMethod = serverAsks?.method ?? view.method;

  return (
    <>
      <form className="form" id="change-password-form" onSubmit={submit} noValidate aria-label="Change password">
        {asksCurrent && (
          <PasswordField label="Current password" name="current-password" disabled={disabled} {...fields.bind('currentPassword')} />
        )}
        <PasswordField
          label="New password"
          name="new-password"
          autoComplete="new-password"
          disabled={disabled}
          {...fields.bind('newPassword')}
        />
        {checks.length > 0 && (
          <ul className="checklist" aria-label="Password rules" data-testid="policy-checklist">
            {checks.map((check) => (
              <li key={check.rule} className={check.met ? 'met' : 'unmet'}>
                <span aria-hidden="true">{check.met ? '✓' : '○'}</span> {check.label}
                <span className="visually-hidden">{check.met ? ' (met)' : ' (not met yet)'}</span>
              </li>
            ))}
          </ul>
        )}
        <PasswordField
          label="Confirm new password"
          name="confirm-password"
          autoComplete="new-password"
          disabled={disabled}
          {...fields.bind('confirm')}
        />
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <ChangeWaitNotice what="password" wait={wait} />
        <BusyButton type="submit" busy={busy && !asking} busyLabel="Changing…" disabled={disabled}>
          Change password
        </BusyButton>
      </form>
      {/* Outside the form: a dialog's own form must not be nested in this one. */}
      {asking && proofMethod !== 'none' && (proofMethod !== 'password' || serverAsks) && (
        <ProofDialog
          accountId={view.accountId}
          method={proofMethod}
          open={asking}
          busy={busy}
          error={proofError}
          note={serverAsks ? 'The server asked for this after the first try.' : undefined}
          // How it went shows on screen; an event handler has nobody to hand the promise to.
          onSubmit={(proof) => void answer(proof)}
          onCancel={() => {
            setServerAsks(null);
            setAsking(false);
          }}
        />
      )}
    </>
  );
}
