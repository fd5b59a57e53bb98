import type { Clock, Timer } from '../../electron/core/clock';

interface Waiting {
  id: number;
  due: number;
  ms: number;
  callback: () => void;
}

/** One turn of the event loop: what a timer's callback started (a request, a promise chain) gets going. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Below the core's request timeout (15 s): `next` and `during` never jump to a request's
 * deadline while the request is still on its way to the reference server.
 */
const defaultWithinMs = 10_000;

/**
 * A clock whose time moves only when the test moves it (the core's `clock` option). Timers
 * fall due as it moves, soonest first, each followed by a turn of the event loop, so a test
 * waits for no timer in real time and no wait of the app depends on how busy the machine is.
 */
export class TestClock implements Clock {
  private time: number;
  private readonly waiting = new Map<number, Waiting>();
  private lastId = 0;
  private readonly scheduled = new Set<() => void>();
  /** Each timer run so far, as the wait it was started with (ms), in the order they ran. */
  readonly ran: number[] = [];

  /** Starts at the real time (certificates and the reference server's tokens are dated by it). */
  constructor(start = Date.now()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): Timer {
    const id = ++this.lastId;
    this.waiting.set(id, { id, due: this.time + Math.max(0, ms), ms, callback });
    for (const listener of this.scheduled) listener();
    return { id } as unknown as Timer;
  }

  clearTimeout(timer: Timer | undefined): void {
    if (timer) this.waiting.delete((timer as unknown as { id: number }).id);
  }

  /** How far ahead each waiting timer falls due, soonest first. */
  pending(): number[] {
    return [...this.waiting.values()].map((timer) => timer.due - this.time).sort((a, b) => a - b);
  }

  /** Moves time on by `ms`; every timer due by then runs, in order, including those the earlier ones start. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (let next = this.soonest(); next && next.due <= target; next = this.soonest()) {
      await this.run(next);
    }
    this.time = target;
    await turn();
  }

  /**
   * Waits — for an event, not for time — until a timer due within `withinMs` is waiting, then
   * moves time to it and runs it. Answers how far time moved.
   */
  async next(withinMs = defaultWithinMs): Promise<number> {
    let timer = this.soonest(withinMs);
    while (!timer) {
      await this.nextScheduled().promise;
      timer = this.soonest(withinMs);
    }
    const moved = Math.max(0, timer.due - this.time);
    await this.run(timer);
    return moved;
  }

  /** Runs the timers `work` waits on (retries, backoff), one after another as they come, until it settles. */
  async during<T>(work: Promise<T>, withinMs = defaultWithinMs): Promise<T> {
    let settled = false;
    const done = work.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      const timer = this.soonest(withinMs);
      if (timer) {
        await this.run(timer);
        continue;
      }
      const scheduled = this.nextScheduled();
      await Promise.race([done, scheduled.promise]);
      scheduled.cancel();
    }
    return work;
  }

  /** Settles when the app next starts a timer. */
  private nextScheduled(): { promise: Promise<void>; cancel(): void } {
    let listener!: () => void;
    const promise = new Promise<void>((resolve) => {
      listener = () => {
        this.scheduled.delete(listener);
        resolve();
      };
      this.scheduled.add(listener);
    });
    return { promise, cancel: () => this.scheduled.delete(listener) };
  }

  private soonest(withinMs = Infinity): Waiting | undefined {
    let soonest: Waiting | undefined;
    for (const timer of this.waiting.values()) if (!soonest || timer.due < soonest.due) soonest = timer;
    return soonest && soonest.due - this.time <= withinMs ? soonest : undefined;
  }

  private async run(timer: Waiting): Promise<void> {
    this.waiting.delete(timer.id);
    this.time = Math.max(this.time, timer.due);
    this.ran.push(timer.ms);
    timer.callback();
    await turn();
  }
}
