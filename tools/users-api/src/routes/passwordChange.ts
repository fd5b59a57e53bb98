// updateOwnBasicInfo steps 10 and 11 (§4): new password and custom fields.
import bcrypt from 'bcryptjs';
import type { App } from '../app';
import { bcryptOf, checkPlain, hashPassword } from '../auth/password';
import { assertPolicy } from '../auth/passwordPolicy';
import { removeAllOtherTokens } from '../auth/tokens';
import { thrown } from '../http/envelope';
import { sha256Hex } from '../ids';
import type { UserDoc } from '../state/types';

/** Applied only when allowed and the user has a bcrypt password; otherwise silently ignored. */
export async function changePassword(app: App, user: UserDoc, newPassword: string, callerHashedToken: string | undefined): Promise<void> {
  const current = bcryptOf(user);
  if (!app.settings.Accounts_AllowPasswordChange || !current) return;
  if (await checkPlain(current, newPassword)) {
    throw thrown('error-password-same-as-current', 'Entered password same as current password', { method: 'saveUserProfile' });
  }
  if (app.settings.Accounts_Password_History_Enabled) {
    const history = (user.services.passwordHistory ?? []).slice(-app.settings.Accounts_Password_History_Amount);
    const digest = sha256Hex(newPassword);
    for (const old of history) {
      if (await bcrypt.compare(digest, old)) {
        throw thrown('error-password-in-history', 'Entered password has been previously used', { method: 'saveUserProfile' });
      }
    }
  }
  assertPolicy(app.settings, newPassword);
  const hash = await hashPassword(newPassword, app.bcryptRounds);
  user.services.passwordHistory = [...(user.services.passwordHistory ?? []), current].slice(-10);
  user.services.password = { bcrypt: hash };
  delete user.requirePasswordChange;
  delete user.requirePasswordChangeReason;
  // Every other login token, PATs included, is deleted; the caller's stays.
  removeAllOtherTokens(app, user, callerHashedToken);
  app.store.touch(user);
}

/**
 * §4 step 11, as Rocket.Chat's saveCustomFields: with no field configured nothing is saved at
 * all; otherwise every configured field is checked (so a partial set fails, a select left out
 * included), then only the sent fields the workspace defines are set, one by one — fields it
 * does not define are dropped without a word, and stored fields not sent stay as they were.
 */
export function saveCustomFields(app: App, user: UserDoc, input: Record<string, unknown>): void {
  const defs = app.settings.Accounts_CustomFields;
  if (Object.keys(defs).length === 0) return;
  const fail = (message: string) => thrown('error-user-registration-custom-field', message, { method: 'registerUser' });
  for (const [field, def] of Object.entries(defs)) {
    const raw = input[field];
    // Rocket.Chat's trim() turns any falsy value into '' and anything else into its String().
    const value = raw ? String(raw).trim() : '';
    if (def.required && value === '') throw fail(`Field ${field} is required`);
    if (def.type === 'select' && !(def.options ?? []).includes(raw as string)) throw fail(`Value for field ${field} is invalid`);
    if (def.maxLength && value.length > def.maxLength) throw fail(`Max length of field ${field} ${def.maxLength}`);
    if (def.minLength && value.length > 0 && value.length < def.minLength) throw fail(`Min length of field ${field} ${def.minLength}`);
  }
  const kept = Object.entries(input).filter(([field]) => Object.hasOwn(defs, field));
  user.customFields = { ...(user.customFields ?? {}), ...Object.fromEntries(kept) };
  app.store.touch(user);
}
