// POST /_dev/users/<id>: edit a user directly, as another device or an admin
// would, so clients can be tested against concurrent changes. Always bumps _updatedAt.
import type { App } from '../app';
import { hashPassword } from '../auth/password';
import { isPlainObject } from '../http/body';
import type { UserDoc } from '../state/types';

const PATCHABLE = new Set([
  'username',
  'name',
  'nickname',
  'bio',
  'emails',
  'status',
  'statusDefault',
  'statusConnection',
  'statusText',
  'statusSource',
  'statusExpiresAt',
  'statusLivechat',
  'utcOffset',
  'language',
  'lastLogin',
  'avatarETag',
  'customFields',
  'settings',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'freeSwitchExtension',
  'importIds',
  'phone',
  'reason',
  'federated',
  'banners',
  'defaultRoom',
  'roles',
  'active',
  'type',
  'createdAt',
]);
const DATES = new Set(['statusExpiresAt', 'lastLogin', 'createdAt']);
const SPECIAL = new Set(['password', 'totpSecret', 'email2fa']);

/** Returns problems, or applies the patch and returns []. */
export async function patchUser(app: App, user: UserDoc, patch: unknown): Promise<string[]> {
  if (!isPlainObject(patch)) return ['patch must be a JSON object'];
  const unknown = Object.keys(patch).filter((k) => !PATCHABLE.has(k) && !SPECIAL.has(k));
  if (unknown.length > 0) return [`not patchable: ${unknown.join(', ')}`];
  if (patch.emails !== undefined && patch.emails !== null) {
    const ok = Array.isArray(patch.emails) && patch.emails.every((e) => isPlainObject(e) && typeof e.address === 'string');
    if (!ok) return ['emails must be [{address, verified}]'];
  }
  if (patch.password !== undefined && typeof patch.password !== 'string') return ['password must be a string'];
  if (patch.totpSecret !== undefined && patch.totpSecret !== null && typeof patch.totpSecret !== 'string') {
    return ['totpSecret must be a base32 string or null'];
  }
  if (patch.email2fa !== undefined && typeof patch.email2fa !== 'boolean') return ['email2fa must be a boolean'];

  const doc = user as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (SPECIAL.has(key)) continue;
    if (value === null) delete doc[key];
    else doc[key] = DATES.has(key) && typeof value === 'string' ? new Date(value) : structuredClone(value);
  }
  if (typeof patch.password === 'string') user.services.password = { bcrypt: await hashPassword(patch.password, app.bcryptRounds) };
  if (patch.totpSecret === null) user.services.totp = { enabled: false };
  else if (typeof patch.totpSecret === 'string') user.services.totp = { enabled: true, secret: patch.totpSecret, hashedBackup: [] };
  if (typeof patch.email2fa === 'boolean') user.services.email2fa = { enabled: patch.email2fa, changedAt: app.clock.date() };
  app.store.touch(user);
  return [];
}
