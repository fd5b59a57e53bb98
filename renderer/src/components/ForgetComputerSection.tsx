import { useId } from 'react';
import { useForget } from '../stores/forgetStore';
import { BusyButton } from './BusyButton';
import { useModalDialog } from './useModalDialog';

/**
 * "Forget this computer" on About (D102): the confirmation lists what would be lost — each
 * account and its unsent edits — before the core removes every account, keychain entry and
 * file of the app.
 */
export function ForgetComputerSection() {
  const { preview, asking, busy, error, forgotten, ask, cancel, confirm } = useForget();
  const ref = useModalDialog(asking);
  const titleId = useId();

  if (forgotten) {
    return (
      <p role="status" className="notice" data-testid="forgotten">
        This computer was forgotten: every account, sign-in and key of the app and everything in its data folder are gone. The app starts
        again as on its first day.
      </p>
    );
  }
  return (
    <section aria-labelledby={`${titleId}-section`}>
      <h2 id={`${titleId}-section`}>Forget this computer</h2>
      <p>Removes every account, every sign-in and key the app keeps in the system keychain, and everything in its data folder.</p>
      {/* The dialog shows how it went; an event handler has nobody to hand the promise to. */}
      <button type="button" className="danger" onClick={() => void ask()}>
        Forget this computer…
      </button>
      <dialog ref={ref} aria-labelledby={titleId} onCancel={cancel} className="dialog">
        <h2 id={titleId}>Forget this computer?</h2>
        {!preview && !error && <p aria-live="polite">Loading…</p>}
        {preview && (
          <>
            <p>This removes, from this computer only (the accounts stay on their servers):</p>
            <ul data-testid="forget-list">
              {preview.accounts.map((account) => (
                <li key={account.name}>
                  {account.name}
                  {account.unsentEdits > 0 &&
                    ` — ${account.unsentEdits} unsent ${account.unsentEdits === 1 ? 'edit' : 'edits'} will be lost`}
                </li>
              ))}
              <li>the key of the local data, and everything in {preview.dataDir}</li>
            </ul>
            {preview.accounts.length === 0 && <p>No account is signed in on this computer.</p>}
          </>
        )}
        {error && (
          <p role="alert" className="notice error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="secondary" onClick={cancel} autoFocus>
            Cancel
          </button>
          <BusyButton
            type="button"
            className="danger"
            busy={busy}
            busyLabel="Forgetting…"
            disabled={!preview}
            // How it went shows in the dialog; an event handler has nobody to hand the promise to.
            onClick={() => void confirm()}
          >
            Forget this computer
          </BusyButton>
        </div>
      </dialog>
    </section>
  );
}
