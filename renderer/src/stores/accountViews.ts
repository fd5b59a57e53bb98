import type { Result } from '../../../shared/errors';
import { createLatestReplies } from '../bridge/latestReply';

/** What a per-account store holds: each account's last view and, when a read failed, why. */
export interface AccountViews<V> {
  /** accountId → the view as the core last answered it. */
  views: Record<string, V>;
  /** accountId → why the view could not be read, in words. */
  problems: Record<string, string>;
  load(accountId: string): Promise<void>;
}

/**
 * The views and loading of a per-account store: the latest call's answer wins (an older one
 * arriving last is dropped), a failure keeps the last view on screen and says why, and a
 * success clears the problem.
 */
export function accountViews<V>(
  read: (accountId: string) => Promise<Result<V>>,
  set: (partial: Pick<AccountViews<V>, 'views' | 'problems'> | Pick<AccountViews<V>, 'problems'>) => void,
  get: () => AccountViews<V>,
): AccountViews<V> {
  const latest = createLatestReplies();
  return {
    views: {},
    problems: {},
    async load(accountId) {
      const current = latest.start(accountId);
      const result = await read(accountId);
      if (!current()) return;
      const { [accountId]: _solved, ...problems } = get().problems;
      if (result.ok) set({ views: { ...get().views, [accountId]: result.value }, problems });
      else set({ problems: { ...problems, [accountId]: result.error.message } });
    },
  };
}
