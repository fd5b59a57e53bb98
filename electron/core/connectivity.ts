import type { CoreEvents } from './coreEvents';

/**
 * Whether each server answered its last request. Learned from request outcomes, not
 * from navigator.onLine; changes are announced as `connectivity.changed`.
 */
export class Connectivity {
  private readonly online = new Map<string, boolean>();

  constructor(private readonly events: CoreEvents) {}

  report(serverId: string, reachable: boolean): void {
    if (this.online.get(serverId) === reachable) return;
    this.online.set(serverId, reachable);
    this.events.emit('connectivity.changed', { serverId, online: reachable });
  }

  /** Unknown counts as online until a request says otherwise. */
  isOnline(serverId: string): boolean {
    return this.online.get(serverId) ?? true;
  }
}
