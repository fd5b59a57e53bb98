import { useState, type FormEvent } from 'react';
import { checkPolicy } from '../../../shared/passwordPolicy';
import type { SecurityView } from '../../../shared/securitySchemas';
import { getApi } from '../bridge/api';
import { BusyButton } from './BusyButton';
import { PasswordField } from './PasswordField';
import { ProofDialog, type Proof } from './ProofDialog';

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
  const checks = checkPolicy(view.policy, next);
  const disabled = !view.available || !view.hasPassword;

  const send = async (proof: Proof) => {
    setBusy(true);
    setFailure(null);
    const result = await getApi()['security.changePassword']({ accountId: view.accountId, newPassword: next, proof });
    setBusy(false);
    if (result.ok) {
      setAsking(false);
      setCurrent('');
      setNext('');
      setConfirm('');
      setErrors({});
      onDone(result.value.message);
      return;
    }
    const fields = (result.error.fields ?? {}) as Errors;
    if (fields.code) return setErrors({ code: fields.code });
    setAsking(false);
    setErrors(fields);
    if (Object.keys(fields).length === 0) setFailure(result.error.message);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (view.method === 'password' && current === '') found.currentPassword = 'Enter your current password.';
    if (next === '') found.newPassword = 'Enter a new password.';
    else if (checks.some((check) => !check.met)) found.newPassword = 'The new password does not meet every rule below yet.';
    else if (view.method === 'password' && next === current) found.newPassword = 'The new password is the same as your current one.';
    if (confirm !== next) found.confirm = 'The two new passwords are not the same.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (view.method === 'password' || view.method === 'none') void send({ currentPassword: current });
    else setAsking(true);
  };

  return (
    <>
    <form className="form" onSubmit={submit} noValidate aria-label="Change password">
      {view.method === 'password' && (
        <PasswordField label="Current password" name="current-password" value={current} error={errors.currentPassword} disabled={disabled} onChange={(event) => setCurrent(event.target.value)} />
      )}
      <PasswordField label="New password" name="new-password" autoComplete="new-password" value={next} error={errors.newPassword} disabled={disabled} onChange={(event) => setNext(event.target.value)} />
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
      <PasswordField label="Confirm new password" name="confirm-password" autoComplete="new-password" value={confirm} error={errors.confirm} disabled={disabled} onChange={(event) => setConfirm(event.target.value)} />
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
    {asking && view.method !== 'password' && view.method !== 'none' && (
        <ProofDialog accountId={view.accountId} method={view.method} open={asking} busy={busy} error={errors.code ?? null} onSubmit={(proof) => void send(proof)} onCancel={() => setAsking(false)} />
      )}
    </>
  );
}
