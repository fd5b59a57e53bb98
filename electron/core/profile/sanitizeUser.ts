/**
 * What must never be stored or shown, whatever a server sends: 7.x servers reply to
 * updateOwnBasicInfo with the raw user document, bcrypt hash and resume tokens included
 * (docs/protocol.md §4), and users.info for oneself carries `services`.
 * Only the 2FA-enabled flags and whether a password exists survive from `services`.
 */
const forbiddenKeys = new Set([
  'resume',
  'loginTokens',
  'hashedToken',
  'bcrypt',
  'e2e',
  'private_key',
  'inviteToken',
  'emailCode',
  'hashedBackup',
  'secret',
  'tempSecret',
  'twoFactorAuthorizedHash',
]);

export function sanitizeUser(document: Record<string, unknown>): Record<string, unknown> {
  if (!('services' in document)) return stripForbidden(document) as Record<string, unknown>;
  const { services, ...rest } = document;
  const clean = stripForbidden(rest) as Record<string, unknown>;
  const flags = serviceFlags(services);
  return flags ? { ...clean, services: flags } : clean;
}

function serviceFlags(services: unknown): Record<string, unknown> | null {
  if (typeof services !== 'object' || services === null) return null;
  const source = services as Record<string, unknown>;
  const enabled = (value: unknown) => typeof value === 'object' && value !== null && (value as { enabled?: unknown }).enabled === true;
  return {
    totp: { enabled: enabled(source.totp) },
    email2fa: { enabled: enabled(source.email2fa) },
    password: { exists: passwordExists(source.password) },
  };
}

/**
 * /me says `{exists}` (false for an account that signs in through another service), users.info
 * `true`, a raw 7.x document `{bcrypt}` (docs/protocol.md §2, §3).
 */
function passwordExists(password: unknown): boolean {
  if (password === true) return true;
  if (typeof password !== 'object' || password === null) return false;
  return 'exists' in password ? (password as { exists: unknown }).exists === true : true;
}

/**
 * The value without forbidden keys at any depth. What holds none is returned as it is, not
 * copied: a directory sync cleans every person of every page, and almost none holds any.
 * What does is copied (the caller's value is never changed).
 */
function stripForbidden(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const inner: unknown = value[i];
      const clean = stripForbidden(inner);
      if (clean !== inner) (copy ??= value.slice())[i] = clean;
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let changed = false;
  const kept: [string, unknown][] = [];
  for (const key of keys) {
    if (forbiddenKeys.has(key)) {
      changed = true;
      continue;
    }
    const inner = record[key];
    const clean = stripForbidden(inner);
    if (clean !== inner) changed = true;
    kept.push([key, clean]);
  }
  return changed ? Object.fromEntries(kept) : value;
}
