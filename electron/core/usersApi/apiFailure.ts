import type { AppError, ErrorCode, TwoFactorChallenge } from '../../../shared/errors';
import type { ExpectedFailure } from '../log/logFailure';

/**
 * Every way a request can fail before any reply arrives, as the person should hear it.
 * The sentence names the server and says what happened in words; the system's own code
 * (ECONNREFUSED, UND_ERR_SOCKET, ERR_SSL_…) goes only to `detail`, for the log and the
 * window's "Details" disclosure (docs/contract.md "Errors").
 */
export const networkFailureKinds = [
  'timeout',
  'connect-timeout',
  'certificate',
  'wrong-protocol',
  'not-found',
  'refused',
  'dropped',
  'no-route',
  'other',
] as const;
export type NetworkFailureKind = (typeof networkFailureKinds)[number];

/**
 * A failed users API call, already mapped onto the contract's error codes, plus what
 * the server said in its own words (for the code paths that need the raw code).
 */
export class ApiFailure extends Error implements ExpectedFailure {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      status?: number;
      /** The server's own error code, e.g. `error-could-not-save-identity` or `totp-invalid`. */
      serverCode?: string;
      retryAfter?: number;
      twoFactor?: TwoFactorChallenge;
      /** The body's `details` member, when it had one (password policy rules, say). */
      serverDetails?: unknown;
      /** No reply arrived: how the request failed (networkFailure.ts). */
      networkKind?: NetworkFailureKind;
      /** The system's own code (ECONNREFUSED, …): for the log and the window's "Details", never the sentence. */
      detail?: string;
    } = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** For the log: a server out of reach is normal (connectivity shows it); any other answer was a refusal. */
  get failureKind(): ExpectedFailure['failureKind'] {
    return this.code === 'network-unreachable' || this.code === 'timeout' ? 'unreachable' : 'refused';
  }

  toAppError(): AppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.details.retryAfter !== undefined ? { retryAfter: this.details.retryAfter } : {}),
      ...(this.details.twoFactor ? { twoFactor: this.details.twoFactor } : {}),
      ...(this.details.detail ? { detail: this.details.detail } : {}),
    };
  }
}
