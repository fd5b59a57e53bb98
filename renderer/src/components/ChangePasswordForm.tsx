import { useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import { checkPolicy, passwordChangeProblems } from '../../../shared/passwordPolicy';
import type { SecurityView } from '../../../shared/securitySchemas';
import { useFormFields } from '../forms/useFormFields';
import { useSecurity } from '../stores/securityStore';
import { BusyButton } from './BusyButton';
import { PasswordField } from './PasswordField';
import { ProofDialog, type Proof } from './ProofDialog';

/** When a second request may go: the server allows one change a minute, counted from the first. */
const afterTheMinute = () => Date.now() + 61_000;
const waitUntil = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));

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
  /** The server asked for a factor the app did not expect; its one-a-minute limit starts then. */
  const [serverAsks, setServerAsks] = useState<{ method: 'totp' | 'email' | 'password'; notBefore: number } | null>(null);
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
      setServerAsks({ method: result.error.twoFactor.method, notBefore: afterTheMinute() });
      setProofError(null);
      setAsking(true);
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

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate()) return;
    setProofError(null);
    // How it went shows on screen; an event handler has nobody to hand the promise to.
    if (view.method === 'password' || view.method === 'none') void send({ currentPassword: current });
    else setAsking(true);
  };

  /** A proof for a challenge the server sprang: sent once its one-a-minute window has passed. */
  const answer = async (proof: Proof) => {
    if (!serverAsks) return send(proof);
    setBusy(true);
    await waitUntil(serverAsks.notBefore);
    await send({ ...proof, method: serverAsks.method });
  };
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
          note={
            serverAsks
              ? `The server asked for this after the first try. It allows one change a minute, so the app sends it at ${new Date(serverAsks.notBefore).toLocaleTimeString()}.`
              : undefined
          }
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
