import type { EventName, EventPayload } from '../../shared/contract';

/** The `*.changed` events a window reloads on: each carries the revision of what changed. */
export const revisedEvents = ['sync.changed', 'profile.changed', 'accounts.changed'] as const satisfies readonly EventName[];
export type RevisedEvent = (typeof revisedEvents)[number];

/** What names the changed thing (`{ accountId }`, or nothing for the account list): the payload without its revision. */
export type RevisionScope<E extends RevisedEvent> = Omit<EventPayload<E>, 'revision'>;

export function isRevisedEvent(event: EventName): event is RevisedEvent {
  return (revisedEvents as readonly EventName[]).includes(event);
}

/**
 * One monotonic counter per changed thing (an account's outbox, an account's profile,
 * the account list), in memory: a window only compares the numbers of one core run.
 * Bumped on every announcement of a change; every view of that thing carries the current
 * number, so a window holding a view at revision n knows announcements up to n are in
 * it and need no reload.
 */
export class Revisions {
  private readonly counters = new Map<string, number>();

  current<E extends RevisedEvent>(event: E, scope: RevisionScope<E>): number {
    return this.counters.get(keyOf(event, scope)) ?? 0;
  }

  bump<E extends RevisedEvent>(event: E, scope: RevisionScope<E>): number {
    const key = keyOf(event, scope);
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }
}

function keyOf(event: RevisedEvent, scope: object): string {
  return 'accountId' in scope ? `${event}\n${String(scope.accountId)}` : event;
}
