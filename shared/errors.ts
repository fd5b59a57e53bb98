/**
 * Every failure crosses the IPC boundary as data, never as a thrown exception.
 * The codes are the ones in docs/architecture.md, plus `internal` for a bug in the core itself
 * (so a programming error is never disguised as a server or network problem).
 */
export const errorCodes = [
  'network-unreachable',
  'timeout',
  'tls-untrusted',
  'unauthorized',
  'two-factor-required',
  'two-factor-invalid',
  'two-factor-locked',
  'validation',
  'conflict',
  'rate-limited',
  'server-error',
  'not-found',
  'keychain-unavailable',
  'storage-corrupt',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Plain TypeScript (no zod) so the renderer can use it without shipping a schema library. */
export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field name → message, for errors that belong next to an input. */
  fields?: Record<string, string>;
  /** Seconds until a rate-limited call may be tried again. */
  retryAfter?: number;
  /** With `two-factor-required`: what the server asks for and how to answer. */
  twoFactor?: TwoFactorChallenge;
  /**
   * A technical detail (a system error code such as ECONNREFUSED) for a "Details"
   * disclosure and bug reports; never part of `message`, which is for a person.
   */
  detail?: string;
}

export interface TwoFactorChallenge {
  /** Names the pending sign-in to answer (sign-in only). */
  challengeId?: string;
  method: 'totp' | 'email' | 'password';
  availableMethods: ('totp' | 'email' | 'password')[];
  /** Where an emailed code went, as the server tells it. */
  codeSentTo?: string;
}

export type Failure = { ok: false; error: AppError };

export type Success<T> = { ok: true; value: T };
export type Result<T> = Success<T> | Failure;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Failure {
  return { ok: false, error: { code, message, ...extra } };
}

/**
 * Thrown inside the core to abort a handler with a specific contract error.
 * The dispatcher turns it into a Failure; nothing else escapes.
 */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppFailure';
    this.error = { code, message, ...extra };
  }
}
