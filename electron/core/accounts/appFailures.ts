import { AppFailure } from '../../../shared/errors';
import { ApiFailure } from '../usersApi/apiFailure';
import { VaultUnavailableError } from '../vault/vault';

/** Keeps contract failures, explains a keychain failure, leaves anything else to the dispatcher. */
export function asAppFailure(error: unknown): unknown {
  if (error instanceof ApiFailure) {
    const { code, message, ...extra } = error.toAppError();
    return new AppFailure(code, message, extra);
  }
  if (error instanceof VaultUnavailableError) {
    return new AppFailure('keychain-unavailable', error.reason);
  }
  return error;
}
