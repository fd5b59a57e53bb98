import type { AppError, ErrorCode, TwoFactorChallenge } from '../../../shared/errors';

/**
 * A failed users API call, already mapped onto the contract's error codes, plus what
 * the server said in its own words (for the code paths that need the raw code).
 */
export class ApiFailure extends Error {
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
    } = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  toAppError(): AppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.details.retryAfter !== undefined ? { retryAfter: this.details.retryAfter } : {}),
      ...(this.details.twoFactor ? { twoFactor: this.details.twoFactor } : {}),
    };
  }
}
