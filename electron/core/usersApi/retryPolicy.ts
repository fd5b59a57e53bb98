import { backoffMs } from '../backoff';
import type { ApiFailure } from './apiFailure';

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  attempts: number;
  /** First backoff; doubles per failed try up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 is waited out only when the server's reset comes sooner than this. */
  maxRateLimitWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 400, maxDelayMs: 8_000, maxRateLimitWaitMs: 10_000 };

/**
 * How long to wait before trying again after `failure` ended try number `attempt`
 * (1-based), or null when trying again cannot help:
 * - the network failed, the request timed out or the server answered 5xx → exponential
 *   backoff with "equal jitter" (half fixed, half random) so many clients spread out;
 * - 429 → exactly until the server's X-RateLimit-Reset, if that is soon enough;
 * - any other 4xx, an untrusted certificate or an unreadable 200 → never.
 */
export function retryDelayMs(failure: ApiFailure, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | null {
  if (attempt >= policy.attempts) return null;
  if (failure.code === 'rate-limited') {
    const waitMs = (failure.details.retryAfter ?? 60) * 1000;
    return waitMs <= policy.maxRateLimitWaitMs ? waitMs : null;
  }
  const transient =
    failure.code === 'network-unreachable' ||
    failure.code === 'timeout' ||
    (failure.code === 'server-error' && (failure.details.status ?? 0) >= 500);
  if (!transient) return null;
  return backoffMs({ baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, jitter: true }, attempt, random);
}
