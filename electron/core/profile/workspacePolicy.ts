import { parseCustomFieldDefinitions } from '../../../shared/customFields';
import { statusTypes, type StatusType } from '../../../shared/profileEdits';
import type { WorkspaceOffers } from '../../../shared/profileSchemas';

/**
 * The public settings that say what a person may change on their own account, and which
 * second factors the server accepts (docs/protocol.md §4, §5, §9). Rocket.Chat registers each
 * with `public: true` (apps/meteor/server/settings/accounts.ts).
 */
export const workspaceSettingIds = [
  'Accounts_AllowUserProfileChange',
  'Accounts_AllowUsernameChange',
  'Accounts_AllowRealNameChange',
  'Accounts_AllowEmailChange',
  'Accounts_AllowPasswordChange',
  'Accounts_AllowUserAvatarChange',
  'Accounts_AllowUserStatusMessageChange',
  'Accounts_AllowInvisibleStatusOption',
  'Accounts_TwoFactorAuthentication_Enabled',
  'Accounts_TwoFactorAuthentication_By_TOTP_Enabled',
  'Accounts_TwoFactorAuthentication_By_Email_Enabled',
  'Accounts_twoFactorAuthentication_email_available_for_OAuth_users',
  'Accounts_TwoFactorAuthentication_Enforce_Password_Fallback',
  // Public too, from apps/meteor/server/settings/userDataDownload.ts: "Download my data" is offered.
  'UserData_EnableDownload',
  'Accounts_AllowDeleteOwnAccount',
  // The custom fields the workspace keeps: a JSON text, '' when none (§4 step 11).
  'Accounts_CustomFields',
] as const;
export type WorkspaceSettingId = (typeof workspaceSettingIds)[number];
export type WorkspaceSettings = Partial<Record<WorkspaceSettingId, unknown>>;

/**
 * A setting the workspace switched off. Each of these is on by default in Rocket.Chat, so one
 * never read (a server that keeps its settings private, or not asked yet) counts as on: the
 * app offers the change and the server's own refusal says otherwise.
 */
export const isOff = (settings: WorkspaceSettings, id: WorkspaceSettingId): boolean => settings[id] === false;

/** A setting the workspace switched on: for those off by default (Accounts_AllowDeleteOwnAccount), unknown counts as off. */
export const isOn = (settings: WorkspaceSettings, id: WorkspaceSettingId): boolean => settings[id] === true;

/** A server's release as /api/info names it ("8.6", "8.8.1"); null when it said none the app can read. */
export interface Release {
  major: number;
  minor: number;
}

export function parseRelease(version: string | null | undefined): Release | null {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

/** False only when the release is known and older than `major.minor`. */
export function hasRelease(release: Release | null, major: number, minor: number): boolean {
  return release === null || release.major > major || (release.major === major && release.minor >= minor);
}

/** What came in which release (docs/protocol.md §3, §5): the REST TOTP routes in 8.8, lookups by email or extension in 8.6. */
export const features = {
  totpRoutes: { major: 8, minor: 8, what: 'set up or turn off an authenticator app from other apps' },
  backupCodeRoutes: { major: 8, minor: 8, what: 'count or renew backup codes from other apps' },
  lookupByEmail: { major: 8, minor: 6, what: 'look people up by email address' },
  lookupByExtension: { major: 8, minor: 6, what: 'look people up by phone extension' },
} as const;
export type Feature = keyof typeof features;

/** The sentence for a feature this server's release lacks, naming both releases when the server's is known. */
export function missingFeature(feature: Feature, release: Release | null): string {
  const { major, minor, what } = features[feature];
  return release
    ? `This server runs Rocket.Chat ${release.major}.${release.minor}, which cannot ${what}: that came in Rocket.Chat ${major}.${minor}.`
    : `This server cannot ${what}: that needs Rocket.Chat ${major}.${minor} or later.`;
}

/** The workspace's answer to "what may I change here?", for the window. */
export function workspaceOffers(settings: WorkspaceSettings, release: Release | null): WorkspaceOffers {
  const locked: WorkspaceOffers['locked'] = {};
  if (isOff(settings, 'Accounts_AllowUserProfileChange')) {
    const words = 'This workspace does not allow changing your profile.';
    Object.assign(locked, { name: words, username: words, nickname: words, bio: words, customFields: words });
  } else {
    if (isOff(settings, 'Accounts_AllowUsernameChange')) locked.username = 'This workspace does not allow changing your username.';
    if (isOff(settings, 'Accounts_AllowRealNameChange')) locked.name = 'This workspace does not allow changing your name.';
  }
  if (isOff(settings, 'Accounts_AllowUserStatusMessageChange'))
    locked.statusText = 'This workspace does not allow changing your status message.';
  if (isOff(settings, 'Accounts_AllowUserAvatarChange')) locked.avatar = 'This workspace does not allow changing your avatar.';
  const statuses: StatusType[] = isOff(settings, 'Accounts_AllowInvisibleStatusOption')
    ? statusTypes.filter((status) => status !== 'offline')
    : [...statusTypes];
  const lookupUnavailable: WorkspaceOffers['lookupUnavailable'] = {};
  if (!hasRelease(release, features.lookupByEmail.major, features.lookupByEmail.minor))
    lookupUnavailable.email = missingFeature('lookupByEmail', release);
  if (!hasRelease(release, features.lookupByExtension.major, features.lookupByExtension.minor))
    lookupUnavailable.freeSwitchExtension = missingFeature('lookupByExtension', release);
  const customFields = parseCustomFieldDefinitions(settings.Accounts_CustomFields);
  return { locked, statuses, lookupUnavailable, ...(customFields && { customFields }) };
}

/** The sentence for an invisible status the workspace does not allow. */
export const invisibleNotAllowed = 'This workspace does not allow the invisible (offline) status.';
