import { AppFailure } from '../../../shared/errors';
import { codeShapeProblem, codeToSend } from '../../../shared/twoFactorCode';
import type { TwoFactorSettings } from '../../../shared/twoFactorSchemas';
import type { AccountsService } from '../accounts/accountsService';
import { failureWords, logFailure } from '../log/logFailure';
import type { Handlers } from '../handlers';
import type { Logger } from '../log/logger';
import type { ProfileCache } from '../profile/profileCache';
import type { ProfileService } from '../profile/profileService';
import { features, hasRelease, isOff, missingFeature, type WorkspaceSettings } from '../profile/workspacePolicy';
import type { WorkspaceRules } from '../profile/workspaceRules';
import type { ApiFailure } from '../usersApi/apiFailure';
import { backupCodesRemaining, disableEmailTwoFactor, enableEmailTwoFactor, regenerateBackupCodes } from '../usersApi/twoFactorApi';
import { gatedHeaders, missingProof, type Proof } from './proofs';
import { factorsOf, setupMethod } from './secondFactors';
import type { SecurityService } from './securityService';

/**
 * "Few" backup codes: the server makes twelve, and each sign-in without the phone spends one.
 * At three or fewer there is still room to sign in a few times while making new ones
 * (docs/decisions.md D86).
 */
export const fewBackupCodes = 3;

export interface TwoFactorSettingsDeps {
  /** The sensitive-change machinery: the fresh /me read and the request that turns refusals into words. */
  security: Pick<SecurityService, 'ready' | 'call'>;
  accounts: AccountsService;
  profiles: ProfileService;
  cache: ProfileCache;
  rules: WorkspaceRules;
  isOnline(accountId: string): boolean;
  log: Logger;
}

/**
 * Emailed codes on and off, and the authenticator's backup codes: how many are left, and new
 * ones (shown once, never kept). Online only, like every sensitive change (docs/security.md).
 */
export class TwoFactorSettingsService {
  constructor(private readonly deps: TwoFactorSettingsDeps) {}

  async view(accountId: string): Promise<TwoFactorSettings> {
    const cached = this.deps.cache.get(accountId)?.document ?? {};
    const settings = this.deps.rules.settings(this.deps.accounts.serverOf(accountId).id);
    const offline = (reason: string): TwoFactorSettings => ({ ...this.describe(accountId, cached, settings), available: false, reason });
    if (!(await this.deps.accounts.credentials(accountId)))
      return offline('You are signed out of this account. Sign in again to change how it confirms sign-ins.');
    if (!this.deps.isOnline(accountId)) return offline(this.unreachable(accountId));
    try {
      const { client, credentials, document } = await this.deps.security.ready(accountId);
      const view = this.describe(accountId, document, settings);
      if (!view.backupCodes || view.backupCodes.regenerateBlocked) return view;
      try {
        const remaining = await backupCodesRemaining(client, credentials);
        return { ...view, backupCodes: { ...view.backupCodes, remaining, warning: warningFor(remaining) } };
      } catch (error) {
        logFailure(this.deps.log, 'counting backup codes', error);
        return { ...view, backupCodes: { ...view.backupCodes, problem: 'The server did not say how many backup codes are left.' } };
      }
    } catch (error) {
      return offline(failureWords(error) ?? this.unreachable(accountId));
    }
  }

  async enableEmailCodes(accountId: string): Promise<{ message: string }> {
    const { client, credentials, document, settings } = await this.deps.security.ready(accountId);
    if (factorsOf(document, settings).emailSetUp) throw refused('Emailed codes are on already for this account.');
    const blocked = turnOnBlocked(document, settings);
    if (blocked) throw refused(blocked);
    await this.deps.security.call(
      () => enableEmailTwoFactor(client, credentials),
      'none',
      (failure) => (failure.details.serverCode === 'error-invalid-user' ? { emailCodes: unconfirmedWords(document) } : null),
    );
    this.refreshProfile(accountId);
    return { message: 'Emailed codes turned on. Other devices were signed out; this one stays signed in.' };
  }

  async disableEmailCodes(accountId: string, proof: Proof): Promise<{ message: string }> {
    const { client, credentials, document, settings } = await this.deps.security.ready(accountId);
    const factors = factorsOf(document, settings);
    if (!factors.emailSetUp) throw refused('Emailed codes are off already for this account.');
    // The route asks for a second factor as authenticator setup does; the server's own choice when it named another.
    const method = proof.method ?? setupMethod(factors, settings);
    const missing = missingProof(method, proof);
    if (Object.keys(missing).length > 0) throw new AppFailure('validation', 'Confirm it is you first.', { fields: missing });
    await this.deps.security.call(() => disableEmailTwoFactor(client, credentials, gatedHeaders(method, proof)), method);
    this.refreshProfile(accountId);
    return { message: 'Emailed codes turned off.' };
  }

