// checkCodeForUser (§5): picks the method, challenges, verifies. Login turns the
// TwoFactorError into a 401 (§1); every other route into a 400 envelope (§5).
import type { App } from '../app';
import { bcryptOf, checkDigest } from '../auth/password';
import { sha256Hex } from '../ids';
import type { LoginToken, UserDoc } from '../state/types';
import { emailTwoFactorEnabled, maxAttemptsReached, processInvalidEmailCode, sendEmailCode, verifyEmailCode } from './emailCode';
import { verifyTotp } from './totp';

export type TwoFactorCode = 'totp-required' | 'totp-invalid' | 'totp-max-attempts';

const REASONS: Record<TwoFactorCode, string> = {
  'totp-required': 'TOTP Required',
  'totp-invalid': 'TOTP Invalid',
  'totp-max-attempts': 'TOTP Maximun Failed Attempts Reached', // sic, §1
};

export class TwoFactorError extends Error {
  readonly reason: string;
  constructor(
    readonly code: TwoFactorCode,
    readonly details: Record<string, unknown>,
  ) {
    super(REASONS[code]);
    this.reason = REASONS[code];
  }
}

export interface TwoFactorOptions {
  disablePasswordFallback?: boolean;
  requireSecondFactor?: boolean;
  /** The caller's token: a personal access token made with bypassTwoFactor skips the check. */
  token?: LoginToken;
}

interface Method {
  name: 'totp' | 'email' | 'password';
  enabled(app: App, user: UserDoc): boolean;
  verify(app: App, user: UserDoc, code: string): Promise<boolean>;
  challenge(app: App, user: UserDoc): Promise<Record<string, unknown>>;
  maxAttempts(app: App, user: UserDoc): boolean;
}

export const totpEnabled = (app: App, user: UserDoc): boolean =>
  app.settings.Accounts_TwoFactorAuthentication_By_TOTP_Enabled && user.services.totp?.enabled === true;

/** A TOTP code, or an 8-character backup code that is then used up (§5). */
export function verifyTotpOrBackup(app: App, user: UserDoc, secret: string | undefined, code: string): boolean {
  const totp = user.services.totp;
  if (!secret || !totp) return false;
  if (code.length === 8) {
    const index = (totp.hashedBackup ?? []).indexOf(sha256Hex(code));
    if (index === -1) return false;
    totp.hashedBackup?.splice(index, 1);
    return true;
  }
  return verifyTotp(secret, code, app.clock.now(), app.settings.Accounts_TwoFactorAuthentication_MaxDelta);
}

const totp: Method = {
  name: 'totp',
  enabled: totpEnabled,
  verify: async (app, user, code) => totpEnabled(app, user) && verifyTotpOrBackup(app, user, user.services.totp?.secret, code),
  challenge: async () => ({ codeGenerated: false }),
  maxAttempts: () => false,
};

const email: Method = {
  name: 'email',
  enabled: emailTwoFactorEnabled,
  verify: verifyEmailCode,
  challenge: processInvalidEmailCode,
  maxAttempts: maxAttemptsReached,
};

const password: Method = {
  name: 'password',
  enabled: (app, user) => app.settings.Accounts_TwoFactorAuthentication_Enforce_Password_Fallback && Boolean(bcryptOf(user)),
  verify: (_app, user, code) => checkDigest(bcryptOf(user), code),
  challenge: async () => ({ codeGenerated: false }),
  maxAttempts: () => false,
};

export const availableMethods = (app: App, user: UserDoc): string[] => [totp, email].filter((m) => m.enabled(app, user)).map((m) => m.name);

/** An explicit method is honoured only if it is totp or email (§5 "Method choice"). */
function selectMethod(app: App, user: UserDoc, method: string | undefined, options: TwoFactorOptions): Method | undefined {
  if (method === 'totp') return totp;
  if (method === 'email') return email;
  const first = [totp, email].find((m) => m.enabled(app, user));
  if (first) return first;
  if (options.requireSecondFactor) return password;
  if (!options.disablePasswordFallback && password.enabled(app, user)) return password;
  return undefined;
}

/** Throws TwoFactorError unless the code satisfies the user's 2FA; no remember window (strict mode). */
export async function checkCodeForUser(
  app: App,
  user: UserDoc,
  code: string | undefined,
  method: string | undefined,
  options: TwoFactorOptions = {},
): Promise<void> {
  if (!app.settings.Accounts_TwoFactorAuthentication_Enabled) return;
  // isAuthorizedForToken: requireSecondFactor wins over the token's bypass.
  if (options.token?.bypassTwoFactor === true && !options.requireSecondFactor) return;
  const selected = selectMethod(app, user, method, options);
  if (!selected) return;
  const data = await selected.challenge(app, user);
  const details = (extra: Record<string, unknown> = {}) => ({
    method: selected.name,
    ...data,
    ...extra,
    availableMethods: availableMethods(app, user),
  });
  if (!code) throw new TwoFactorError('totp-required', details());
  if (await selected.verify(app, user, code)) return;
  if (selected.maxAttempts(app, user)) {
    // §5: after 5 bad tries the server answers totp-max-attempts and mails a new code.
    await sendEmailCode(app, user);
    throw new TwoFactorError('totp-max-attempts', details({ codeGenerated: true, codeExpires: undefined }));
  }
  throw new TwoFactorError('totp-invalid', details());
}
