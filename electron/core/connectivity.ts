import type { Clock } from './clock';
import type { CoreEvents } from './coreEvents';

export interface ConnectivityOptions {
  events: CoreEvents;
  /** Asks a server whether it answers (GET /api/info); resolves true when it does. */
  probe(serverId: string): Promise<boolean>;
  clock: Clock;
  /**
   * First wait before probing an unreachable server (default 1 s); doubles up to
   * maxDelayMs (default 15 s: one tiny GET /api/info, so a person never waits long
   * for the app to notice the server is back).
   */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

/**
 * Whether each server answered its last request — learned from request outcomes, not
 * from navigator.onLine. While a server is unreachable it is probed with exponential
 * backoff and jitter; changes are announced as `connectivity.changed`.
 */
export class Connectivity {
  private readonly online = new Map<string, boolean>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly attempts = new Map<string, number>();
  private closed = false;

  constructor(private readonly options: ConnectivityOptions) {}

  report(serverId: string, reachable: boolean): void {
    if (this.closed) return;
    if (reachable) this.stopProbing(serverId);
    else if (!this.timers.has(serverId)) this.scheduleProbe(serverId);
    if (this.online.get(serverId) === reachable) return;
    this.online.set(serverId, reachable);
    this.options.events.emit('connectivity.changed', { serverId, online: reachable });
  }

  /** Unknown counts as online until a request says otherwise. */
  isOnline(serverId: string): boolean {
    return this.online.get(serverId) ?? true;
  }

  snapshot(): { serverId: string; online: boolean }[] {
    return [...this.online].map(([serverId, online]) => ({ serverId, online }));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private scheduleProbe(serverId: string): void {
    const attempt = (this.attempts.get(serverId) ?? 0) + 1;
    this.attempts.set(serverId, attempt);
    const base = this.options.baseDelayMs ?? 1000;
    const ceiling = Math.min(this.options.maxDelayMs ?? 15_000, base * 2 ** (attempt - 1));
    const delay = ceiling / 2 + (this.options.random ?? Math.random)() * (ceiling / 2);
    const timer = setTimeout(() => {
      this.timers.delete(serverId);
      void this.options
        .probe(serverId)
        .catch(() => false) // a probe that fails is the answer: still unreachable
        .then((reachable) => this.report(serverId, reachable));
    }, delay);
    timer.unref();
    this.timers.set(serverId, timer);
  }

  private stopProbing(serverId: string): void {
    const timer = this.timers.get(serverId);
    if (timer) clearTimeout(timer);
    this.timers.delete(serverId);
    this.attempts.delete(serverId);
  }
}