  async regenerateBackupCodes(accountId: string, code: string): Promise<{ backupCodes: string[]; message: string }> {
    const { client, credentials, document, settings } = await this.deps.security.ready(accountId);
    if (!factorsOf(document, settings).totpSetUp)
      throw refused('Backup codes belong to an authenticator app, and this account has none set up.', 'code');
    const release = this.deps.rules.release(this.deps.accounts.serverOf(accountId).id);
    if (!hasRelease(release, features.backupCodeRoutes.major, features.backupCodeRoutes.minor))
      throw refused(missingFeature('backupCodeRoutes', release), 'code');
    const problem = codeShapeProblem('totp', code);
    if (problem) throw refused(problem, 'code');
    const codes = await this.deps.security.call(
      () => regenerateBackupCodes(client, credentials, codeToSend('totp', code)),
      'totp',
      (failure: ApiFailure) => {
        if (failure.details.serverCode === 'invalid-totp') return { code: wrongCode };
        if (failure.code === 'not-found') return { code: missingFeature('backupCodeRoutes', release) };
        return null;
      },
    );
    if (!codes) throw refused(wrongCode, 'code');
    return { backupCodes: codes, message: 'New backup codes made. The old ones no longer work.' };
  }

  private describe(accountId: string, document: Record<string, unknown>, settings: WorkspaceSettings): TwoFactorSettings {
    const { id: serverId } = this.deps.accounts.serverOf(accountId);
    const factors = factorsOf(document, settings);
    const release = this.deps.rules.release(serverId);
    const noRoutes = !hasRelease(release, features.backupCodeRoutes.major, features.backupCodeRoutes.minor);
    const blocked = factors.emailSetUp ? undefined : turnOnBlocked(document, settings);
    return {
      accountId,
      accountLabel: this.deps.accounts.labelOf(accountId),
      available: true,
      reason: null,
      emailCodes: { on: factors.emailSetUp, ...(blocked ? { turnOnBlocked: blocked } : {}), offMethod: setupMethod(factors, settings) },
      backupCodes: factors.totpSetUp
        ? {
            remaining: null,
            warning: null,
            problem: null,
            ...(noRoutes ? { regenerateBlocked: missingFeature('backupCodeRoutes', release) } : {}),
          }
        : null,
    };
  }

  /** After a change the server made; a failure to re-read changes nothing done and is logged. */
  private refreshProfile(accountId: string): void {
    // The change is done; the profile refresh logs its own failures and announces the new profile.
    void this.deps.profiles
      .refresh(accountId)
      .catch((error: unknown) => logFailure(this.deps.log, 'refreshing the profile after a two-factor change', error));
  }

  private unreachable(accountId: string): string {
    return `${this.deps.accounts.serverOf(accountId).name} cannot be reached now. Two-factor changes need the server, so they are off until it is back.`;
  }
}

const wrongCode = 'That code is not right, so your backup codes are unchanged. Use a current code from your app or a backup code.';

function refused(words: string, field = 'emailCodes'): AppFailure {
  return new AppFailure('validation', words, { fields: { [field]: words } });
}

function warningFor(remaining: number): string | null {
  if (remaining === 0) return 'No backup codes left. If you lose your phone you cannot sign in: make new ones now.';
  if (remaining > fewBackupCodes) return null;
  return `Only ${remaining} backup ${remaining === 1 ? 'code' : 'codes'} left. Make new ones before they run out.`;
}

function unconfirmedWords(document: Record<string, unknown>): string {
  const emails = Array.isArray(document.emails) ? (document.emails as { address?: unknown; verified?: unknown }[]) : [];
  const unconfirmed = emails.filter((e) => e.verified !== true && typeof e.address === 'string').map((e) => e.address as string);
  const which = unconfirmed.length > 0 ? unconfirmed.join(', ') : 'your email address';
  return `Confirm ${which} first: the server turns emailed codes on only when every address of the account is confirmed.`;
}

/**
 * Why emailed codes cannot be turned on, in words; null when they can. The server itself only
 * refuses an unconfirmed address (docs/protocol.md §5); where the workspace would not count the
 * codes (EmailCheck.isEnabled), turning them on would promise a protection that is not there.
 */
export function turnOnBlocked(document: Record<string, unknown>, settings: WorkspaceSettings): string | null {
  if (isOff(settings, 'Accounts_TwoFactorAuthentication_Enabled')) return 'This workspace has two-factor authentication switched off.';
  if (isOff(settings, 'Accounts_TwoFactorAuthentication_By_Email_Enabled'))
    return 'This workspace does not send sign-in codes by email, so they cannot be turned on.';
  if (document.isOAuthUser === true && isOff(settings, 'Accounts_twoFactorAuthentication_email_available_for_OAuth_users'))
    return 'This workspace does not send sign-in codes by email to accounts that sign in through another service.';
  const emails = Array.isArray(document.emails) ? (document.emails as { verified?: unknown }[]) : [];
  if (emails.length === 0) return 'This account has no email address to send codes to.';
  if (emails.some((e) => e.verified !== true)) return unconfirmedWords(document);
  return null;
}

/** The channels of this service, for the security module's table. */
export function twoFactorSettingsHandlers(service: TwoFactorSettingsService) {
  return {
    'security.twoFactorSettings': ({ accountId }) => service.view(accountId),
    'security.enableEmailCodes': ({ accountId }) => service.enableEmailCodes(accountId),
    'security.disableEmailCodes': ({ accountId, proof }) => service.disableEmailCodes(accountId, proof),
    'security.regenerateBackupCodes': ({ accountId, code }) => service.regenerateBackupCodes(accountId, code),
  } satisfies Handlers;
}
