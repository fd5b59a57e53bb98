import { useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import { checkPolicy } from '../../../shared/passwordPolicy';
import type { SecurityView } from '../../../shared/securitySchemas';
import { focusTooLong } from '../forms/lengthLimit';
import { useSecurity } from '../stores/securityStore';
import { BusyButton } from './BusyButton';
import { PasswordField } from './PasswordField';
import { ProofDialog, type Proof } from './ProofDialog';

/** When a second request may go: the server allows one change a minute, counted from the first. */
const afterTheMinute = () => Date.now() + 61_000;
const waitUntil = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));

type Errors = Partial<Record<'currentPassword' | 'newPassword' | 'confirm' | 'code', string>>;

/** Current (password method only), new and confirm, with the server's policy ticked off as you type. */
export function ChangePasswordForm({ view, onDone }: { view: SecurityView; onDone(message: string): void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
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
      setCurrent('');
      setNext('');
      setConfirm('');
      setErrors({});
      onDone(result.value.message);
      return;
    }
    if (result.error.code === 'two-factor-required' && result.error.twoFactor) {
      setServerAsks({ method: result.error.twoFactor.method, notBefore: afterTheMinute() });
      setErrors({});
      setAsking(true);
      return;
    }
    const fields = (result.error.fields ?? {}) as Errors;
    if (fields.code) return setErrors({ code: fields.code });
    setAsking(false);
    setErrors(fields);
    if (Object.keys(fields).length === 0) setFailure(result.error.message);
    else requestAnimationFrame(() => document.querySelector<HTMLElement>('#change-password-form [aria-invalid="true"]')?.focus());
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (focusTooLong(form)) return;
    const found: Errors = {};
    if (view.method === 'password' && current === '') found.currentPassword = 'Enter your current password.';
    if (next === '') found.newPassword = 'Enter a new password.';
    else if (checks.some((check) => !check.met)) found.newPassword = 'The new password does not meet every rule below yet.';
    else if (view.method === 'password' && next === current) found.newPassword = 'The new password is the same as your current one.';
    if (confirm !== next) found.confirm = 'The two new passwords are not the same.';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
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
        {view.method === 'password' && (
          <PasswordField
            label="Current password"
            name="current-password"
            value={current}
            limit={textLimits.secret}
            error={errors.currentPassword}
            disabled={disabled}
            onChange={(event) => setCurrent(event.target.value)}
          />
        )}
        <PasswordField
          label="New password"
          name="new-password"
          autoComplete="new-password"
          value={next}
          limit={textLimits.secret}
          error={errors.newPassword}
          disabled={disabled}
          onChange={(event) => setNext(event.target.value)}
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
          value={confirm}
          limit={textLimits.secret}
          error={errors.confirm}
          disabled={disabled}
          onChange={(event) => setConfirm(event.target.value)}
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
          error={errors.code ?? errors.currentPassword ?? null}
          note={
            serverAsks
              ? `The server asked for this after the first try. It allows one change a minute, so the app sends it at ${new Date(serverAsks.notBefore).toLocaleTimeString()}.`
              : undefined
          }
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
