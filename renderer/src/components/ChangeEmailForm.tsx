import { useState, type FormEvent } from 'react';
import { emailAddressProblem } from '../../../shared/emailAddress';
import { textLimits } from '../../../shared/limits';
import type { SecurityView } from '../../../shared/securitySchemas';
import { useFormFields } from '../forms/useFormFields';
import { useSecurity } from '../stores/securityStore';
import { BusyButton } from './BusyButton';
import { ChangeWaitNotice, useChangeWait } from './ChangeWait';
import { ProofDialog, type Proof } from './ProofDialog';
import { TextField } from './TextField';

/** Addresses with their state, "resend confirmation" for unconfirmed ones, and a change confirmed by the account's factor. */
export function ChangeEmailForm({ view, onDone }: { view: SecurityView; onDone(message: string): void }) {
  const fields = useFormFields({ email: '' }, () => ({ limit: textLimits.email, check: emailAddressProblem }));
  const { email } = fields.values;
  const [proofError, setProofError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [resending, setResending] = useState<string | null>(null);
  const changeEmail = useSecurity((state) => state.changeEmail);
  const resendConfirmation = useSecurity((state) => state.resendConfirmation);
  const wait = useChangeWait(view.accountId);

  const send = async (proof: Proof) => {
    setBusy(true);
    const result = await changeEmail({ accountId: view.accountId, email, proof });
    setBusy(false);
    if (result.ok) {
      setAsking(false);
      fields.reset({ email: '' });
      onDone(result.value.message);
      return;
    }
    const said = result.error.fields ?? {};
    if (said.code || said.currentPassword) return setProofError(said.code ?? said.currentPassword ?? null);
    setAsking(false);
    fields.answer({ email: said.email ?? result.error.message });
  };

  /** The rate limit first: no factor is asked for (or emailed code spent) on a change the server would refuse now. */
  const start = async () => {
    setBusy(true);
    const now = await wait.check();
    setBusy(false);
    if (!now) return;
    if (view.method === 'none') await send({});
    else setAsking(true);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate()) return;
    setProofError(null);
    // How it went shows on screen; an event handler has nobody to hand the promise to.
    void start();
  };

  const resend = async (address: string) => {
    setResending(address);
    const result = await resendConfirmation({ accountId: view.accountId, email: address });
    setResending(null);
    if (result.ok) onDone(result.value.message);
    else fields.answer({ email: result.error.message });
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
                // How it went shows on screen; an event handler has nobody to hand the promise to.
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
            disabled={!view.available}
            {...fields.bind('email')}
          />
          <ChangeWaitNotice what="email" wait={wait} />
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
          // How it went shows on screen; an event handler has nobody to hand the promise to.
          onSubmit={(proof) => void send(proof)}
          onCancel={() => setAsking(false)}
        />
      )}
    </div>
  );
}
