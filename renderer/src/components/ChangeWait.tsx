import { useCallback, useEffect, useState } from 'react';
import { useSecurity } from '../stores/securityStore';

/** Whether the server lets a change through now, as the core knows it; the wait counts down on screen. */
export interface ChangeWaitState {
  /** Seconds left, 0 when the change may be made. */
  seconds: number;
  reason: string | null;
  /** Asks the core; true when the change may go now, false while the server would refuse it. */
  check(): Promise<boolean>;
}

/**
 * Asked before a second factor is: the core knows from the server's answers when its rate
 * limit lets the next change through. The count only shows that answer going down; the
 * next try asks the core again.
 */
export function useChangeWait(accountId: string): ChangeWaitState {
  const changeWait = useSecurity((state) => state.changeWait);
  const [wait, setWait] = useState<{ until: number; reason: string | null } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const seconds = wait ? Math.max(0, Math.ceil((wait.until - now) / 1000)) : 0;

  useEffect(() => {
    if (!wait) return undefined;
    const tick = setInterval(() => {
      const at = Date.now();
      setNow(at);
      // The time has come: the sentence goes.
      if (at >= wait.until) setWait(null);
    }, 1000);
    return () => clearInterval(tick);
  }, [wait]);

  const check = useCallback(async () => {
    const answer = await changeWait(accountId);
    // Not known (the core could not say): the change itself is refused with words if the limit holds.
    if (!answer.ok || answer.value.waitSeconds === 0) {
      setWait(null);
      return true;
    }
    const at = Date.now();
    setNow(at);
    setWait({ until: at + answer.value.waitSeconds * 1000, reason: answer.value.reason });
    return false;
  }, [accountId, changeWait]);

  return { seconds, reason: wait?.reason ?? null, check };
}

/** "You can change your email in 42 seconds." while that is true; nothing once the time has come. */
export function ChangeWaitNotice({ what, wait }: { what: 'email' | 'password'; wait: ChangeWaitState }) {
  if (wait.seconds === 0) return null;
  return (
    <p className="hint" role="status" data-testid={`${what}-change-wait`}>
      You can change your {what} in {wait.seconds} {wait.seconds === 1 ? 'second' : 'seconds'}. {wait.reason}
    </p>
  );
}
