/** How waits grow between tries of something that failed: from `baseMs`, doubling per try, up to `maxMs`. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
  /**
   * "Equal jitter": half of each wait fixed, half random, so many clients that failed
   * together spread out instead of trying again together (a server coming back up).
   */
  jitter?: boolean;
}

/** The wait before try number `attempt + 1`, after `attempt` (1-based) tries failed. */
export function backoffMs(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (Math.max(1, attempt) - 1));
  return backoff.jitter ? Math.round(ceiling / 2 + random() * (ceiling / 2)) : ceiling;
}
