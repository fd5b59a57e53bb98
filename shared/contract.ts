import * as z from 'zod';
import './zodSetup';
import {
  accountListSchema,
  accountRequestSchema,
  accountSummarySchema,
  addServerRequestSchema,
  challengeRequestSchema,
  emailCodeSentSchema,
  serverSummarySchema,
  signInRequestSchema,
  twoFactorAnswerRequestSchema,
  twoFactorMethodSchema,
} from './accountSchemas';
import {
  directorySearchRequestSchema,
  directorySearchResultSchema,
  directoryStatusRequestSchema,
  directoryStatusSchema,
  directorySyncRequestSchema,
} from './directorySchemas';
import { errorCodes, type Result } from './errors';
import {
  completeSsoRequestSchema,
  serverRequestSchema,
  signInOptionsSchema,
  ssoRequestSchema,
  ssoStartedSchema,
  startSsoRequestSchema,
  tokenSignInRequestSchema,
} from './signInSchemas';
import {
  backupCodesSchema,
  changeEmailRequestSchema,
  changePasswordRequestSchema,
  changeWaitRequestSchema,
  changeWaitSchema,
  codeSentSchema,
  confirmTotpRequestSchema,
  disableTotpRequestSchema,
  doneSchema,
  resendConfirmationRequestSchema,
  securityRequestSchema,
  securityViewSchema,
  startTotpRequestSchema,
  totpSetupSchema,
} from './securitySchemas';
import {
  avatarUploadRequestSchema,
  outboxItemRequestSchema,
  outboxViewSchema,
  profileEditRequestSchema,
  resolveConflictRequestSchema,
  statusRequestSchema,
} from './outboxSchemas';
import {
  avatarRequestSchema,
  avatarViewSchema,
  lookupRequestSchema,
  lookupResultSchema,
  profileRequestSchema,
  profileViewSchema,
  recentLookupsSchema,
} from './profileSchemas';
import { revisionSchema } from './revisionSchema';
import { disableEmailCodesRequestSchema, regenerateBackupCodesRequestSchema, twoFactorSettingsSchema } from './twoFactorSchemas';
import { textLimits } from './limits';
import { accessTokenChannels } from './accessTokenSchemas';
import { accountDataChannels } from './accountDataSchemas';
import { accountDeletionChannels } from './accountDeletionSchemas';
import { deviceSessionChannels } from './deviceSessionSchemas';
import { preferencesChannels } from './preferenceSchemas';
import {
  answerPromptRequestSchema,
  certificateRequestSchema,
  certificateReviewSchema,
  networkInfoSchema,
  networkPromptSchema,
  pinnedCertificateSchema,
  trustCertificateRequestSchema,
} from './networkSchemas';

/**
 * The IPC contract: every channel the renderer may call, with the zod schema of its
 * request and of its successful value, plus the events the core pushes to the UI.
 * Both shells (Electron IPC and the browser host's WebSocket) carry exactly this;
 * the core validates every request against it before any handler runs.
 */

const noPayload = z.lazy(() => z.object({}).strict());

/** What the desktop menu can ask the window to do. */
/** `account-N`: the Nth account of the list (Ctrl/⌘+N), as people count them, from 1. */
export const accountCommands = [
  'account-1',
  'account-2',
  'account-3',
  'account-4',
  'account-5',
  'account-6',
  'account-7',
  'account-8',
  'account-9',
] as const;
export const appCommands = [
  'add-account',
  'switch-account',
  'refresh',
  'home',
  'people',
  'activity',
  'security',
  'preferences',
  'about',
  'forget-computer',
  ...accountCommands,
] as const;
export type AppCommand = (typeof appCommands)[number];

