import { AppFailure } from '../../../shared/errors';
import { codeShapeProblem, codeToSend } from '../../../shared/twoFactorCode';
import { checkPolicy, readPolicy, type PolicyRule } from '../../../shared/passwordPolicy';
import type { ChangeWait, SecurityView } from '../../../shared/securitySchemas';
import type { AccountsService } from '../accounts/accountsService';
import type { Clock } from '../clock';
import { failureWords, logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import type { ProfileCache } from '../profile/profileCache';
import type { ProfileService } from '../profile/profileService';
import { sanitizeUser } from '../profile/sanitizeUser';
import { missingFeature, type WorkspaceSettings } from '../profile/workspacePolicy';
import type { WorkspaceRules } from '../profile/workspaceRules';
import { ApiFailure } from '../usersApi/apiFailure';
import { sendEmailCode } from '../usersApi/authApi';
import { fetchCurrentMe } from '../usersApi/profileApi';
import {
  disableTotp,
  enableTotp,
  fetchPasswordPolicy,
  logoutOtherClients,
  sendConfirmationEmail,
  updateSensitive,
  validateTotp,
} from '../usersApi/securityApi';
import type { RateWindows } from '../usersApi/rateWindows';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';
import { anotherFactorAsked, emailRefusal, gated, gatedHeaders, missingProof, passwordRefusal, proofRefusal, type Proof } from './proofs';
import { blockedChanges, changeMethod, factorsOf, setupMethod, type Method } from './secondFactors';

export interface SecurityDeps {
  accounts: AccountsService;
  profiles: ProfileService;
  cache: ProfileCache;
  /** What the workspace allows and which second factors it counts (read fresh when the screen loads). */
  rules: WorkspaceRules;
  clientForAccount(accountId: string): UsersApiClient;
  isOnline(accountId: string): boolean;
  /** What the servers' rate-limit answers said, per account and route. */
  rateWindows: RateWindows;
  clock: Clock;
  log: Logger;
}

/** Email and password changes go through this route, one call a minute for most accounts (docs/protocol.md §4). */
const changeRoute = '/api/v1/users.updateOwnBasicInfo';

/**
 * The sensitive changes (docs/security.md "Two-factor flow"): password, email, authenticator
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
        // What the workspace allows, fresh: the screen offers nothing the server would refuse.
        this.deps.profiles.rereadWorkspace(this.serverId(accountId)),
      ]);
      return this.describe(accountId, sanitizeUser(me), readPolicy(policy));
    } catch (error) {
      return offline(failureWords(error) ?? this.unreachable(accountId));
    }
  }

  async sendCode(accountId: string): Promise<{ sentTo: string | null }> {
    const { client, credentials, document } = await this.ready(accountId);
    await this.call(() => sendEmailCode(client, String(document.username ?? ''), credentials), 'email');
    const verified = (document.emails as { address: string; verified?: boolean }[] | undefined)?.find((e) => e.verified);
    return { sentTo: verified?.address ?? null };
  }

  /**
   * Whether the server would let a change through now, asked before a second factor is: a code
   * typed for a change the rate limit then refuses is wasted (an emailed one is spent).
   */
  async changeWait(accountId: string): Promise<ChangeWait> {
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) return { waitSeconds: 0, reason: null };
    const server = this.deps.accounts.serverOf(accountId);
    const waitSeconds = this.deps.rateWindows.waitSeconds(server.origin, credentials.userId, changeRoute, this.deps.clock.now());
    return {
      waitSeconds,
      reason: waitSeconds > 0 ? `${server.name} takes one change to your profile, email or password a minute.` : null,
    };
  }

  /** A change the rate limit would refuse is refused here, before /me is read or any factor is spent. */
  private async refuseWhileLimited(accountId: string, what: 'email' | 'password'): Promise<void> {
    const { waitSeconds, reason } = await this.changeWait(accountId);
    if (waitSeconds === 0) return;
    throw new AppFailure(
      'rate-limited',
      `You can change your ${what} in ${waitSeconds} ${waitSeconds === 1 ? 'second' : 'seconds'}. ${reason}`,
      {
        retryAfter: waitSeconds,
      },
    );
  }

  async changePassword(accountId: string, newPassword: string, proof: Proof): Promise<{ message: string }> {
    await this.refuseWhileLimited(accountId, 'password');
    const { client, credentials, document, settings } = await this.ready(accountId);
    // Refused before any request: the server would ignore the new password without a word (no
    // password to replace) or refuse it (changes off) — never say "changed" for either.
    this.refuseBlocked(document, settings, accountId, 'password', 'newPassword');
    // Normally known from /me before the first request; if the server asked for another, that one.
    const method = proof.method ?? changeMethod(factorsOf(document, settings)) ?? 'password';
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
    await this.call(() => updateSensitive(client, credentials, data, headers), method, this.notAllowed(accountId, passwordRefusal));
    // The change is done; the profile refresh logs its own failures and announces the new profile.
    void this.refreshProfile(accountId);
    return { message: 'Password changed. Other devices were signed out; this one stays signed in.' };
  }

  async changeEmail(accountId: string, email: string, proof: Proof): Promise<{ message: string }> {
    await this.refuseWhileLimited(accountId, 'email');
    const { client, credentials, document, settings } = await this.ready(accountId);
    this.refuseBlocked(document, settings, accountId, 'email', 'email');
    // No factor at all is blocked above when the server would ask; an account without an address is not asked.
    const method = changeMethod(factorsOf(document, settings)) ?? 'none';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new AppFailure('validation', 'Enter a valid email address.', { fields: { email: 'Enter a valid email address.' } });
    const current = (document.emails as { address: string }[] | undefined)?.map((e) => e.address.toLowerCase()) ?? [];
    if (current.includes(email.toLowerCase()))
      throw new AppFailure('validation', 'That is already your address.', { fields: { email: 'That is already your address.' } });
    const missing = missingProof(method, proof);
    if (Object.keys(missing).length > 0) throw new AppFailure('validation', 'Some fields need attention.', { fields: missing });
    const { data, headers } = gated(method, proof, { email });
    await this.call(() => updateSensitive(client, credentials, data, headers), method, this.notAllowed(accountId, emailRefusal));
    await this.refreshProfile(accountId);
    return { message: `Email changed to ${email}. It is not confirmed yet: open the link sent to that address.` };
  }

  async resendConfirmation(accountId: string, email: string): Promise<{ message: string }> {
    const { client, credentials } = await this.ready(accountId);
    // With the session: 7.x asks for one, 8.x takes it (docs/protocol.md §6 "Email verification").
    await this.call(() => sendConfirmationEmail(client, email, credentials), 'none');
    return { message: `A confirmation email is on its way to ${email}.` };
  }

  async startTotp(accountId: string, proof: Proof): Promise<{ secret: string; qrDataUrl: string }> {
    const { client, credentials, document, settings } = await this.ready(accountId);
    if (factorsOf(document, settings).totpSetUp)
      throw new AppFailure('validation', 'An authenticator app is already set up for this account.');
    this.refuseBlocked(document, settings, accountId, 'totpSetup', 'code');
    const method = setupMethod(factorsOf(document, settings), settings);
    const missing = missingProof(method, proof);
    if (Object.keys(missing).length > 0) throw new AppFailure('validation', 'Confirm it is you first.', { fields: missing });
    const setup = await this.call(() => enableTotp(client, credentials, gatedHeaders(method, proof)), method, this.totpRefusal(accountId));
    // Loaded when first needed: setting up an authenticator is rare, and every start would pay for it.
    const { default: QRCode } = await import('qrcode');
    const svg = await QRCode.toString(setup.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { secret: setup.secret, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  async confirmTotp(accountId: string, code: string, proof: Proof): Promise<{ backupCodes: string[]; message: string }> {
    const { client, credentials, document, settings } = await this.ready(accountId);
    const method = setupMethod(factorsOf(document, settings), settings);
    if (!/^\d{6}$/.test(codeToSend('totp', code)))
      throw new AppFailure('validation', 'Enter the 6-digit code your app shows.', {
        fields: { totpCode: 'Enter the 6-digit code your app shows.' },
      });
    const refusal = this.totpRefusal(accountId);
    const backupCodes = await this.call(
      () => validateTotp(client, credentials, codeToSend('totp', code), gatedHeaders(method, proof)),
      method,
      (failure) =>
        failure.details.serverCode === 'invalid-totp'
          ? { totpCode: 'That code is not right. Check the time on your phone and try again.' }
          : refusal(failure),
    );
    // The change is done; the profile refresh logs its own failures and announces the new profile.
    void this.refreshProfile(accountId);
    return { backupCodes, message: 'Authenticator app set up. Keep the backup codes somewhere safe: each works once.' };
  }

  async disableTotp(accountId: string, code: string): Promise<{ message: string }> {
    const { client, credentials, document, settings } = await this.ready(accountId);
    this.refuseBlocked(document, settings, accountId, 'totpOff', 'code');
    const problem = codeShapeProblem('totp', code);
    if (problem) throw new AppFailure('validation', problem, { fields: { code: problem } });
    const refusal = this.totpRefusal(accountId);
    const disabled = await this.call(
      () => disableTotp(client, credentials, codeToSend('totp', code)),
      'totp',
      (failure) => (failure.details.serverCode === 'invalid-totp' ? { code: wrongCodeStillOn } : refusal(failure)),
    );
    // A wrong code is no error to the server: it answers that nothing was turned off.
    if (!disabled) throw new AppFailure('validation', wrongCodeStillOn, { fields: { code: wrongCodeStillOn } });
    // The change is done; the profile refresh logs its own failures and announces the new profile.
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
    const serverId = this.serverId(accountId);
    const settings = this.deps.rules.settings(serverId);
    const factors = factorsOf(document, settings);
    const emails = Array.isArray(document.emails)
      ? (document.emails as { address?: unknown; verified?: unknown }[])
          .filter((e) => typeof e.address === 'string')
          .map((e) => ({ address: e.address as string, verified: e.verified === true }))
      : [];
    return {
      accountId,
      available: true,
      reason: null,
      method: changeMethod(factors) ?? 'none',
      setupMethod: setupMethod(factors, settings),
      blocked: blockedChanges(document, settings, this.deps.rules.release(serverId)),
      totpEnabled: factors.totpSetUp,
      emailTwoFactorEnabled: factors.emailSetUp,
      hasPassword: factors.password,
      emails,
      policy,
    };
  }

  private serverId(accountId: string): string {
    return this.deps.accounts.serverOf(accountId).id;
  }

  private unreachable(accountId: string): string {
    return `${this.deps.accounts.serverOf(accountId).name} cannot be reached now. Security changes need the server, so they are off until it is back.`;
  }

  /** A change this account or workspace does not allow is refused with the sentence the screen shows, before any request. */
  private refuseBlocked(
    document: Record<string, unknown>,
    settings: WorkspaceSettings,
    accountId: string,
    change: keyof SecurityView['blocked'],
    field: string,
  ): void {
    const words = blockedChanges(document, settings, this.deps.rules.release(this.serverId(accountId)))[change];
    if (words) throw new AppFailure('validation', words, { fields: { [field]: words } });
  }

  /** A refusal mapped to its field; "not allowed" also makes the app read what the workspace allows again. */
  private notAllowed(accountId: string, refusal: (failure: ApiFailure) => Record<string, string> | null) {
    return (failure: ApiFailure) => {
      // The settings are read again in the background (failures logged), so the next offer is true.
      if (failure.details.serverCode === 'error-action-not-allowed') void this.deps.profiles.rereadWorkspace(this.serverId(accountId));
      return refusal(failure);
    };
  }

  /** The TOTP routes answered as unknown (older than 8.8), or the app is on already. */
  private totpRefusal(accountId: string): (failure: ApiFailure) => Record<string, string> | null {
    return (failure) => {
      if (failure.code === 'not-found') return { code: missingFeature('totpRoutes', this.deps.rules.release(this.serverId(accountId))) };
      if (failure.details.serverCode === 'error-2fa-already-enabled')
        return { code: 'An authenticator app is already set up for this account.' };
      return null;
    };
  }

  /** Online, signed in, the account's current 2FA state read fresh from the server, and what its workspace allows. */
  async ready(
    accountId: string,
  ): Promise<{ client: UsersApiClient; credentials: Credentials; document: Record<string, unknown>; settings: WorkspaceSettings }> {
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) throw new AppFailure('unauthorized', 'You are signed out of this account. Sign in again first.');
    if (!this.deps.isOnline(accountId)) throw new AppFailure('network-unreachable', this.unreachable(accountId));
    const client = this.deps.clientForAccount(accountId);
    const document = sanitizeUser(await fetchCurrentMe(client, credentials));
    return { client, credentials, document, settings: this.deps.rules.settings(this.serverId(accountId)) };
  }

  /** Runs one sensitive request and turns its refusal into words on the right field. */
  async call<T>(send: () => Promise<T>, method: Method, refusal?: (failure: ApiFailure) => Record<string, string> | null): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      const another = anotherFactorAsked(error, method);
      if (another) throw another;
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
        throw error;
      }
      if (fields)
        throw new AppFailure(error.code === 'two-factor-required' ? 'two-factor-required' : 'validation', Object.values(fields)[0]!, {
          fields,
          ...(error.details.twoFactor ? { twoFactor: error.details.twoFactor } : {}),
        });
      throw error;
    }
  }
}

const wrongCodeStillOn = 'That code is not right, so the authenticator app is still on. Use a current code or a backup code.';
