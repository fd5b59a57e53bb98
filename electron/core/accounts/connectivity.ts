import { backoffMs } from '../backoff';
import type { Clock, Timer } from '../clock';
import type { CoreEvents } from '../coreEvents';

/**
 * Whether each server answered its last request — learned from request outcomes (every
 * client reports here), not from navigator.onLine. Changes are announced as `connectivity.changed`.
 */
export class Connectivity {
  private readonly online = new Map<string, boolean>();
  private closed = false;

  constructor(private readonly events: CoreEvents) {}

  report(serverId: string, reachable: boolean): void {
    // After close, a late answer changes nothing: nobody is left to act on it.
    if (this.closed || this.online.get(serverId) === reachable) return;
    this.online.set(serverId, reachable);
    this.events.emit('connectivity.changed', { serverId, online: reachable });
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
  }
}

/**
 * First wait before probing an unreachable server; doubling up to 15 s: one tiny GET /api/info,
 * so a person never waits long for the app to notice the server is back.
 */
export const probeBackoff = { baseMs: 1000, maxMs: 15_000, jitter: true };

export interface ReconnectionDeps {
  events: CoreEvents;
  clock: Clock;
  connectivity: Connectivity;
  /** Asks a server whether it answers (GET /api/info); resolves true when it does. */
  probe(serverId: string): Promise<boolean>;
}

/**
 * Follows `connectivity.changed`: a server that stopped answering is probed, with backoff and
 * jitter, until it answers again; the probe's answer is reported like any request's.
 */
export class Reconnection {
  private readonly timers = new Map<string, Timer>();
  private readonly attempts = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly deps: ReconnectionDeps) {
    this.unsubscribe = deps.events.on('connectivity.changed', ({ serverId, online }) => {
      if (online) this.stop(serverId);
      else if (!this.timers.has(serverId)) this.schedule(serverId);
    });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const timer of this.timers.values()) this.deps.clock.clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(serverId: string): void {
    const attempt = (this.attempts.get(serverId) ?? 0) + 1;
    this.attempts.set(serverId, attempt);
    const timer = this.deps.clock.setTimeout(
      () => {
        this.timers.delete(serverId);
        void this.deps
          .probe(serverId)
          .catch(() => false) // a probe that fails is the answer: still unreachable
          .then((reachable) => {
            if (this.closed) return;
            this.deps.connectivity.report(serverId, reachable);
            if (!reachable && !this.timers.has(serverId)) this.schedule(serverId);
          });
      },
      backoffMs(probeBackoff, attempt),
      { background: true },
    );
    this.timers.set(serverId, timer);
  }

  private stop(serverId: string): void {
    this.deps.clock.clearTimeout(this.timers.get(serverId));
    this.timers.delete(serverId);
    this.attempts.delete(serverId);
  }
}
