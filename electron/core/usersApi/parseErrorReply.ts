import type { TwoFactorChallenge } from '../../../shared/errors';
import { ApiFailure } from './apiFailure';

/**
 * Reads any error envelope of docs/protocol.md (sections 0, 1, 7, 8) and maps it onto the
 * contract's codes:
 * - thrown errors `{error: "Reason [code]", errorType}` (the suffix may be missing);
 * - plain failures `{error: "text"}`;
 * - both invalid-params forms (`invalid-params`, `error-invalid-params`);
 * - login's 401 `{error: <code or the number 403>, message, details}` and 9.0's bare
 *   `{error: "unauthorized"}`;
 * - 429 with X-RateLimit-Reset (epoch ms), and the older 400 error-too-many-requests.
 */
/** What a login with a single sign-on credential the server does not hold (yet) answers, in words. */
export const ssoNotFinishedMessage = 'The sign-in has not been finished in the browser yet.';

export function parseErrorReply(status: number, body: unknown, headers: Headers, now: number): ApiFailure {
  const record = isRecord(body) ? body : {};
  const rawError = record.error;
  const errorText = typeof rawError === 'string' ? rawError : typeof rawError === 'number' ? String(rawError) : '';
  const { reason, code: suffixCode } = splitReason(errorText);
  const errorType = typeof record.errorType === 'string' ? record.errorType : undefined;
  const serverCode = errorType ?? suffixCode ?? (typeof rawError === 'string' && /^[a-z0-9-]+$/.test(rawError) ? rawError : undefined);
  const message = typeof record.message === 'string' ? record.message : undefined;
  const serverDetails = record.details;
  const base = { status, serverCode, serverDetails };

  const twoFactor = twoFactorFailure(serverCode, serverDetails, base);
  if (twoFactor) return twoFactor;

  if (status === 429 || serverCode === 'error-too-many-requests') {
    const retryAfter = retryAfterSeconds(headers, serverDetails, now);
    return new ApiFailure('rate-limited', `The server asks to slow down. Try again in ${retryAfter} seconds.`, { ...base, retryAfter });
  }
  if (status === 401) {
    // A single sign-on the browser has not finished (or that the provider refused): the
    // server holds no credential for the token yet (docs/sign-in.md §8).
    if (/no matching login attempt/i.test(`${message ?? ''} ${errorText}`)) {
      return new ApiFailure('unauthorized', ssoNotFinishedMessage, {
        ...base,
        serverCode: 'no-matching-login-attempt',
      });
    }
    if (
      typeof rawError === 'number' ||
      /^(Unauthorized|403)$/i.test(errorText) ||
      /incorrect password|check your credentials/i.test(message ?? '')
    ) {
      return new ApiFailure('unauthorized', 'Wrong username, email or password.', base);
    }
    if (serverCode === 'error-user-is-not-activated') {
      // Rocket.Chat answers this for every inactive account: deactivated, or new and waiting for approval.
      return new ApiFailure(
        'unauthorized',
        'This account is not active on the server: an administrator has deactivated it, or has not approved it yet. Ask them to activate it.',
        base,
      );
    }
    if (serverCode === 'error-invalid-email') {
      return new ApiFailure('unauthorized', 'Confirm your email address first: the server asks for a verified address.', base);
    }
    if (serverCode?.startsWith('error-login-blocked')) {
      return new ApiFailure('unauthorized', 'The server has blocked sign-in for now after too many failed attempts.', base);
    }
    return new ApiFailure('unauthorized', 'Your session has ended. Sign in again.', base);
  }
  if (status === 403) {
    return new ApiFailure('unauthorized', 'The server does not allow this for your account.', base);
  }
  if (status === 404) {
    return new ApiFailure('not-found', reason || 'Not found on the server.', base);
  }
  if (status >= 500) {
    return new ApiFailure('server-error', `The server had a problem (HTTP ${status}). Try again later.`, base);
  }
  if (serverCode === 'invalid-params' || serverCode === 'error-invalid-params') {
    return new ApiFailure('validation', reason || 'The server did not accept the request.', base);
  }
  return new ApiFailure('validation', reason || message || `The server refused the request (HTTP ${status}).`, base);
}

/** "Reason text [code]" → { reason, code }; "[code]" alone → empty reason. */
export function splitReason(text: string): { reason: string; code?: string } {
  const match = /^(.*?)\s*\[([^\]\s]+)\]$/s.exec(text.trim());
  if (!match) return { reason: text.trim() };
  return { reason: match[1]!.trim(), code: match[2]! };
}

function twoFactorFailure(serverCode: string | undefined, details: unknown, base: Record<string, unknown>): ApiFailure | null {
  if (serverCode !== 'totp-required' && serverCode !== 'totp-invalid' && serverCode !== 'totp-max-attempts') return null;
  const challenge = readChallenge(details);
  const extra = { ...base, ...(challenge ? { twoFactor: challenge } : {}) };
  if (serverCode === 'totp-required') {
    return new ApiFailure('two-factor-required', 'Confirm with your second factor.', extra);
  }
  if (serverCode === 'totp-invalid') {
    return new ApiFailure('two-factor-invalid', 'That code is not right. Check it and try again.', extra);
  }
  return new ApiFailure('two-factor-locked', 'Too many wrong codes. Wait for a new code, then start again.', extra);
}

function readChallenge(details: unknown): TwoFactorChallenge | undefined {
  if (!isRecord(details)) return undefined;
  const method = asMethod(details.method);
  if (!method) return undefined;
  const available = Array.isArray(details.availableMethods) ? details.availableMethods.map(asMethod).filter((m) => m !== undefined) : [];
  return {
    method,
    availableMethods: available.length > 0 ? available : [method],
    ...(typeof details.emailOrUsername === 'string' ? { codeSentTo: details.emailOrUsername } : {}),
  };
}

function asMethod(value: unknown): TwoFactorChallenge['method'] | undefined {
  return value === 'totp' || value === 'email' || value === 'password' ? value : undefined;
}

function retryAfterSeconds(headers: Headers, details: unknown, now: number): number {
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) {
    return Math.max(1, Math.ceil((reset - now) / 1000));
  }
  if (isRecord(details) && typeof details.seconds === 'number') return Math.max(1, Math.ceil(details.seconds));
  if (isRecord(details) && typeof details.timeToReset === 'number') return Math.max(1, Math.ceil(details.timeToReset / 1000));
  return 60;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
