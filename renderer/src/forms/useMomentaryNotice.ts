import { useCallback, useEffect, useState } from 'react';
import { useMoments } from '../stores/momentStore';

/** How long a notice about something done stays when nothing else happens: long enough to read twice. */
export const noticeLifetimeMs = 8_000;

/**
 * A notice about something just done (a save, a change): it goes at the person's next action,
 * and a notice that `lasts` not (an error, whose state is still true) stays until replaced or
 * cleared. A notice that does not last also goes after `noticeLifetimeMs`.
 */
export function useMomentaryNotice<T>(): { notice: T | null; show(notice: T, options?: { lasts?: boolean }): void; clear(): void } {
  const [shown, setShown] = useState<{ notice: T; at: number; lasts: boolean } | null>(null);
  const actions = useMoments((state) => state.actions);
  const clear = useCallback(() => setShown(null), []);
  const show = useCallback((notice: T, { lasts = false } = {}) => setShown({ notice, at: useMoments.getState().actions, lasts }), []);
  useEffect(() => {
    if (!shown || shown.lasts) return undefined;
    const timer = setTimeout(() => setShown(null), noticeLifetimeMs);
    return () => clearTimeout(timer);
  }, [shown]);

  // Read at render: a notice that does not last is over once the person has done something else.
  const current = shown && (shown.lasts || shown.at === actions) ? shown.notice : null;
  return { notice: current, show, clear };
}
