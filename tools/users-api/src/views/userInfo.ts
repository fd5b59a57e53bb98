// users.info field visibility by caller (§3 table) and the rooms list.
import type { App } from '../app';
import { hasPermission } from '../auth/permissions';
import type { UserDoc } from '../state/types';

const PUBLIC_FIELDS = [
  '_id',
  'name',
  'username',
  'nickname',
  'status',
  'utcOffset',
  'type',
  'active',
  'bio',
  'reason',
  'statusText',
  'statusSource',
  'statusExpiresAt',
  'avatarETag',
  'federated',
  'statusLivechat',
  'freeSwitchExtension',
] as const satisfies readonly (keyof UserDoc)[];

const FULL_FIELDS = [
  'emails',
  'phone',
  'statusConnection',
  'createdAt',
  'lastLogin',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'roles',
  'importIds',
] as const satisfies readonly (keyof UserDoc)[];

const STATUS_FIELDS = ['status', 'statusText', 'statusConnection', 'statusSource', 'statusExpiresAt'];

function copy(out: Record<string, unknown>, user: UserDoc, fields: readonly (keyof UserDoc)[]): void {
  for (const field of fields) {
    const value = user[field];
    if (value !== undefined) out[field] = structuredClone(value);
  }
}

/** services for the owner: `password:true`, tokens, secrets and codes removed. */
function ownServices(user: UserDoc): Record<string, unknown> {
  const services: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.services)) {
    if (value === undefined || ['resume', 'emailCode', 'passwordHistory', 'email'].includes(name)) continue;
    if (name === 'password') services.password = Boolean(user.services.password?.bcrypt);
    else if (name === 'totp') services.totp = { enabled: user.services.totp?.enabled === true };
    else services[name] = structuredClone(value);
  }
  return services;
}

export function userInfoView(app: App, target: UserDoc, caller: UserDoc, includeRooms: boolean): Record<string, unknown> {
  const self = target._id === caller._id;
  const full = self || hasPermission(app, caller, 'view-full-other-user-info');
  const out: Record<string, unknown> = {};
  copy(out, target, PUBLIC_FIELDS);
  const defs = app.settings.Accounts_CustomFields;
  const custom = Object.entries(target.customFields ?? {}).filter(([name]) => full || defs[name]?.public === true);
  if (custom.length > 0) out.customFields = Object.fromEntries(custom);
  if (full) copy(out, target, FULL_FIELDS);
  if (self) {
    out.services = ownServices(target);
    const denied = target.settings?.preferences?.statusVisibilityDenied;
    if (denied !== undefined) out.settings = { preferences: { statusVisibilityDenied: denied } };
  }
  // Interpretation of §3 "status fields are redacted": a user who denies status
  // visibility shows no status fields to anyone else.
  if (!self && target.settings?.preferences?.statusVisibilityDenied === true) {
    for (const field of STATUS_FIELDS) delete out[field];
  }
  out.canViewAllInfo = full;
  if (includeRooms && (self || hasPermission(app, caller, 'view-other-user-channels'))) {
    out.rooms = roomsOf(app, target._id);
  }
  return out;
}

/** `[{_id, rid, name, t, roles?, unread, federated?}]` sorted by `t` then `name` (binary order, like MongoDB). */
export function roomsOf(app: App, userId: string): Record<string, unknown>[] {
  const subs = [...app.store.subscriptionsOf(userId)];
  subs.sort((a, b) => (a.t === b.t ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.t < b.t ? -1 : 1));
  return subs.map((s) => ({
    _id: s._id,
    rid: s.rid,
    name: s.name,
    t: s.t,
    ...(s.roles && { roles: [...s.roles] }),
    unread: s.unread,
    ...(s.federated && { federated: true }),
  }));
}
