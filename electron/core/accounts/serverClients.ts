import type { Clock } from '../clock';
import type { DomainEvents } from '../domainEvents';
import type { RequestLimits } from '../usersApi/usersApiClient';
import { UsersApiClient } from '../usersApi/usersApiClient';
import type { RateWindows } from '../usersApi/rateWindows';
import type { Connectivity } from './connectivity';

export type ClientFor = (server: { id: string; origin: string }) => UsersApiClient;

export interface ServerClientsDeps {
  fetch: typeof fetch;
  clock: Clock;
  limits: RequestLimits;
  connectivity: Connectivity;
  signals: DomainEvents;
  /** What the person calls a server (its name in the window); its host when it has none. */
  nameOf(serverId: string): string | undefined;
  /** Every client's rate-limit answers, kept across the clients made per call. */
  rateWindows: RateWindows;
}

/**
 * The client every request to one of the app's servers goes through: named as the window
 * names the server, bounded by the core's timeout and close, each outcome told to
 * connectivity, and a refused session (401) announced as `sessionRefused`.
 */
export function serverClients(deps: ServerClientsDeps): ClientFor {
  return (server) =>
    new UsersApiClient({
      baseUrl: server.origin,
      name: deps.nameOf(server.id),
      fetch: deps.fetch,
      clock: deps.clock,
      timeoutMs: deps.limits.timeoutMs,
      retryPolicy: deps.limits.retryPolicy,
      signal: deps.limits.signal,
      onOutcome: (reachable) => deps.connectivity.report(server.id, reachable),
      onSessionRefused: (auth) => deps.signals.emit('sessionRefused', { serverId: server.id, auth }),
      rateWindows: deps.rateWindows,
    });
}
