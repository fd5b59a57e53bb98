// Presence as Rocket.Chat's presence service keeps it (ee/packages/presence/src/lib/processConnectionStatus.ts):
// the status a person chooses is `statusDefault`; `status` is what others see, worked out from the
// live connections (`statusConnection`). A client of the REST API alone holds no connection, so
// its own choice shows as `offline` in `status` until a realtime client connects.
import type { UserDoc } from './types';

/** processStatus: no connection → offline; a chosen `online` shows the connection's state; any other choice shows itself. */
export function presenceStatus(statusConnection: string | undefined, statusDefault: string | undefined): string {
  const connection = statusConnection ?? 'offline';
  if (connection === 'offline') return 'offline';
  const chosen = statusDefault ?? 'online';
  return chosen === 'online' ? connection : chosen;
}

/** Presence.setStatus: the choice is kept in statusDefault and `status` follows the connections. */
export function chooseStatus(user: UserDoc, status: string): void {
  user.statusDefault = status;
  user.status = presenceStatus(user.statusConnection, status);
}
