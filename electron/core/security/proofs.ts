import { AppFailure } from '../../../shared/errors';
import { codeShapeProblem, codeToSend } from '../../../shared/twoFactorCode';
import { policyFailureWords } from '../../../shared/passwordPolicy';
import type { ApiFailure } from '../usersApi/apiFailure';
import { passwordDigest } from '../usersApi/authApi';
import type { TwoFactorHeaders } from '../usersApi/securityApi';
import type { Method } from './secondFactors';

/** What the person typed to confirm a change: their current password, or a code. Used once, never kept. */
export interface Proof {
  currentPassword?: string;
  code?: string;
  method?: Exclude<Method, 'none'>;
}

export function missingProof(method: Method, proof: Proof): Record<string, string> {
  if (method === 'password' && !proof.currentPassword) return { currentPassword: 'Enter your current password.' };
  if (method === 'totp' || method === 'email') {
    if (!proof.code?.trim()) {
      return {
        code: method === 'totp' ? 'Enter the code from your authenticator app, or a backup code.' : 'Enter the code sent to your email.',
      };
    }
    // Not sent when it cannot be right: a wrong code spends one of the server's few tries.
    const problem = codeShapeProblem(method, proof.code);
    if (problem) return { code: problem };
  }
  return {};
}

/** The request data and headers for updateOwnBasicInfo's gate (docs/protocol.md §4 "Recipe"). */
export function gated(
  method: Method,
  proof: Proof,
  data: Record<string, string>,
): { data: Record<string, string>; headers: TwoFactorHeaders } {
  if (method === 'password') return { data: { ...data, currentPassword: passwordDigest(proof.currentPassword ?? '') }, headers: {} };
  return { data, headers: gatedHeaders(method, proof) };
}

/** The x-2fa headers for routes that check a second factor (docs/protocol.md §5). */
export function gatedHeaders(method: Method, proof: Proof): TwoFactorHeaders {
  if (method === 'totp' || method === 'email') return { 'x-2fa-code': codeToSend(method, proof.code ?? ''), 'x-2fa-method': method };
  if (method === 'password') return { 'x-2fa-code': passwordDigest(proof.currentPassword ?? ''), 'x-2fa-method': 'password' };
  return {};
}

export function proofRefusal(failure: ApiFailure, method: Method): Record<string, string> | null {
  const field = method === 'password' ? 'currentPassword' : 'code';
  if (failure.code === 'two-factor-invalid')
    return { [field]: method === 'password' ? 'Your current password is not right.' : 'That code is not right. Check it and try again.' };
  if (failure.code === 'two-factor-locked') return { code: 'Too many wrong codes. A new code was sent to your email; use that one.' };
  if (failure.code === 'two-factor-required') {
    const asked = failure.details.twoFactor?.method ?? method;
    return { [asked === 'password' ? 'currentPassword' : 'code']: 'The server asks you to confirm this change.' };
  }
  return null;
}

export function passwordRefusal(failure: ApiFailure): Record<string, string> | null {
  const code = failure.details.serverCode;
  if (code === 'error-action-not-allowed') return { newPassword: 'This workspace does not allow changing your password.' };
  if (code === 'error-password-same-as-current') return { newPassword: 'The new password is the same as your current one.' };
  if (code === 'error-password-in-history') return { newPassword: 'You have used this password before. Choose one you have not used.' };
  if (code === 'error-password-policy-not-met') {
    const rules = Array.isArray(failure.details.serverDetails)
      ? (failure.details.serverDetails as { error?: string }[]).map(
          (d) => policyFailureWords[(d.error ?? '').replace('error-password-policy-not-met-', '')] ?? d.error,
        )
      : [];
    return { newPassword: `The server refused this password${rules.length > 0 ? `: ${rules.join('; ')}` : ''}.` };
  }
  return null;
}

export function emailRefusal(failure: ApiFailure): Record<string, string> | null {
  const code = failure.details.serverCode ?? '';
  if (['error-invalid-email', 'error-field-unavailable', 'error-invalid-domain', 'error-email-domain-blacklisted'].includes(code)) {
    return {
      email:
        code === 'error-field-unavailable'
          ? 'That address is already used by another account.'
          : `The server refused this address: ${failure.message}`,
    };
  }
  if (code === 'error-action-not-allowed') return { email: 'This workspace does not allow changing your email address.' };
  return null;
}

/**
 * The server wants another factor than the app sent (or none was expected): the failure that
 * asks the person for that one, on its field; null when the refusal is about something else.
 */
export function anotherFactorAsked(failure: ApiFailure, method: Method): AppFailure | null {
  const asked = failure.details.twoFactor?.method;
  if (!asked || !(failure.code === 'two-factor-required' || (failure.code === 'two-factor-invalid' && asked !== method))) return null;
  const field = asked === 'password' ? 'currentPassword' : 'code';
  const words = {
    totp: 'a code from your authenticator app',
    email: 'the code sent to your email',
    password: 'your current password',
  }[asked];
  return new AppFailure('two-factor-required', `The server asks for ${words} to confirm this change.`, {
    fields: { [field]: `The server asks for ${words}.` },
    twoFactor: failure.details.twoFactor,
  });
}