export const appErrorSchema = z.lazy(() =>
  z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    retryAfter: z.number().nonnegative().optional(),
    /** A technical code for a "Details" disclosure, never shown as the message. */
    detail: z.string().max(200).optional(),
    twoFactor: z
      .object({
        challengeId: z.string().optional(),
        method: twoFactorMethodSchema,
        availableMethods: z.array(twoFactorMethodSchema),
        codeSentTo: z.string().optional(),
      })
      .optional(),
  }),
);
export const failureSchema = z.lazy(() => z.object({ ok: z.literal(false), error: appErrorSchema }));

export const keychainStatusSchema = z.lazy(() =>
  z.discriminatedUnion('state', [
    z.object({ state: z.literal('available') }),
    z.object({ state: z.literal('unavailable'), reason: z.string() }),
  ]),
);
export type KeychainStatus = z.infer<typeof keychainStatusSchema>;

export const storageRecoverySchema = z.lazy(() =>
  z.object({
    /** Where the unreadable database file was moved (kept for inspection, never deleted). */
    movedTo: z.string(),
    at: z.string(),
    reason: z.string(),
  }),
);

export const managedServersNoticeSchema = z.lazy(() => z.object({ file: z.string(), problem: z.string() }));

export const appInfoSchema = z.lazy(() =>
  z.object({
    version: z.string(),
    dataDir: z.string(),
    database: z.object({
      path: z.string(),
      schemaVersion: z.number().int().nonnegative(),
      recovered: storageRecoverySchema.optional(),
      /** Encrypted with the keychain's key, or in memory for the session without a keychain; in words. */
      storage: z.object({ state: z.enum(['encrypted', 'memory', 'plain']), message: z.string() }),
    }),
    keychain: keychainStatusSchema,
    shell: z.enum(['electron', 'browser-host', 'test']),
    /** A servers.json that could not be used (the app still starts). */
    managedServers: managedServersNoticeSchema.optional(),
    /** Whether this copy looks for new versions, in words (desktop app only). */
    updates: z.object({ enabled: z.boolean(), message: z.string() }).optional(),
    /** Whether rocketchat:// sign-in links open in this app, in words; canClaim offers to take them (desktop app only). */
    appLinks: z.object({ handledHere: z.boolean(), canClaim: z.boolean(), message: z.string() }).optional(),
  }),
);
export type AppInfo = z.infer<typeof appInfoSchema>;

