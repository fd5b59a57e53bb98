import { useAccountDeletion } from '../stores/accountDeletionStore';
import { Notice } from './Notice';

/** After a deletion the account's screens are gone: this says what happened, wherever the window is, until dismissed. */
export function AccountDeletedNotice() {
  const farewell = useAccountDeletion((state) => state.farewell);
  const dismiss = useAccountDeletion((state) => state.dismissFarewell);
  if (!farewell) return null;
  return (
    <Notice tone="success" testId="account-deleted">
      {farewell}{' '}
      <button type="button" className="secondary" onClick={dismiss}>
        OK
      </button>
    </Notice>
  );
}
