import { AppFailure } from '../../../shared/errors';
import type { Logger } from './logger';

/**
 * A failure the app expects to meet says so, so the log (which sits below every adapter)
 * can tell it from a bug without knowing the adapters' error classes: `unreachable` for a
 * server that cannot be reached now, `refused` for one that answered no, or a keychain
 * that is locked.
 */
export interface ExpectedFailure {
  readonly failureKind: 'unreachable' | 'refused';
}

function kindOf(error: unknown): ExpectedFailure['failureKind'] | null {
  if (error instanceof AppFailure) return 'refused';
  const kind = (error as Partial<ExpectedFailure> | null)?.failureKind;
  return kind === 'unreachable' || kind === 'refused' ? kind : null;
}

/**
 * The sentence a failure the app expects carries (a server's answer, a keychain that cannot be
 * used, the app's own refusal), for a view that shows it in place of fresh data; null for a bug.
 */
export function failureWords(error: unknown): string | null {
  return kindOf(error) && error instanceof Error ? error.message : null;
}

/**
 * Logs a failure of work nobody waits for (a background refresh, revoking a session) at
 * the level it deserves. An unreachable server is normal and shown by connectivity: debug.
 * Anything else a server or the keychain answered is worth a warning. Anything else is
 * a bug in the app and says "internal error", the phrase tests and people look for.
 * `doing` names the work in words, e.g. "refreshing the profile".
 */
export function logFailure(log: Logger, doing: string, error: unknown): void {
  const kind = kindOf(error);
  if (kind === 'unreachable') {
    log.debug(`${doing} failed: the server cannot be reached`, error);
  } else if (kind === 'refused') {
    log.warn(`${doing} failed`, error);
  } else {
    log.error(`internal error while ${doing}`, error);
  }
}
