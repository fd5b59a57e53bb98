import { useEffect, useRef } from 'react';

/**
 * A `<dialog>` shown as a modal while `open` is true: `showModal()` gives the focus trap, the
 * inert page behind and Escape, which a plain `open` attribute does not.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
