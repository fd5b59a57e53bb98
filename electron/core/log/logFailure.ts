import { AppFailure } from '../../../shared/errors';
import { ApiFailure } from '../usersApi/apiFailure';
import { VaultUnavailableError } from '../vault/vault';
import type { Logger } from './logger';

/**
 * Logs a failure of work nobody waits for (a background refresh, revoking a session) at
 * the level it deserves. An unreachable server is normal and shown by connectivity: debug.
 * Anything else a server or the keychain answered is worth a warning. Anything else is
 * a bug in the app and says "internal error", the phrase tests and people look for.
 * `doing` names the work in words, e.g. "refreshing the profile".
 */
export function logFailure(log: Logger, doing: string, error: unknown): void {
  if (error instanceof ApiFailure && (error.code === 'network-unreachable' || error.code === 'timeout')) {
    log.debug(`${doing} failed: the server cannot be reached`, error);
  } else if (error instanceof ApiFailure || error instanceof AppFailure || error instanceof VaultUnavailableError) {
    log.warn(`${doing} failed`, error);
  } else {
    log.error(`internal error while ${doing}`, error);
  }
}
