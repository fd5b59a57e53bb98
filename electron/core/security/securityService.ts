import { AppFailure } from '../../../shared/errors';
import { codeShapeProblem, codeToSend } from '../../../shared/twoFactorCode';
import { checkPolicy, policyFailureWords, readPolicy, type PolicyRule } from '../../../shared/passwordPolicy';
import type { SecurityView } from '../../../shared/securitySchemas';
import type { AccountsService } from '../accounts/accountsService';
import { asAppFailure } from '../accounts/appFailures';
import { logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import type { ProfileCache } from '../profile/profileCache';
import type { ProfileService } from '../profile/profileService';
import { sanitizeUser } from '../profile/sanitizeUser';
import { ApiFailure } from '../usersApi/apiFailure';
import { passwordDigest, sendEmailCode } from '../usersApi/authApi';
import { fetchCurrentMe } from '../usersApi/profileApi';
import {
  disableTotp,
  enableTotp,
  fetchPasswordPolicy,
  logoutOtherClients,
  sendConfirmationEmail,
  updateSensitive,
  validateTotp,
  type TwoFactorHeaders,
} from '../usersApi/securityApi';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';

type Method = SecurityView['method'];
interface Proof {
  currentPassword?: string;
  code?: string;
  method?: Exclude<Method, 'none'>;
}

export interface SecurityDeps {
  accounts: AccountsService;
  profiles: ProfileService;
  cache: ProfileCache;
  clientForAccount(accountId: string): UsersApiClient;
  isOnline(accountId: string): boolean;
  log: Logger;
}

/** What confirms a change on this account (docs/protocol.md §4 "2FA gate"): TOTP, else email, else password. */
export function methodOf(document: Record<string, unknown>): { method: Method; totp: boolean; email: boolean; password: boolean } {
  const services = (document.services ?? {}) as {
    totp?: { enabled?: boolean };
    email2fa?: { enabled?: boolean };
    password?: { exists?: boolean };
  };
  const totp = services.totp?.enabled === true;
  const verified = Array.isArray(document.emails) && document.emails.some((e) => (e as { verified?: unknown }).verified === true);
  const email = services.email2fa?.enabled === true;
  const password = services.password?.exists === true;
  const method: Method = totp ? 'totp' : email && verified ? 'email' : password ? 'password' : 'none';
  return { method, totp, email, password };
}

/**
 * The sensitive changes (docs/architecture.md "Two-factor flow"): password, email, authenticator
 * app, other sessions. Online only and never queued. The method is known before the
 * first request, so that request carries its proof — a challenge-then-retry would meet
 * the server's one-call-a-minute limit. Passwords and codes live only for the call.
 */
export class SecurityService {
  constructor(private readonly deps: SecurityDeps) {}

  async view(accountId: string): Promise<SecurityView> {
    const cached = this.deps.cache.get(accountId)?.document ?? {};
    const offline = (reason: string): SecurityView => ({ ...this.describe(accountId, cached, []), available: false, reason });
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) return offline('You are signed out of this account. Sign in again to change its security settings.');
    if (!this.deps.isOnline(accountId)) return offline(this.unreachable(accountId));
    try {
      const client = this.deps.clientForAccount(accountId);
      const [me, policy] = await Promise.all([
        fetchCurrentMe(client, credentials),
        fetchPasswordPolicy(client, credentials).catch((error: unknown) => this.policyUnread(error)),
      ]);
      return this.describe(accountId, sanitizeUser(me), readPolicy(policy));
    } catch (error) {
      const failure = asAppFailure(error);
      return offline(failure instanceof AppFailure ? failure.error.message : this.unreachable(accountId));
    }
  }

  async sendCode(accountId: string): Promise<{ sentTo: string | null }> {
    const { client, credentials, document } = await this.ready(accountId);
    await this.call(() => sendEmailCode(client, String(document.username ?? ''), credentials), 'email');
    const verified = (document.emails as { address: string; verified?: boolean }[] | undefined)?.find((e) => e.verified);
    return { sentTo: verified?.address ?? null };
  }

  async changePassword(accountId: string, newPassword: string, proof: Proof): Promise<{ message: string }> {
    const { client, credentials, document } = await this.ready(accountId);
    const known = methodOf(document);
    // Normally known from /me before the first request; if the server asked for another, that one.
    const method = proof.method ?? known.method;
    const { password } = known;
    if (!password) throw new AppFailure('validation', 'This account has no password on the server: it signs in through another service.');
    const fields: Record<string, string> = {};
    const rules = readPolicy(await fetchPasswordPolicy(client, credentials).catch((error: unknown) => this.policyUnread(error)));
    const unmet = checkPolicy(rules, newPassword).filter((check) => !check.met);
    if (newPassword === '') fields.newPassword = 'Enter a new password.';
    else if (unmet.length > 0)
      fields.newPassword = `The new password does not meet the server's rules: ${unmet.map((c) => c.label.toLowerCase()).join('; ')}.`;
    if (method === 'password' && proof.currentPassword && proof.currentPassword === newPassword)
      fields.newPassword = 'The new password is the same as your current one.';
    Object.assign(fields, missingProof(method, proof));
    if (Object.keys(fields).length > 0) throw new AppFailure('validation', 'Some fields need attention.', { fields });
    const { data, headers } = gated(method, proof, { newPassword });
    await this.call(() => updateSensitive(client, credentials, data, headers), method, passwordRefusal);
    void this.refreshProfile(accountId);
    return { message: 'Password changed. Other devices were signed out; this one stays signed in.' };
  }

  async changeEmail(accountId: string, email: string, proof: Proof): Promise<{ message: string }> {
    const { client, credentials, document } = await this.ready(accountId);
    const { method } = methodOf(document);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new AppFailure('validation', 'Enter a valid email address.', { fields: { email: 'Enter a valid email address.' } });
    const current = (document.emails as { address: string }[] | undefined)?.map((e) => e.address.toLowerCase()) ?? [];
    if (current.includes(email.toLowerCase()))
      throw new AppFailure('validation', 'That is already your address.', { fields: { email: 'That is already your address.' } });
    const missing = missingProof(method, proof);
    if (Object.keys(missing).length > 0) throw new AppFailure('validation', 'Some fields need attention.', { fields: missing });
    const { data, headers } = gated(method, proof, { email });
    await this.call(() => updateSensitive(client, credentials, data, headers), method, emailRefusal);
    await this.refreshProfile(accountId);
    return { message: `Email changed to ${email}. It is not confirmed yet: open the link sent to that address.` };
  }

  async resendConfirmation(accountId: string, email: string): Promise<{ message: string }> {
    const { client } = await this.ready(accountId);
    await this.call(() => sendConfirmationEmail(client, email), 'none');
    return { message: `A confirmation email is on its way to ${email}.` };
  }

  async startTotp(accountId: string, proof: Proof): Promise<{ secret: string; qrDataUrl: string }> {
    const { client, credentials, document } = await this.ready(accountId);
    const { method } = methodOf(document);
    if (method === 'totp') throw new AppFailure('validation', 'An authenticator app is already set up for this account.');
    const missing = missingProof(method, proof);
    if (Object.keys(missing).length > 0) throw new AppFailure('validation', 'Confirm it is you first.', { fields: missing });
    const setup = await this.call(() => enableTotp(client, credentials, gatedHeaders(method, proof)), method);
    // Loaded when first needed: setting up an authenticator is rare, and every start would pay for it.
    const { default: QRCode } = await import('qrcode');
    const svg = await QRCode.toString(setup.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { secret: setup.secret, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  async confirmTotp(accountId: string, code: string, proof: Proof): Promise<{ backupCodes: string[]; message: string }> {
    const { client, credentials, document } = await this.ready(accountId);
    const { method } = methodOf(document);
    if (!/^\d{6}$/.test(codeToSend('totp', code)))
      throw new AppFailure('validation', 'Enter the 6-digit code your app shows.', {
        fields: { totpCode: 'Enter the 6-digit code your app shows.' },
      });
    const backupCodes = await this.call(
      () => validateTotp(client, credentials, codeToSend('totp', code), gatedHeaders(method, proof)),
      method,
      (failure) =>
        failure.details.serverCode === 'invalid-totp'
          ? { totpCode: 'That code is not right. Check the time on your phone and try again.' }
          : null,
    );
    void this.refreshProfile(accountId);
    return { backupCodes, message: 'Authenticator app set up. Keep the backup codes somewhere safe: each works once.' };
  }

  async disableTotp(accountId: string, code: string): Promise<{ message: string }> {
    const { client, credentials } = await this.ready(accountId);
    const problem = codeShapeProblem('totp', code);
    if (problem) throw new AppFailure('validation', problem, { fields: { code: problem } });
    await this.call(
      () => disableTotp(client, credentials, codeToSend('totp', code)),
      'totp',
      (failure) =>
        failure.details.serverCode === 'invalid-totp' ? { code: 'That code is not right. Use a current code or a backup code.' } : null,
    );
    void this.refreshProfile(accountId);
    return { message: 'Authenticator app turned off.' };
  }

  async signOutOthers(accountId: string): Promise<{ message: string }> {
    const { client, credentials } = await this.ready(accountId);
    const token = await this.call(() => logoutOtherClients(client, credentials), 'none');
    if (token && token !== credentials.token) await this.deps.accounts.replaceToken(accountId, token);
    return { message: 'Other devices were signed out. This one stays signed in.' };
  }

  /** After a change the server made: its new state is shown when it answers; a failure changes nothing done. */
  private refreshProfile(accountId: string): Promise<unknown> {
    return this.deps.profiles
      .refresh(accountId)
      .catch((error: unknown) => logFailure(this.deps.log, 'refreshing the profile after a security change', error));
  }

  /** No policy to show: the server still checks the new password itself and says what it refused. */
  private policyUnread(error: unknown): null {
    logFailure(this.deps.log, 'reading the password policy', error);
    return null;
  }

  private describe(accountId: string, document: Record<string, unknown>, policy: PolicyRule[]): SecurityView {
    const { method, totp, email, password } = methodOf(document);
    const emails = Array.isArray(document.emails)
      ? (document.emails as { address?: unknown; verified?: unknown }[])
          .filter((e) => typeof e.address === 'string')
          .map((e) => ({ address: e.address as string, verified: e.verified === true }))
      : [];
    return {
      accountId,
      available: true,
      reason: null,
      method,
      totpEnabled: totp,
      emailTwoFactorEnabled: email,
      hasPassword: password,
      emails,
      policy,
    };
  }

  private unreachable(accountId: string): string {
    return `${this.deps.accounts.serverOf(accountId).name} cannot be reached now. Security changes need the server, so they are off until it is back.`;
  }

  /** Online, signed in, and the account's current 2FA state read fresh from the server. */
  private async ready(accountId: string): Promise<{ client: UsersApiClient; credentials: Credentials; document: Record<string, unknown> }> {
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) throw new AppFailure('unauthorized', 'You are signed out of this account. Sign in again first.');
    if (!this.deps.isOnline(accountId)) throw new AppFailure('network-unreachable', this.unreachable(accountId));
    const client = this.deps.clientForAccount(accountId);
    try {
      return { client, credentials, document: sanitizeUser(await fetchCurrentMe(client, credentials)) };
    } catch (error) {
      throw asAppFailure(error);
    }
  }

  /** Runs one sensitive request and turns its refusal into words on the right field. */
  private async call<T>(
    send: () => Promise<T>,
    method: Method,
    refusal?: (failure: ApiFailure) => Record<string, string> | null,
  ): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      const asked = error.details.twoFactor?.method;
      if (asked && (error.code === 'two-factor-required' || (error.code === 'two-factor-invalid' && asked !== method))) {
        // The server wants another factor than the app expected: ask the person for that one.
        const field = asked === 'password' ? 'currentPassword' : 'code';
        const words = {
          totp: 'a code from your authenticator app',
          email: 'the code sent to your email',
          password: 'your current password',
        }[asked];
        throw new AppFailure('two-factor-required', `The server asks for ${words} to confirm this change.`, {
          fields: { [field]: `The server asks for ${words}.` },
          twoFactor: error.details.twoFactor,
        });
      }
      const fields = refusal?.(error) ?? proofRefusal(error, method);
      if (error.code === 'rate-limited') {
        throw new AppFailure(
          'rate-limited',
          `The server allows one change like this a minute. Try again in ${error.details.retryAfter ?? 60} seconds.`,
          {
            retryAfter: error.details.retryAfter ?? 60,
          },
        );
      }
      if (error.code === 'unauthorized' && error.details.status === 401) {
        // The session is gone (a password changed elsewhere, say): sign in again with the new password.
        throw asAppFailure(error);
      }
      if (fields)
        throw new AppFailure(error.code === 'two-factor-required' ? 'two-factor-required' : 'validation', Object.values(fields)[0]!, {
          fields,
          ...(error.details.twoFactor ? { twoFactor: error.details.twoFactor } : {}),
        });
      throw asAppFailure(error);
    }
  }
}

