/**
 * Second-factor codes as people type or paste them. An authenticator app shows "123 456",
 * an email says "123-456": the server compares the bare code. And a code of the wrong shape
 * is caught here, before it is sent, because each wrong answer spends one of the few tries
 * the server allows (five for an emailed code, then it ends the sign-in).
 */

/** The code without the spaces and dashes people copy with it. */
export function compactCode(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** What is sent for `method`: an emailed code's digits (as the server reads it), any other code compacted. */
export function codeToSend(method: 'totp' | 'email', typed: string): string {
  return method === 'email' ? typed.replace(/\D/g, '') : compactCode(typed);
}

/** As sent: an emailed code has 6 digits; an authenticator code 6 digits, or 8 characters for a backup code. */
const shapes = { email: /^\d{6}$/, totp: /^(\d{6}|.{8})$/ } as const;

/**
 * Why what was typed cannot be the code for `method`, in words; null when it may be.
 * An emailed code is read the way the server reads it (digits only), so a pasted
 * "Code: 123-456" passes.
 */
export function codeShapeProblem(method: 'totp' | 'email', typed: string): string | null {
  if (typed.trim() === '') return 'Enter the code.';
  if (shapes[method].test(codeToSend(method, typed))) return null;
  return method === 'email'
    ? 'The code from the email has 6 digits.'
    : 'Enter the 6-digit code from your authenticator app, or one of your 8-character backup codes.';
}
