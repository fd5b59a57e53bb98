import type { AccountsModule } from '../accounts/accountsModule';
import type { Handlers } from '../handlers';
import type { ModuleContext } from '../moduleContext';
import type { ProfileModule } from '../profile/profileModule';
import { AccessTokenService } from './accessTokens';
import { dataDownloadHandlers, DataDownloadService } from './dataDownload';
import { deviceSessionHandlers, DeviceSessionsService } from './deviceSessions';
import { AccountDeletionService } from './accountDeletion';
import { SecurityService } from './securityService';
import { twoFactorSettingsHandlers, TwoFactorSettingsService } from './twoFactorSettings';

/** The sensitive changes — password, email, authenticator app, other sessions: online only, never queued. */
export function securityModule(
  { log, clock, signals, disposables }: ModuleContext,
  deps: {
    accounts: Pick<AccountsModule, 'accounts' | 'clientForAccount' | 'isOnline' | 'rateWindows'>;
    profile: Pick<ProfileModule, 'profiles' | 'cache' | 'rules'>;
    /** The fields of an account's unsent edits (the sync module's outbox), for what deleting it loses. */
    unsentEdits(accountId: string): string[];
  },
) {
  const { accounts, clientForAccount, isOnline, rateWindows } = deps.accounts;
  const { profiles, cache, rules } = deps.profile;
  const security = new SecurityService({
    accounts,
    profiles,
    cache,
    rules,
    clientForAccount,
    isOnline,
    rateWindows,
    clock,
    log: log.child('security'),
  });
  const devices = new DeviceSessionsService({ accounts, clientForAccount, isOnline, log: log.child('devices') });
  // Right after a sign-in the newest session on the server's list is this computer's (D96).
  disposables.add(signals.on('signedIn', ({ accountId }) => void devices.signedIn(accountId)));

  const handlers = {
    'security.get': ({ accountId }) => security.view(accountId),
    'security.sendCode': ({ accountId }) => security.sendCode(accountId),
    'security.changePassword': ({ accountId, newPassword, proof }) => security.changePassword(accountId, newPassword, proof),
    'security.changeEmail': ({ accountId, email, proof }) => security.changeEmail(accountId, email, proof),
    'security.changeWait': ({ accountId }) => security.changeWait(accountId),
    'security.resendConfirmation': ({ accountId, email }) => security.resendConfirmation(accountId, email),
    'security.startTotp': ({ accountId, proof }) => security.startTotp(accountId, proof),
    'security.confirmTotp': ({ accountId, code, proof }) => security.confirmTotp(accountId, code, proof),
    'security.disableTotp': ({ accountId, code }) => security.disableTotp(accountId, code),
    'security.signOutOthers': ({ accountId }) => security.signOutOthers(accountId),
    ...twoFactorSettingsHandlers(
      new TwoFactorSettingsService({ security, accounts, profiles, cache, rules, isOnline, log: log.child('two-factor') }),
    ),
    ...accessTokenHandlers(new AccessTokenService({ accounts, rules, clientForAccount, isOnline })),
    ...dataDownloadHandlers(new DataDownloadService({ accounts, cache, rules, clientForAccount, isOnline })),
    ...accountDeletionHandlers(new AccountDeletionService({ accounts, rules, clientForAccount, isOnline, unsentEdits: deps.unsentEdits })),
    ...deviceSessionHandlers(devices),
  } satisfies Handlers;

  return { handlers };
}

/** Personal access tokens: listed, created (shown once), regenerated and removed with the account's proof. */
function accessTokenHandlers(tokens: AccessTokenService) {
  return {
    'security.accessTokens': ({ accountId }) => tokens.view(accountId),
    'security.createAccessToken': ({ accountId, name, bypassTwoFactor, proof }) => tokens.create(accountId, name, bypassTwoFactor, proof),
    'security.regenerateAccessToken': ({ accountId, name, proof }) => tokens.regenerate(accountId, name, proof),
    'security.removeAccessToken': ({ accountId, name, proof }) => tokens.remove(accountId, name, proof),
  } satisfies Handlers;
}

/** "Delete my account": whether it is offered, and the deletion with the server's last-owner question. */
function accountDeletionHandlers(deletion: AccountDeletionService) {
  return {
    'privacy.deletion': ({ accountId }) => deletion.view(accountId),
    'privacy.deleteAccount': ({ accountId, confirmation, confirmRelinquish }) =>
      deletion.delete(accountId, confirmation, confirmRelinquish),
  } satisfies Handlers;
}
