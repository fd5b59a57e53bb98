import type { ButtonHTMLAttributes } from 'react';

interface BusyButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  busy: boolean;
  busyLabel: string;
}

/** A button that says what it is waiting for and cannot be pressed twice meanwhile. */
export function BusyButton({ busy, busyLabel, children, disabled, ...button }: BusyButtonProps) {
  return (
    <button {...button} disabled={busy || disabled} aria-busy={busy || undefined}>
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {busyLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}
