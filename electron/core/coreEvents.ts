import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/contract';

type AnyListener = (event: EventName, payload: unknown) => void;

/** The channel every event is also emitted on, for `onAny`; a symbol cannot clash with an event name. */
const anyEvent = Symbol('any event');

/**
 * Core → UI notifications. Shells subscribe once with `onAny` and forward each event
 * over their own transport (webContents.send or the WebSocket); code that reacts to one
 * event uses `on`, whose listener gets that event's payload type.
 */
export class CoreEvents {
  private readonly emitter = new EventEmitter();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit(event, payload);
    this.emitter.emit(anyEvent, event, payload);
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
