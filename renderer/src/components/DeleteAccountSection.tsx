import { useEffect, useId, useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import { isBlank } from '../../../shared/requiredFields';
import { useFormFields } from '../forms/useFormFields';
import { useAccountDeletion } from '../stores/accountDeletionStore';
import { BusyButton } from './BusyButton';
import { Notice } from './Notice';
import { PasswordField } from './PasswordField';
import { TextField } from './TextField';
import { useModalDialog } from './useModalDialog';

/** The server's "you are the last owner of rooms", waiting for the person's yes. */
interface LastOwner {
  message: string;
}

/**
 * "Delete my account", offered only where the workspace allows it (the core says). The dialog
 * names the account and lists what goes with it; the password (or username) typed there is
 * sent once and kept only while the dialog is open, for the server's last-owner step.
 */
export function DeleteAccountSection({ accountId, online }: { accountId: string; online: boolean }) {
  const view = useAccountDeletion((state) => state.views[accountId]) ?? null;
  const problem = useAccountDeletion((state) => state.problems[accountId]) ?? null;
  const load = useAccountDeletion((state) => state.load);
  const remove = useAccountDeletion((state) => state.remove);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lastOwner, setLastOwner] = useState<LastOwner | null>(null);
  const fields = useFormFields({ confirmation: '' }, () => ({ limit: textLimits.secret }));
  const ref = useModalDialog(open);
  const titleId = useId();

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the section.
    void load(accountId);
  }, [accountId, online, load]);

  const close = () => {
    fields.reset({ confirmation: '' });
    setLastOwner(null);
    setError(null);
    setOpen(false);
  };

  const send = async (confirmRelinquish: boolean) => {
    setBusy(true);
    setError(null);
    const result = await remove({ accountId, confirmation: fields.values.confirmation, confirmRelinquish });
    setBusy(false);
    if (!result.ok) return setError(result.error.fields?.confirmation ?? result.error.message);
    if (!result.value.deleted) return setLastOwner({ message: result.value.message });
    // Deleted: the account's screens go with it, and the window says so (App shows the farewell).
    close();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // How it went shows in the dialog; a submit handler has nobody to hand the promise to.
    void send(lastOwner !== null);
  };

  const confirmLabel = view?.confirmWith === 'username' ? 'Your username' : 'Your password';
  return (
    <section aria-labelledby="delete-account-title" className="card" data-testid="delete-account">
      <h2 id="delete-account-title" className="section-title">
        Delete my account
      </h2>
      {problem && <Notice tone="error">{problem}</Notice>}
      {!view ? (
        <p aria-live="polite">Asking the server whether you may delete your account…</p>
      ) : !view.available ? (
        <p className="hint" role="status" data-testid="delete-account-unavailable">
          {view.reason}
        </p>
      ) : (
        <>
          <p className="hint">
            Deletes <strong>{view.accountLabel}</strong> on the server, for good, and everything this app keeps of it here.
          </p>
          <button type="button" className="danger" disabled={!online} onClick={() => setOpen(true)}>
            Delete my account…
          </button>
        </>
      )}
      <dialog ref={ref} aria-labelledby={titleId} onCancel={close} className="dialog" data-testid="delete-account-dialog">
        <h2 id={titleId}>{lastOwner ? 'You own rooms alone' : `Delete ${view?.accountLabel ?? 'this account'}?`}</h2>
        {lastOwner ? (
          <p role="status" data-testid="last-owner">
            {lastOwner.message}
          </p>
        ) : (
          <>
            <p>This cannot be undone. What goes:</p>
            <ul data-testid="delete-account-losses">
              {view?.losses.map((loss) => (
                <li key={loss}>{loss}</li>
              ))}
            </ul>
          </>
        )}
        <form className="form" onSubmit={submit} noValidate>
          {!lastOwner &&
            (view?.confirmWith === 'username' ? (
              <TextField
                label={confirmLabel}
                name="delete-confirmation"
                autoFocus
                spellCheck={false}
                {...fields.bind('confirmation')}
                error={error}
              />
            ) : (
              <PasswordField label={confirmLabel} name="delete-confirmation" autoFocus {...fields.bind('confirmation')} error={error} />
            ))}
          {lastOwner && error && <Notice tone="error">{error}</Notice>}
          <div className="actions">
            <BusyButton type="submit" className="danger" busy={busy} busyLabel="Deleting…" disabled={isBlank(fields.values.confirmation)}>
              {lastOwner ? 'Give up the rooms and delete' : 'Delete my account'}
            </BusyButton>
            <button type="button" className="secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
