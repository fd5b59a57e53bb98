import { useId, useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import { isBlank } from '../../../shared/requiredFields';
import type { SecurityView } from '../../../shared/securitySchemas';
import { codeShapeProblem } from '../../../shared/twoFactorCode';
import { useFormFields } from '../forms/useFormFields';
import { useSecurity } from '../stores/securityStore';
import { useAccountLabel } from '../stores/useAccountLabel';
import { BusyButton } from './BusyButton';
import { PasswordField } from './PasswordField';
import { TextField } from './TextField';
import { useModalDialog } from './useModalDialog';

export interface Proof {
  currentPassword?: string;
  code?: string;
  /** The method the server asked for, when it was not the expected one. */
  method?: 'totp' | 'email' | 'password';
}

const words = {
  totp: { title: 'Confirm with your authenticator', label: 'Code from your authenticator app, or a backup code' },
  email: { title: 'Confirm with an emailed code', label: 'Code from the email' },
  password: { title: 'Confirm with your password', label: 'Current password' },
} as const;

/**
 * Mounted only while asking, so one proof dialog exists at a time.
 * Asks for what confirms a sensitive change on this account: a TOTP or backup code, an
 * emailed code (with send / send again), or the current password. The answer goes to
 * `onSubmit` once and is dropped when the dialog closes.
 */
export function ProofDialog({
  accountId,
  method,
  open,
  busy,
  error,
  note,
  onSubmit,
  onCancel,
}: {
  accountId: string;
  method: Exclude<SecurityView['method'], 'none'>;
  open: boolean;
  busy: boolean;
  error: string | null;
  /** Why the dialog is asking, when it is not the usual reason. */
  note?: string;
  onSubmit(proof: Proof): void;
  onCancel(): void;
}) {
  const ref = useModalDialog(open);
  const titleId = useId();
  /** A code of the wrong shape is caught before it spends one of the server's few tries. */
  const fields = useFormFields({ answer: '' }, () => ({
    limit: textLimits.secret,
    check: method === 'password' ? undefined : (typed: string) => codeShapeProblem(method, typed),
  }));
  const { answer } = fields.values;
  const [sent, setSent] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const sendSecurityCode = useSecurity((state) => state.sendCode);
  const label = useAccountLabel(accountId);

  const close = () => {
    fields.reset({ answer: '' });
    setSent(null);
    onCancel();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate()) return;
    onSubmit(method === 'password' ? { currentPassword: answer } : { code: answer });
  };
  const sendCode = async () => {
    setSending(true);
    const result = await sendSecurityCode({ accountId });
    setSending(false);
    setSent(result.ok ? `Code sent${result.value.sentTo ? ` to ${result.value.sentTo}` : ''}.` : result.error.message);
  };

  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={close} className="dialog" data-testid="proof-dialog">
      <h2 id={titleId}>{words[method].title}</h2>
      <p className="hint" data-testid="proof-account">
        For {label}.
      </p>
      {note && <p role="status">{note}</p>}
      <form className="form" onSubmit={submit} noValidate>
        {method === 'password' ? (
          <PasswordField label={words.password.label} name="proof-password" autoFocus {...fields.bind('answer')} error={error} />
        ) : (
          <TextField
            label={words[method].label}
            name="proof-code"
            autoComplete="one-time-code"
            spellCheck={false}
            autoFocus
            {...fields.bind('answer')}
            error={fields.errorOf('answer') ?? error}
          />
        )}
        {method === 'email' && (
          <div className="actions">
            {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
            <BusyButton type="button" className="secondary" busy={sending} busyLabel="Sending…" onClick={() => void sendCode()}>
              {sent ? 'Send again' : 'Send code'}
            </BusyButton>
            {sent && <span role="status">{sent}</span>}
          </div>
        )}
        <div className="actions">
          <BusyButton type="submit" busy={busy} busyLabel="Confirming…" disabled={isBlank(answer)}>
            Confirm
          </BusyButton>
          <button type="button" className="secondary" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
