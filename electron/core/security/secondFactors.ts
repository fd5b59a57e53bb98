import type { SecurityView } from '../../../shared/securitySchemas';
import { features, hasRelease, isOff, missingFeature, type Release, type WorkspaceSettings } from '../profile/workspacePolicy';

export type Method = SecurityView['method'];

/**
 * The account's factors as the server will count them (docs/protocol.md §5): a TOTP or email
 * second factor only where the workspace has that method on (and email for an OAuth account
 * only where the workspace allows that: apps/meteor/server/lib/2fa/code/EmailCheck.ts,
 * TOTPCheck.ts), and whether the account has a password at all.
 */
export interface Factors {
  /** Accounts_TwoFactorAuthentication_Enabled: off, nothing is checked, not even a password. */
  checked: boolean;
  totp: boolean;
  email: boolean;
  password: boolean;
  /** The authenticator app is set up on the account (whether or not the workspace asks for it). */
  totpSetUp: boolean;
  emailSetUp: boolean;
}

export function factorsOf(document: Record<string, unknown>, settings: WorkspaceSettings): Factors {
  const services = (document.services ?? {}) as {
    totp?: { enabled?: boolean };
    email2fa?: { enabled?: boolean };
    password?: { exists?: boolean };
  };
  const checked = !isOff(settings, 'Accounts_TwoFactorAuthentication_Enabled');
  const verified = Array.isArray(document.emails) && document.emails.some((e) => (e as { verified?: unknown }).verified === true);
  const totpSetUp = services.totp?.enabled === true;
  const emailSetUp = services.email2fa?.enabled === true;
  const oauthAllowed =
    document.isOAuthUser !== true || !isOff(settings, 'Accounts_twoFactorAuthentication_email_available_for_OAuth_users');
  return {
    checked,
    totp: checked && totpSetUp && !isOff(settings, 'Accounts_TwoFactorAuthentication_By_TOTP_Enabled'),
    email: checked && emailSetUp && verified && oauthAllowed && !isOff(settings, 'Accounts_TwoFactorAuthentication_By_Email_Enabled'),
    password: services.password?.exists === true,
    totpSetUp,
    emailSetUp,
  };
}

/**
 * What confirms a password or email change (users.updateOwnBasicInfo, docs/protocol.md §4 "2FA
 * gate"): the server requires a second factor there, falling back to the password even when the
 * workspace does not enforce that fallback. Null: the server will ask for a password this account
 * has not got, so the change cannot be confirmed.
 */
export function changeMethod(factors: Factors): Method | null {
  if (!factors.checked) return 'none';
  if (factors.totp) return 'totp';
  if (factors.email) return 'email';
  return factors.password ? 'password' : null;
}

/** What confirms authenticator setup (a route marked twoFactorRequired, §5): the password only where the fallback is enforced. */
export function setupMethod(factors: Factors, settings: WorkspaceSettings): Method {
  if (!factors.checked) return 'none';
  if (factors.totp) return 'totp';
  if (factors.email) return 'email';
  return factors.password && !isOff(settings, 'Accounts_TwoFactorAuthentication_Enforce_Password_Fallback') ? 'password' : 'none';
}

/** Why each change is not offered on this account and workspace, in words; absent when it is offered. */
export function blockedChanges(
  document: Record<string, unknown>,
  settings: WorkspaceSettings,
  release: Release | null,
): SecurityView['blocked'] {
  const factors = factorsOf(document, settings);
  const blocked: SecurityView['blocked'] = {};
  const noTotpRoutes = !hasRelease(release, features.totpRoutes.major, features.totpRoutes.minor);
  if (!factors.password)
    blocked.password =
      'This account signs in through another service and has no password on this server, so there is no password to change.';
  else if (isOff(settings, 'Accounts_AllowPasswordChange')) blocked.password = 'This workspace does not allow changing your password.';
  if (isOff(settings, 'Accounts_AllowEmailChange')) blocked.email = 'This workspace does not allow changing your email address.';
  else if (changeMethod(factors) === null && Array.isArray(document.emails) && document.emails.length > 0)
    blocked.email =
      'The server confirms an email change with your password or a second factor, and this account has neither: it signs in through another service.';
  if (!factors.totpSetUp) {
    if (!factors.checked) blocked.totpSetup = 'This workspace has two-factor authentication switched off.';
    else if (isOff(settings, 'Accounts_TwoFactorAuthentication_By_TOTP_Enabled'))
      blocked.totpSetup = 'This workspace does not use authenticator apps for two-factor authentication.';
    else if (noTotpRoutes) blocked.totpSetup = missingFeature('totpRoutes', release);
  } else if (noTotpRoutes) blocked.totpOff = missingFeature('totpRoutes', release);
  return blocked;
}
