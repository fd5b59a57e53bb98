import type { Channel, ChannelRequest, ChannelValue } from '../../shared/contract';

export type Handler<C extends Channel> = (request: ChannelRequest<C>) => Promise<ChannelValue<C>> | ChannelValue<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };
/** The channels one module answers. */
export type Handlers = Partial<HandlerTable>;

type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (whole: infer I) => void ? I : never;

/**
 * The modules' handler tables as one. A channel two modules both claim is a bug of the
 * composition, found at start rather than by whichever table happened to come last.
 */
export function mergeHandlers<T extends Handlers[]>(...tables: T): Intersection<T[number]> {
  const merged: Handlers = {};
  for (const table of tables) {
    for (const channel of Object.keys(table) as Channel[]) {
      if (channel in merged) throw new Error(`Two modules answer ${channel}.`);
      (merged as Record<Channel, unknown>)[channel] = table[channel];
    }
  }
  return merged as Intersection<T[number]>;
}
