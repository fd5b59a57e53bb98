import type {
  AccountManagerApi,
  Channel,
  ChannelRequest,
  ChannelResult,
  ChannelValue,
  EventName,
  EventPayload,
} from '../../shared/contract';
import { fail, ok } from '../../shared/errors';

type Reply<C extends Channel> = (request: ChannelRequest<C>) => ChannelResult<C> | Promise<ChannelResult<C>>;
type Listener = (payload: unknown) => void;

export interface FakeApi {
  /** What the stores under test get instead of the real bridge. */
  api: AccountManagerApi;
  /** Every call, in order. */
  calls: { channel: Channel; request: unknown }[];
  /** The requests sent to one channel, in order. */
  requests<C extends Channel>(channel: C): ChannelRequest<C>[];
  /** How a channel answers from now on; a channel without an answer fails with `internal`. */
  answer<C extends Channel>(channel: C, reply: Reply<C>): void;
  /** Shorthand: the channel succeeds with this value (or the value made from the request). */
  succeed<C extends Channel>(channel: C, value: ChannelValue<C> | ((request: ChannelRequest<C>) => ChannelValue<C>)): void;
  /** Delivers a core event to every listener, as the bridge would. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** How many listeners an event has (for checking that stopping a follow unsubscribes). */
  listeners(event: EventName): number;
}

/**
 * A stand-in for `window.accountManager`, typed from the contract: records every call,
 * answers with what a test set, and lets the test push events. No zod, no network.
 */
export function createFakeApi(): FakeApi {
  const calls: FakeApi['calls'] = [];
  const replies = new Map<Channel, Reply<Channel>>();
  const listeners = new Map<EventName, Set<Listener>>();

  const call = async (channel: Channel, request: unknown) => {
    calls.push({ channel, request });
    const reply = replies.get(channel);
    if (!reply) return fail('internal', `The fake API has no answer for ${channel}.`);
    return reply(request as ChannelRequest<Channel>);
  };
  const on = (event: EventName, listener: Listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => void set.delete(listener);
  };
  const api = new Proxy({} as AccountManagerApi, {
    get: (_target, name) => {
      if (name === 'on') return on;
      if (typeof name === 'symbol' || name === 'then') return undefined;
      return (request: unknown) => call(name as Channel, request);
    },
  });

  const fake: FakeApi = {
    api,
    calls,
    requests: <C extends Channel>(channel: C) =>
      calls.filter((entry) => entry.channel === channel).map((entry) => entry.request as ChannelRequest<C>),
    answer: (channel, reply) => void replies.set(channel, reply as unknown as Reply<Channel>),
    succeed: (channel, value) =>
      fake.answer(channel, (request) => ok(typeof value === 'function' ? (value as (r: typeof request) => never)(request) : value)),
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
    listeners: (event) => listeners.get(event)?.size ?? 0,
  };
  return fake;
}

/** A reply the test releases when it chooses: for "the event came before the reply" and similar orders. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** Node's, declared here because the renderer's type check (DOM, no Node types) reads this file too. */
declare const setImmediate: (callback: () => void) => unknown;

/**
 * Lets every reply that is already resolved run to its end (a macrotask comes after all
 * queued microtasks). Not a timed wait: the fake answers without timers.
 */
export const repliesRun = () => new Promise<void>((resolve) => setImmediate(resolve));
