import { useUi } from '../stores/uiStore';

/** The server asks this account to change its password: said first, with the way to do it. */
export function PasswordChangeRequest({ reason, onChange }: { reason?: string; onChange?: () => void }) {
  const show = useUi((state) => state.show);
  return (
    <div className="notice warning" role="status" data-testid="password-change-request">
      <p>The server asks you to change your password{reason ? `: ${reason}` : '.'}</p>
      <button type="button" onClick={onChange ?? (() => show('security'))}>
        Change password now
      </button>
    </div>
  );
}
