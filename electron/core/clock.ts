declare const timerBrand: unique symbol;

/** A timer a Clock started, to clear it with the same clock. */
export type Timer = { readonly [timerBrand]: true };

export interface TimerOptions {
  /** A background timer (a probe, a retry later) never keeps the process alive: the shell decides when it ends. */
  background?: boolean;
}

/**
 * Time comes in through this seam — every `now` and every timer of the core — so tests move
 * it instead of waiting for it (tests/support/testClock.ts).
 */
export interface Clock {
  now(): number;
  /** Runs `callback` once, `ms` of this clock's time from now. */
  setTimeout(callback: () => void, ms: number, options?: TimerOptions): Timer;
  clearTimeout(timer: Timer | undefined): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms, options) => {
    const timer = setTimeout(callback, ms);
    if (options?.background) timer.unref();
    return timer as unknown as Timer;
  },
  clearTimeout: (timer) => clearTimeout(timer as unknown as NodeJS.Timeout | undefined),
};

/** Settles after `ms` of the clock's time, or as soon as `signal` aborts (the caller then checks it). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = clock.setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
