// Passwords are stored as bcrypt(SHA-256 hex of the password), as Meteor's
// accounts-password does, so digest logins and the 2FA `password` method
// compare the client's SHA-256 hex directly (§1, §5, §8.8).
import bcrypt from 'bcryptjs';
import { sha256Hex } from '../ids';
import type { UserDoc } from '../state/types';

// Seeds are re-hashed every start; caching keeps in-process test servers fast.
const seedHashCache = new Map<string, Promise<string>>();

export function hashPassword(plain: string, rounds: number): Promise<string> {
  return bcrypt.hash(sha256Hex(plain), rounds);
}

export function hashSeedPassword(plain: string, rounds: number): Promise<string> {
  const key = `${rounds}:${plain}`;
  let hash = seedHashCache.get(key);
  if (!hash) {
    hash = hashPassword(plain, rounds);
    seedHashCache.set(key, hash);
  }
  return hash;
}

export async function checkDigest(hash: string | undefined, digest: string): Promise<boolean> {
  if (!hash) return false;
  return bcrypt.compare(digest.toLowerCase(), hash);
}

export const checkPlain = (hash: string | undefined, plain: string): Promise<boolean> => checkDigest(hash, sha256Hex(plain));

export const bcryptOf = (user: UserDoc): string | undefined => user.services.password?.bcrypt;

/** Any login service: a password or an OAuth service (§4 2FA gate). */
export function hasLoginService(user: UserDoc): boolean {
  return Boolean(bcryptOf(user)) || oauthServices(user).length > 0;
}

const NON_OAUTH = new Set(['password', 'passwordHistory', 'resume', 'totp', 'email2fa', 'emailCode', 'email']);

export function oauthServices(user: UserDoc): string[] {
  return Object.keys(user.services).filter((k) => !NON_OAUTH.has(k) && user.services[k] !== undefined);
}
