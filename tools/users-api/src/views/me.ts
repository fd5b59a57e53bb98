// The /me projection (§2), also used for login's `data.me` and, minus the
// preferences, for updateOwnBasicInfo's sanitised reply on 8.x (§4).
import type { App } from '../app';
import { oauthServices } from '../auth/password';
import type { UserDoc } from '../state/types';

export const DEFAULT_PREFERENCES: Record<string, unknown> = {
  enableAutoAway: true,
  idleTimeLimit: 300,
  desktopNotificationRequireInteraction: false,
  desktopNotifications: 'all',
  pushNotifications: 'all',
  unreadAlert: true,
  useEmojis: true,
  convertAsciiEmoji: true,
  autoImageLoad: true,
  saveMobileBandwidth: true,
  collapseMediaByDefault: false,
  hideUsernames: false,
  hideRoles: false,
  displayAvatars: true,
  sidebarGroupByType: true,
  themeAppearence: 'auto',
  sidebarViewMode: 'medium',
  sidebarDisplayAvatar: true,
  sidebarShowUnread: false,
  sidebarSortby: 'activity',
  sidebarShowFavorites: true,
  sendOnEnter: 'normal',
  messageViewMode: 0,
  emailNotificationMode: 'mentions',
  newRoomNotification: 'door',
  newMessageNotification: 'chime',
  muteFocusedConversations: true,
  notificationsSoundVolume: 100,
};

/** Top-level fields copied when present (§2). */
const ME_FIELDS = [
  '_id',
  'name',
  'username',
  'nickname',
  'emails',
  'status',
  'statusDefault',
  'statusText',
  'statusConnection',
  'bio',
  'avatarOrigin',
  'utcOffset',
  'language',
  'enableAutoAway',
  'idleTimeLimit',
  'roles',
  'active',
  'defaultRoom',
  'customFields',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'statusLivechat',
  'banners',
  '_updatedAt',
  'avatarETag',
] as const satisfies readonly (keyof UserDoc)[];

export function meView(app: App, user: UserDoc, options: { preferences: boolean } = { preferences: true }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of ME_FIELDS) {
    const value = user[field];
    if (value !== undefined) out[field] = structuredClone(value);
  }
  const verified = user.emails?.find((e) => e.verified);
  if (verified) out.email = verified.address;
  out.settings = {
    profile: { ...user.settings?.profile },
    ...(options.preferences && { preferences: { ...DEFAULT_PREFERENCES, ...user.settings?.preferences } }),
    calendar: {},
  };
  out.oauth = { authorizedClients: user.oauth?.authorizedClients ?? [] };
  const services: Record<string, unknown> = {};
  for (const name of oauthServices(user)) {
    if (name === 'github' || name === 'gitlab') services[name] = structuredClone(user.services[name]);
  }
  // The account's own switches, whatever the workspace's settings (apps/meteor/server/api/lib/getUserInfo.ts).
  if (user.services.totp?.enabled) services.totp = { enabled: true };
  if (user.services.email2fa?.enabled) services.email2fa = { enabled: true };
  services.password = { exists: Boolean(user.services.password?.bcrypt) };
  out.services = services;
  if (user.username) out.avatarUrl = `${app.rootUrl}/avatar/${encodeURIComponent(user.username)}`;
  out.isOAuthUser = oauthServices(user).length > 0;
  return out;
}

/** 7.x's updateOwnBasicInfo reply: the raw document, hash and resume tokens included (§4). */
export function rawUserDocument(app: App, user: UserDoc): Record<string, unknown> {
  const doc = JSON.parse(JSON.stringify(user)) as Record<string, unknown>;
  doc.__rooms = app.store.subscriptionsOf(user._id).map((s) => s.rid);
  return doc;
}
