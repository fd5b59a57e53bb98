// Email 2FA codes (§5): 6 digits mailed as `123-456`, bcrypt-hashed, valid for
// By_Email_Code_Expiration seconds, `totp-max-attempts` after 5 bad tries.
import bcrypt from 'bcryptjs';
import type { App } from '../app';
import { oauthServices } from '../auth/password';
import { randomDigits } from '../ids';
import type { UserDoc } from '../state/types';

export const verifiedEmails = (user: UserDoc): string[] => (user.emails ?? []).filter((e) => e.verified).map((e) => e.address);

/** EmailCheck.isEnabled (apps/meteor/server/lib/2fa/code/EmailCheck.ts). */
export function emailTwoFactorEnabled(app: App, user: UserDoc): boolean {
  return (
    app.settings.Accounts_TwoFactorAuthentication_By_Email_Enabled &&
    (app.settings.Accounts_twoFactorAuthentication_email_available_for_OAuth_users || oauthServices(user).length === 0) &&
    user.services.email2fa?.enabled === true &&
    verifiedEmails(user).length > 0
  );
}

/** Mails a fresh code to every verified address; the previous code is replaced. */
export async function sendEmailCode(app: App, user: UserDoc): Promise<void> {
  const code = randomDigits(6);
  const expire = new Date(app.clock.now() + app.settings.Accounts_TwoFactorAuthentication_By_Email_Code_Expiration * 1000);
  user.services.emailCode = { code: await bcrypt.hash(code, app.bcryptRounds), expire, attempts: 0 };
  const formatted = code.replace(/^(\d{3})/, '$1-');
  for (const to of verifiedEmails(user)) {
    app.mailer.send({
      to,
      subject: 'Authentication code',
      text: `Here is your authentication code:\n\n${formatted}\n\nDo not provide this code to anyone.\nIf you didn't try to login in your account please ignore this email.\n`,
      code: formatted,
    });
  }
}

export async function verifyEmailCode(app: App, user: UserDoc, input: string): Promise<boolean> {
  if (!emailTwoFactorEnabled(app, user)) return false;
  const stored = user.services.emailCode;
  if (!stored) return false;
  if (stored.expire.getTime() < app.clock.now()) return false;
  if (await bcrypt.compare(input.replace(/[^\d]/g, ''), stored.code)) {
    delete user.services.emailCode;
    return true;
  }
  stored.attempts += 1;
  return false;
}

export const maxAttemptsReached = (app: App, user: UserDoc): boolean =>
  (user.services.emailCode?.attempts ?? 0) >= app.settings.Accounts_TwoFactorAuthentication_Max_Invalid_Email_Code_Attempts;

/** Reuses a still-valid code, otherwise mails a new one (§1 "later challenges reuse…"). */
export async function processInvalidEmailCode(app: App, user: UserDoc): Promise<Record<string, unknown>> {
  const stored = user.services.emailCode;
  if (stored && stored.expire.getTime() < app.clock.now()) delete user.services.emailCode;
  const emailOrUsername = user.username ?? verifiedEmails(user)[0];
  const current = user.services.emailCode;
  if (current && !maxAttemptsReached(app, user)) {
    return { emailOrUsername, codeGenerated: false, codeExpires: current.expire.toISOString() };
  }
  await sendEmailCode(app, user);
  return { codeGenerated: true, emailOrUsername };
}
