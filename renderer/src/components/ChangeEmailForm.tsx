import { useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import type { SecurityView } from '../../../shared/securitySchemas';
import { focusTooLong } from '../forms/lengthLimit';
import { useSecurity } from '../stores/securityStore';
import { BusyButton } from './BusyButton';
import { ProofDialog, type Proof } from './ProofDialog';
import { TextField } from './TextField';

/** Addresses with their state, "resend confirmation" for unconfirmed ones, and a change confirmed by the account's factor. */
export function ChangeEmailForm({ view, onDone }: { view: SecurityView; onDone(message: string): void }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [proofError, setProofError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [resending, setResending] = useState<string | null>(null);
  const changeEmail = useSecurity((state) => state.changeEmail);
  const resendConfirmation = useSecurity((state) => state.resendConfirmation);

  const send = async (proof: Proof) => {
    setBusy(true);
    const result = await changeEmail({ accountId: view.accountId, email, proof });
    setBusy(false);
    if (result.ok) {
      setAsking(false);
      setEmail('');
      onDone(result.value.message);
      return;
    }
    const fields = result.error.fields ?? {};
    if (fields.code || fields.currentPassword) return setProofError(fields.code ?? fields.currentPassword ?? null);
    setAsking(false);
    setError(fields.email ?? result.error.message);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (focusTooLong(form)) return;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setError('Enter a valid email address.');
      return requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
    setError(null);
    setProofError(null);
    if (view.method === 'none') void send({});
    else setAsking(true);
  };

  const resend = async (address: string) => {
    setResending(address);
    const result = await resendConfirmation({ accountId: view.accountId, email: address });
    setResending(null);
    if (result.ok) onDone(result.value.message);
    else setError(result.error.message);
  };

  return (
    <div className="form">
      <ul className="emails" data-testid="security-emails">
        {view.emails.map((address) => (
          <li key={address.address}>
            {address.address}{' '}
            <span className={address.verified ? 'badge ok' : 'badge warn'}>{address.verified ? 'Verified' : 'Not verified'}</span>{' '}
            {!address.verified && (
              <BusyButton
                type="button"
                className="secondary small"
                busy={resending === address.address}
                busyLabel="Sending…"
                disabled={!view.available}
                onClick={() => void resend(address.address)}
              >
                Resend confirmation
              </BusyButton>
            )}
          </li>
        ))}
      </ul>
      {view.blocked.email ? (
        <p className="hint" data-testid="email-blocked">
          {view.blocked.email}
        </p>
      ) : (
        <form className="form" onSubmit={submit} noValidate aria-label="Change email">
          <TextField
            label="New email address"
            name="new-email"
            type="email"
            autoComplete="email"
            value={email}
            limit={textLimits.email}
            error={error}
            disabled={!view.available}
            onChange={(event) => setEmail(event.target.value)}
          />
          <BusyButton type="submit" busy={busy && !asking} busyLabel="Changing…" disabled={!view.available}>
            Change email
          </BusyButton>
        </form>
      )}
      {asking && view.method !== 'none' && (
        <ProofDialog
          accountId={view.accountId}
          method={view.method}
          open={asking}
          busy={busy}
          error={proofError}
          onSubmit={(proof) => void send(proof)}
          onCancel={() => setAsking(false)}
        />
      )}
    </div>
  );
}
