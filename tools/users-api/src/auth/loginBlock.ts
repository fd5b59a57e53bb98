// Block_Multiple_Failed_Logins_* (§1 error-login-blocked-for-user / -for-ip):
// failed attempts inside the unblock window, counted per username and per IP.
import type { Clock } from '../clock';
import type { Settings } from '../state/settings';

const MINUTE_MS = 60_000;

export class LoginBlocker {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  private recent(key: string, windowMinutes: number): number[] {
    const since = this.clock.now() - windowMinutes * MINUTE_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    this.failures.set(key, list);
    return list;
  }

  /** Which block applies now, if any. */
  check(s: Settings, userKey: string | undefined, ip: string): 'user' | 'ip' | undefined {
    if (!s.Block_Multiple_Failed_Logins_Enabled) return undefined;
    if (
      s.Block_Multiple_Failed_Logins_By_User &&
      userKey !== undefined &&
      this.recent(`user:${userKey}`, s.Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes).length >=
        s.Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User
    ) {
      return 'user';
    }
    if (
      s.Block_Multiple_Failed_Logins_By_Ip &&
      this.recent(`ip:${ip}`, s.Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes).length >=
        s.Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip
    ) {
      return 'ip';
    }
    return undefined;
  }

  recordFailure(userKey: string | undefined, ip: string): void {
    const now = this.clock.now();
    for (const key of [userKey === undefined ? undefined : `user:${userKey}`, `ip:${ip}`]) {
      if (key === undefined) continue;
      const list = this.failures.get(key) ?? [];
      list.push(now);
      this.failures.set(key, list);
    }
  }

  recordSuccess(userKey: string, ip: string): void {
    this.failures.delete(`user:${userKey}`);
    this.failures.delete(`ip:${ip}`);
  }

  clear(): void {
    this.failures.clear();
  }
}
