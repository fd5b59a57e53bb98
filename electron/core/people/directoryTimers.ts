import { backoffMs } from '../backoff';
import type { Clock, Timer } from '../clock';
import type { DirectorySyncRow } from './directoryStore';
import { fullPassDue } from './refreshPlan';

/** A paused sync also tries again by itself: first after 5 s, doubling up to 5 minutes. */
const pausedBackoff = { baseMs: 5_000, maxMs: 300_000 };
/** A full pass starts this long after a refresh: in the background, never as People opens. */
export const fullPassDelayMs = 60_000;

/**
 * The syncs of a server's directory that start later by themselves: a paused one again, with
 * growing waits, and the full pass when it is due (refreshPlan.ts). `startIfIdle` starts one
 * unless a sync of that server runs already.
 */
export class DirectoryTimers {
  private readonly retries = new Map<string, { timer: Timer; attempt: number }>();
  private readonly passes = new Map<string, Timer>();

  constructor(
    private readonly clock: Clock,
    private readonly startIfIdle: (serverId: string, accountId: string, kind: 'copy' | 'pass') => void,
  ) {}

  /** A run ended with `row` saved: a pause is tried again later, a due full pass is planned. */
  afterRun(serverId: string, accountId: string, row: DirectorySyncRow | null): void {
    this.retryIfPaused(serverId, accountId, row);
    this.passWhenDue(serverId, accountId, row);
  }

  /** A run starts: what was planned for the server would only start another. The retry count stays. */
  cancel(serverId: string): void {
    this.clock.clearTimeout(this.retries.get(serverId)?.timer);
    this.clock.clearTimeout(this.passes.get(serverId));
    this.passes.delete(serverId);
  }

  close(): void {
    for (const { timer } of this.retries.values()) this.clock.clearTimeout(timer);
    for (const timer of this.passes.values()) this.clock.clearTimeout(timer);
    this.retries.clear();
    this.passes.clear();
  }

  private retryIfPaused(serverId: string, accountId: string, row: DirectorySyncRow | null): void {
    const attempt = (this.retries.get(serverId)?.attempt ?? 0) + 1;
    if (row?.state !== 'paused') {
      this.retries.delete(serverId);
      return;
    }
    const timer = this.clock.setTimeout(() => this.startIfIdle(serverId, accountId, 'copy'), backoffMs(pausedBackoff, attempt), {
      background: true,
    });
    this.retries.set(serverId, { timer, attempt });
  }

  private passWhenDue(serverId: string, accountId: string, row: DirectorySyncRow | null): void {
    if (!row || this.passes.has(serverId) || !fullPassDue(row, this.clock.now())) return;
    const timer = this.clock.setTimeout(
      () => {
        this.passes.delete(serverId);
        this.startIfIdle(serverId, accountId, 'pass');
      },
      fullPassDelayMs,
      { background: true },
    );
    this.passes.set(serverId, timer);
  }
}
