import type { Channel, ChannelRequest, ChannelResult, ChannelValue } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';

/**
 * Calling the core the way a shell does (through `dispatch`, so the request is validated and
 * the value checked against the contract), typed by the contract instead of by casts: the
 * channel names the request a test must build and the value it gets back.
 */

/** What these helpers need of a core: its dispatch (a Core, or a child process's own core). */
export interface Dispatcher {
  dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

/**
 * The channel's whole reply, typed: for a test that looks at both outcomes, or must not fail
 * when the core refuses (a poll, a helper that only asks).
 */
export async function callResult<C extends Channel>(core: Dispatcher, channel: C, request: ChannelRequest<C>): Promise<ChannelResult<C>> {
  // The one cast: dispatch parsed this value with the channel's response schema before answering.
  return (await core.dispatch(channel, request)) as ChannelResult<C>;
}

/** The channel's value; a refusal fails the test with the error's code and words. */
export async function call<C extends Channel>(core: Dispatcher, channel: C, request: ChannelRequest<C>): Promise<ChannelValue<C>> {
  const result = await callResult(core, channel, request);
  if (!result.ok) throw new CallFailed(channel, result.error);
  return result.value;
}

/** The error the core answers; a success fails the test with the value it answered instead. */
export async function callFailure<C extends Channel>(core: Dispatcher, channel: C, request: ChannelRequest<C>): Promise<AppError> {
  const result = await callResult(core, channel, request);
  if (result.ok) throw new Error(`expected ${channel} to fail, it answered ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A call the test expected to succeed was refused; the message says how, the error is kept whole. */
export class CallFailed extends Error {
  constructor(
    readonly channel: Channel,
    readonly error: AppError,
  ) {
    super(`${channel} failed (${error.code}): ${error.message}${error.fields ? ` ${JSON.stringify(error.fields)}` : ''}`);
    this.name = 'CallFailed';
  }
}
