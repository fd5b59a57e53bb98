import { EventEmitter } from 'node:events';

/**
 * What happens inside the core that other parts of it follow — never sent to a window (the
 * contract's events are CoreEvents'). Each module says what it does when one happens, so the
 * module where it happens need not know who cares.
 */
export interface DomainEventMap {
  /** A new session: login's reply carried /me, so the profile's first copy needs no second /me. */
  signedIn: { accountId: string; serverId: string; me: unknown };
  /** A server answered 401 to a request made with these credentials: that session has ended. */
  sessionRefused: { serverId: string; auth: { userId: string; token: string } };
  /** A server came back with another release: what the window offers for it may change. */
  releaseChanged: { serverId: string };
  /** At start, the sessions kept in the keychain have been restored and checked. */
  sessionsRestored: Record<string, never>;
  /** The cached profile now holds the server's latest answer: the names the account goes by may have changed. */
  profileStored: { accountId: string; username: string | null; name: string | null };
  /**
   * The server deleted this account and its row and keychain entry are gone here: each module
   * forgets what it kept of it; `othersOnServer` says whether other accounts still use that server's data.
   */
  accountDeleted: { accountId: string; serverId: string; userId: string; username: string; othersOnServer: boolean };
}

export type DomainEvent = keyof DomainEventMap;

/** Typed, synchronous: listeners run in the order they were added, before `emit` returns. */
export class DomainEvents {
  private readonly emitter = new EventEmitter();

  emit<E extends DomainEvent>(event: E, payload: DomainEventMap[E]): void {
    this.emitter.emit(event, payload);
  }

  /** Returns the unsubscribe, for the disposable store. */
  on<E extends DomainEvent>(event: E, listener: (payload: DomainEventMap[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
