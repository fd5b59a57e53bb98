import type { Clock, Timer } from '../clock';

/**
 * One request's deadline: an AbortSignal that fires when the time is up or when the
 * caller's own signal (the core closing) fires. The timer is ours (the clock's), held until
 * cleared, so the deadline holds whatever the fetch implementation does with the signal
 * (Node 20's fetch keeps AbortSignal.timeout() only weakly when redirects are refused).
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: Timer;
  /**
   * Follows the caller's signal without a listener on it: every request in flight shares the
   * core's one signal, and a listener each would pass Node's limit of ten (MaxListenersExceededWarning).
   */
  readonly signal: AbortSignal;
  private timedOut = false;

  constructor(
    private readonly clock: Clock,
    ms: number,
    outer?: AbortSignal,
  ) {
    this.timer = clock.setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException('The request took too long.', 'TimeoutError'));
    }, ms);
    this.signal = outer ? AbortSignal.any([this.controller.signal, outer]) : this.controller.signal;
  }

  /** True when the time ran out (not when the caller aborted). */
  get expired(): boolean {
    return this.timedOut;
  }

  /**
   * Settles with `work`, or rejects when the deadline fires first — for work that may not
   * watch the signal itself (reading a body some fetch implementations do not abort).
   */
  race<T>(work: Promise<T>): Promise<T> {
    const { signal } = this;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  clear(): void {
    this.clock.clearTimeout(this.timer);
  }
}
