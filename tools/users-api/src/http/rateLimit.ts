// Fixed-window counters like Meteor's RateLimiter (§7): the window starts at
// the first call; X-RateLimit-Reset is an epoch in milliseconds.
import type { Clock } from '../clock';
import { tooManyRequests } from './envelope';

interface Bucket {
  count: number;
  resetAt: number;
}

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  /**
   * Counts one call and returns the headers to send; throws the 429 ApiError
   * when the call is over the limit.
   */
  hit(key: string, rule: RateLimitRule): Record<string, string> {
    const now = this.clock.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { count: 0, resetAt: now + rule.windowMs };
      this.buckets.set(key, bucket);
    }
    bucket.count += 1;
    const timeToReset = bucket.resetAt - now;
    const headers = {
      'X-RateLimit-Limit': String(rule.limit),
      'X-RateLimit-Remaining': String(Math.max(rule.limit - bucket.count, 0)),
      'X-RateLimit-Reset': String(bucket.resetAt),
    };
    if (bucket.count > rule.limit) throw tooManyRequests(Math.ceil(timeToReset / 1000), headers);
    return headers;
  }

  clear(): void {
    this.buckets.clear();
  }
}
