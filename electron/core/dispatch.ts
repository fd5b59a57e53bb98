import { AppFailure, fail, ok, type AppError, type Failure, type Result } from '../../shared/errors';
import { channels, isChannel, type Channel, type ChannelRequest } from '../../shared/contract';
import type { ZodError } from 'zod';
import type { Handler, HandlerTable } from './handlers';
import { silentLogger, type Logger } from './log/logger';
import { ApiFailure } from './usersApi/apiFailure';
import { VaultUnavailableError } from './vault/vault';

/** One entry point for both shells: (channel name, untrusted payload) → contract result. */
export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /**
   * Where bugs in the core are reported, as "internal error on <channel>" (never the
   * payload itself: it may hold secrets). Failures the contract expects are not logged.
   */
  log?: Logger;
}

/**
 * Validates the request against the contract before the handler runs and the value
 * against the response schema after. The response parse doubles as an allow-list:
 * keys the contract does not declare are stripped, so a handler cannot leak a field
 * (a token, say) by accident. Nothing thrown escapes: every outcome is a Result, and the
 * failures the app expects become the contract's errors here, once (appErrorOf).
 */
export function createDispatch(handlers: HandlerTable, options: DispatchOptions = {}): Dispatch {
  const log = options.log ?? silentLogger;
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return fail('validation', `Unknown channel: ${describe(channel)}`);
    }
    try {
      const request = channels[channel].request.safeParse(payload ?? {});
      if (!request.success) {
        return validationFailure(request.error);
      }
      const handler = handlers[channel] as Handler<Channel>;
      const value = await handler(request.data as ChannelRequest<Channel>);
      const checked = channels[channel].response.safeParse(value);
      if (!checked.success) {
        log.error(`internal error on ${channel}: the reply does not match the contract`, checked.error);
        return fail('internal', 'The app produced an answer it cannot show. Please report this.');
      }
      return ok(checked.data);
    } catch (error) {
      const expected = appErrorOf(error);
      if (expected) return { ok: false, error: expected };
      log.error(`internal error on ${channel}`, error);
      return fail('internal', 'Something went wrong inside the app. Please try again.');
    }
  };
}

/**
 * A failure the app expects, as the contract's error: its own AppFailure, a server's answer
 * (ApiFailure, mapped onto the contract's codes by the client), or a keychain that cannot be
 * used. Anything else is a bug, and null.
 */
export function appErrorOf(error: unknown): AppError | null {
  if (error instanceof AppFailure) return error.error;
  if (error instanceof ApiFailure) return error.toAppError();
  if (error instanceof VaultUnavailableError) return { code: 'keychain-unavailable', message: error.reason };
  return null;
}

function validationFailure(error: ZodError): Failure {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(request)';
    fields[key] ??= issue.message;
  }
  return fail('validation', 'The request was not valid.', { fields });
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.slice(0, 80));
  }
  return typeof value;
}