export const channels = {
  'app.info': { request: noPayload, response: appInfoSchema },
  /** Asks the system to open rocketchat:// links with this app (desktop app only); answers with the new app info. */
  'app.claimLinks': { request: noPayload, response: appInfoSchema },
  'servers.add': { request: addServerRequestSchema, response: serverSummarySchema },
  'servers.list': { request: noPayload, response: z.lazy(() => z.array(serverSummarySchema)) },
  'accounts.list': { request: noPayload, response: accountListSchema },
  'accounts.signIn': { request: signInRequestSchema, response: accountSummarySchema },
  'accounts.answerTwoFactor': { request: twoFactorAnswerRequestSchema, response: accountSummarySchema },
  'accounts.sendEmailCode': { request: challengeRequestSchema, response: emailCodeSentSchema },
  'accounts.cancelSignIn': { request: challengeRequestSchema, response: z.lazy(() => z.object({})) },
  'servers.signInOptions': { request: serverRequestSchema, response: signInOptionsSchema },
  'accounts.signInWithToken': { request: tokenSignInRequestSchema, response: accountSummarySchema },
  'accounts.startSso': { request: startSsoRequestSchema, response: ssoStartedSchema },
  /** Waits until the single sign-on is finished, refused, cancelled or too late. */
  'accounts.awaitSso': { request: ssoRequestSchema, response: accountSummarySchema },
  'accounts.completeSso': { request: completeSsoRequestSchema, response: accountSummarySchema },
  'accounts.cancelSso': { request: ssoRequestSchema, response: z.lazy(() => z.object({})) },
  'accounts.switch': { request: accountRequestSchema, response: accountListSchema },
  'accounts.signOut': { request: accountRequestSchema, response: accountListSchema },
  'accounts.remove': { request: accountRequestSchema, response: accountListSchema },
  'profile.get': { request: profileRequestSchema, response: profileViewSchema },
  'profile.refresh': { request: profileRequestSchema, response: profileViewSchema },
  'people.lookup': { request: lookupRequestSchema, response: lookupResultSchema },
  'people.recent': { request: profileRequestSchema, response: recentLookupsSchema },
  'profile.edit': { request: profileEditRequestSchema, response: outboxViewSchema },
  'profile.setStatus': { request: statusRequestSchema, response: outboxViewSchema },
  'profile.checkUsername': {
    request: z.lazy(() => z.object({ accountId: z.string().min(1).max(200), username: z.string().max(textLimits.username) }).strict()),
    response: z.lazy(() => z.object({ available: z.boolean().nullable(), problem: z.string().nullable() })),
  },
  'profile.setAvatar': { request: avatarUploadRequestSchema, response: z.lazy(() => z.object({})) },
  'profile.resetAvatar': { request: profileRequestSchema, response: z.lazy(() => z.object({})) },
  'outbox.get': { request: profileRequestSchema, response: outboxViewSchema },
  'outbox.retry': { request: outboxItemRequestSchema, response: outboxViewSchema },
  'outbox.discard': { request: outboxItemRequestSchema, response: outboxViewSchema },
  'outbox.resolve': { request: resolveConflictRequestSchema, response: outboxViewSchema },
  'security.get': { request: securityRequestSchema, response: securityViewSchema },
  'security.sendCode': { request: securityRequestSchema, response: codeSentSchema },
  'security.changePassword': { request: changePasswordRequestSchema, response: doneSchema },
  'security.changeEmail': { request: changeEmailRequestSchema, response: doneSchema },
  /** Whether the server's rate limit lets an email or password change through now (asked before the second factor). */
  'security.changeWait': { request: changeWaitRequestSchema, response: changeWaitSchema },
  'security.resendConfirmation': { request: resendConfirmationRequestSchema, response: doneSchema },
  'security.startTotp': { request: startTotpRequestSchema, response: totpSetupSchema },
  'security.confirmTotp': { request: confirmTotpRequestSchema, response: backupCodesSchema },
  'security.disableTotp': { request: disableTotpRequestSchema, response: doneSchema },
  'security.signOutOthers': { request: securityRequestSchema, response: doneSchema },
  /** Emailed codes and backup codes: state, turning emailed codes on and off, new backup codes (shown once). */
  'security.twoFactorSettings': { request: securityRequestSchema, response: twoFactorSettingsSchema },
  'security.enableEmailCodes': { request: securityRequestSchema, response: doneSchema },
  'security.disableEmailCodes': { request: disableEmailCodesRequestSchema, response: doneSchema },
  'security.regenerateBackupCodes': { request: regenerateBackupCodesRequestSchema, response: backupCodesSchema },
  'avatars.get': { request: avatarRequestSchema, response: avatarViewSchema },
  'directory.status': { request: directoryStatusRequestSchema, response: directoryStatusSchema },
  'directory.sync': { request: directorySyncRequestSchema, response: directoryStatusSchema },
  'directory.search': { request: directorySearchRequestSchema, response: directorySearchResultSchema },
  'connectivity.list': { request: noPayload, response: z.lazy(() => z.array(z.object({ serverId: z.string(), online: z.boolean() }))) },
  /** The proxy in use for each server and the certificates trusted per server (About). */
  'network.info': { request: noPayload, response: networkInfoSchema },
  /** The certificate a server showed that could not be verified, and whether it may be trusted. */
  'certificates.review': { request: certificateRequestSchema, response: certificateReviewSchema },
  /** Trusts the certificate the review showed, for that server only. */
  'certificates.trust': { request: trustCertificateRequestSchema, response: pinnedCertificateSchema },
  'certificates.revoke': { request: certificateRequestSchema, response: z.lazy(() => z.object({})) },
  /** The questions the desktop shell is waiting on (a proxy sign-in, a client certificate). */
  'network.prompts': { request: noPayload, response: z.lazy(() => z.array(networkPromptSchema)) },
  'network.answerPrompt': { request: answerPromptRequestSchema, response: z.lazy(() => z.object({})) },
  /** Personal access tokens of an account: list, create (shown once), regenerate, remove. */
  ...accessTokenChannels,
  /** A username suggested for an account without one; asking for a copy of one's data. */
  ...accountDataChannels,
  /** "Delete my account": whether it is offered, and the deletion with the server's last-owner step. */
  ...accountDeletionChannels,
  /** The account's signed-in devices, where the server lists them, and signing one out. */
  ...deviceSessionChannels,
  /** Preferences: cached for offline reading, edited through the outbox (announced as profile.changed). */
  ...preferencesChannels,
  /** "Forget this computer": what would be lost (accounts, unsent edits), then every account, keychain entry and file of the app gone. */
  'app.forgetPreview': {
    request: noPayload,
    response: z.lazy(() =>
      z.object({
        accounts: z.array(z.object({ name: z.string(), unsentEdits: z.number().int().nonnegative() })),
        unsentEdits: z.number().int().nonnegative(),
        dataDir: z.string(),
      }),
    ),
  },
  'app.forgetComputer': { request: noPayload, response: z.lazy(() => z.object({})) },
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelRequest<C extends Channel> = z.input<Channels[C]['request']>;
export type ChannelValue<C extends Channel> = z.output<Channels[C]['response']>;
export type ChannelResult<C extends Channel> = Result<ChannelValue<C>>;

export const channelNames = Object.keys(channels) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** The full reply schema of a channel: the value on success, an error otherwise. */
export function resultSchema<C extends Channel>(channel: C) {
  return z.union([z.object({ ok: z.literal(true), value: channels[channel].response }), failureSchema]);
}

export const events = {
  'accounts.changed': z.lazy(() => z.object({ revision: revisionSchema })),
  'profile.changed': z.lazy(() => z.object({ accountId: z.string(), revision: revisionSchema })),
  /** The outbox of this account changed (queued, sent, waiting, conflict, failed). */
  'sync.changed': z.lazy(() => z.object({ accountId: z.string(), revision: revisionSchema })),
  'connectivity.changed': z.lazy(() => z.object({ serverId: z.string(), online: z.boolean() })),
  'directory.changed': directoryStatusSchema,
  'avatar.changed': z.lazy(() => z.object({ serverId: z.string(), username: z.string() })),
  /** Something in the outbox needs the person: a conflict to decide, or an edit the server refused. */
  'sync.attention': z.lazy(() => z.object({ accountId: z.string(), kind: z.enum(['conflict', 'failed']), message: z.string() })),
  /** The server ended an account's session (a 401): it is signed out now, its queued edits kept. */
  'session.ended': z.lazy(() => z.object({ accountId: z.string(), message: z.string() })),
  /** A menu item or shortcut of the desktop shell, for the window to carry out. */
  'app.command': z.lazy(() => z.object({ command: z.enum(appCommands) })),
  /** A certificate was trusted for a server, or trust was revoked. */
  'certificates.changed': z.lazy(() => z.object({ origin: z.string() })),
  /** The desktop shell needs an answer from the person (network.answerPrompt). */
  'network.prompt': networkPromptSchema,
  /** This computer was forgotten: the core has closed; the desktop shell starts the app again. */
  'app.forgotten': z.lazy(() => z.object({})),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];

/** What `window.accountManager` offers in both shells: one function per channel, plus `on`. */
export type AccountManagerApi = {
  [C in Channel]: (request: ChannelRequest<C>) => Promise<ChannelResult<C>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** The one Electron IPC channel that carries core events to the window ({ event, payload }). */
export const ipcEventChannel = 'core:event';
