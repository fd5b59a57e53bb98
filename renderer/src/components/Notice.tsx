import { useEffect, useRef, type ReactNode } from 'react';

export type NoticeTone = 'success' | 'info' | 'warning' | 'error';

/**
 * One message in a box, toned by what it says: success (green), info (neutral), warning
 * (yellow: something needs the person), error (red). It scrolls into view whenever its
 * text changes, so a message about what was just done is never off screen. Errors are
 * alerts; the rest are polite status updates.
 */
export function Notice({
  tone,
  children,
  testId,
  detail,
  focus = false,
}: {
  tone: NoticeTone;
  children: ReactNode;
  testId?: string;
  /** A technical detail (an error's code) behind a "Details" disclosure, never in the sentence. */
  detail?: string;
  /** Also takes focus (an error that answers a form without a field of its own). */
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const text = typeof children === 'string' ? children : null;
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    box.scrollIntoView?.({ block: 'nearest' });
    if (focus) box.focus();
  }, [text, focus]);
  return (
    <div
      ref={ref}
      className={`notice ${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      tabIndex={focus ? -1 : undefined}
    >
      <div className="notice-text">{children}</div>
      {detail && <Details detail={detail} />}
    </div>
  );
}

/** The technical code of a failure, folded away: for a bug report, not for reading. */
export function Details({ detail }: { detail: string }) {
  return (
    <details className="details">
      <summary>Details</summary>
      <code>{detail}</code>
    </details>
  );
}