function missingProof(method: Method, proof: Proof): Record<string, string> {
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
function gated(method: Method, proof: Proof, data: Record<string, string>): { data: Record<string, string>; headers: TwoFactorHeaders } {
  if (method === 'password') return { data: { ...data, currentPassword: passwordDigest(proof.currentPassword ?? '') }, headers: {} };
  return { data, headers: gatedHeaders(method, proof) };
}

/** The x-2fa headers for routes that check a second factor (docs/protocol.md §5). */
function gatedHeaders(method: Method, proof: Proof): TwoFactorHeaders {
  if (method === 'totp' || method === 'email') return { 'x-2fa-code': codeToSend(method, proof.code ?? ''), 'x-2fa-method': method };
  if (method === 'password') return { 'x-2fa-code': passwordDigest(proof.currentPassword ?? ''), 'x-2fa-method': 'password' };
  return {};
}

function proofRefusal(failure: ApiFailure, method: Method): Record<string, string> | null {
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

function passwordRefusal(failure: ApiFailure): Record<string, string> | null {
  const code = failure.details.serverCode;
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

function emailRefusal(failure: ApiFailure): Record<string, string> | null {
  const code = failure.details.serverCode ?? '';
  if (['error-invalid-email', 'error-field-unavailable', 'error-invalid-domain', 'error-email-domain-blacklisted'].includes(code)) {
    return {
      email:
        code === 'error-field-unavailable'
          ? 'That address is already used by another account.'
          : `The server refused this address: ${failure.message}`,
    };
  }
  if (code === 'error-action-not-allowed') return { email: 'This server does not let you change your email address.' };
  return null;
}
