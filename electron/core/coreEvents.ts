import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/contract';
import { isRevisedEvent, Revisions, type RevisedEvent, type RevisionScope } from './revisions';

type AnyListener = (event: EventName, payload: unknown) => void;

/** The channel every event is also emitted on, for `onAny`; a symbol cannot clash with an event name. */
const anyEvent = Symbol('any event');

/** What an emitter passes: the payload, without the revision the `*.changed` events get here. */
type Announcement<E extends EventName> = E extends RevisedEvent ? RevisionScope<E> : EventPayload<E>;

/**
 * Core → UI notifications. Shells subscribe once with `onAny` and forward each event
 * over their own transport (webContents.send or the WebSocket); code that reacts to one
 * event uses `on`, whose listener gets that event's payload type. The `*.changed` events
 * get their revision here, so no announcement can skip the count.
 */
export class CoreEvents {
  private readonly emitter = new EventEmitter();
  private readonly revisions = new Revisions();

  emit<E extends EventName>(event: E, payload: Announcement<E>): void {
    const sent = isRevisedEvent(event)
      ? { ...payload, revision: this.revisions.bump(event, payload as RevisionScope<typeof event>) }
      : payload;
    this.emitter.emit(event, sent);
    this.emitter.emit(anyEvent, event, sent);
  }

  /** The revision a view built now reflects: every change announced so far for this scope is in it. */
  revision<E extends RevisedEvent>(event: E, scope: RevisionScope<E>): number {
    return this.revisions.current(event, scope);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  onAny(listener: AnyListener): () => void {
    this.emitter.on(anyEvent, listener);
    return () => this.emitter.off(anyEvent, listener);
  }
}
