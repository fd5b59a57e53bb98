import { useId } from 'react';
import { useModalDialog } from './useModalDialog';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** The confirmation destroys something (red); otherwise it is the ordinary primary action. */
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal question on the native <dialog>: focus is trapped, Escape cancels, Cancel has focus first. */
export function ConfirmDialog({ open, title, message, confirmLabel, danger = true, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useModalDialog(open);
  const titleId = useId();
  const messageId = useId();
  return (
    <dialog ref={ref} aria-labelledby={titleId} aria-describedby={messageId} onCancel={onCancel} className="dialog">
      <h2 id={titleId}>{title}</h2>
      <p id={messageId}>{message}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className={danger ? 'danger' : undefined} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
