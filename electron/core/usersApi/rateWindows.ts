/**
 * When each account may call each rate-limited route again, as the server's own answers said
 * (docs/protocol.md §7, "Rate limits"): a reply with `X-RateLimit-Remaining: 0` closes the route
 * until its `X-RateLimit-Reset` (epoch milliseconds); a 429 closes it until that reset, or its
 * `retryAfter`; a reply with calls remaining opens it again. Routes the account is exempt from
 * send no such headers and are never closed.
 */
export class RateWindows {
  /** `origin userId path` → epoch ms when the next call is let through. */
  private readonly until = new Map<string, number>();

  /** Learns from one reply to a signed-in request. */
  note(origin: string, userId: string, path: string, reply: { status: number; headers: Headers }, now: number): void {
    const key = keyOf(origin, userId, path);
    const reset = Number(reply.headers.get('x-ratelimit-reset'));
    const remaining = reply.headers.get('x-ratelimit-remaining');
    const resetAt = Number.isFinite(reset) && reset > now ? reset : null;
    if (reply.status === 429 || remaining === '0') {
      if (resetAt !== null) this.until.set(key, resetAt);
    } else if (remaining !== null) {
      this.until.delete(key);
    }
  }

  /** A refusal for too many calls without a reset header: closed for the seconds it named. */
  hold(origin: string, userId: string, path: string, seconds: number, now: number): void {
    const key = keyOf(origin, userId, path);
    this.until.set(key, Math.max(this.until.get(key) ?? 0, now + seconds * 1000));
  }

  /** Whole seconds until the route lets this account through again; 0 when it does now. */
  waitSeconds(origin: string, userId: string, path: string, now: number): number {
    const key = keyOf(origin, userId, path);
    const until = this.until.get(key);
    if (until === undefined) return 0;
    if (until <= now) {
      this.until.delete(key);
      return 0;
    }
    return Math.ceil((until - now) / 1000);
  }
}

const keyOf = (origin: string, userId: string, path: string) => `${origin} ${userId} ${path}`;
