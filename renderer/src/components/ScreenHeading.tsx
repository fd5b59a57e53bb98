import { useEffect, useRef, type ReactNode } from 'react';
import { useUi } from '../stores/uiStore';

/**
 * A screen's h1 (or a step's h2). It takes focus when the person moves to its screen, and
 * whenever the UI asks for it (after a save); `focusOnMount` also takes it when it first
 * appears (a form that opens within a screen). Programmatic focus only: tabIndex -1.
 */
export function ScreenHeading({
  id,
  level = 1,
  focusOnMount = false,
  className,
  children,
}: {
  id: string;
  level?: 1 | 2;
  focusOnMount?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const ticket = useUi((state) => state.headingFocus);
  const seen = useRef(focusOnMount ? -1 : 0);
  useEffect(() => {
    // Only the heading of the screen on show answers; a level-2 heading answers only on mount.
    if (seen.current === ticket || (level === 2 && seen.current !== -1)) {
      seen.current = ticket;
      return;
    }
    seen.current = ticket;
    ref.current?.focus();
  }, [ticket, level]);
  const Tag = level === 1 ? 'h1' : 'h2';
  return (
    <Tag id={id} ref={ref} tabIndex={-1} className={className}>
      {children}
    </Tag>
  );
}
