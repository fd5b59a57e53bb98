// POST /api/v1/login's loginCompatibility (apps/meteor/server/api/ApiClass.ts `_initAuth`):
// REST password bodies become Meteor login arguments. With LDAP_Enable every password body
// becomes the LDAP shape, and a 2FA code wraps it in `{totp: {code, login}}`. docs/sign-in.md.
import { isPlainObject } from '../../http/body';
import type { Settings } from '../../state/settings';

const REST_PASSWORD_KEYS = new Set(['user', 'username', 'email', 'password', 'code']);

export function restLoginArgs(body: Record<string, unknown>, headerCode: string | undefined, settings: Settings): Record<string, unknown> {
  const { user, username, email, password, code: bodyCode } = body;
  if (password === undefined || password === null) return body;
  if (Object.keys(body).some((key) => !REST_PASSWORD_KEYS.has(key))) return body;
  const code = bodyCode || headerCode;
  let query: Record<string, unknown> | undefined;
  let ldapUsername: unknown = '';
  if (typeof user === 'string') {
    query = user.includes('@') ? { email: user } : { username: user };
    ldapUsername = user;
  } else if (username) {
    query = { username };
    ldapUsername = username;
  } else if (email) {
    query = { email };
    ldapUsername = email;
  }
  // Meteor's own {user: {...}, password} goes through untouched.
  if (!query) return body;
  // The legacy {hashed} form is wrapped wrongly (§1): its digest ends up an object.
  const sentPassword = isPlainObject(password) && 'hashed' in password ? { digest: password, algorithm: 'sha-256' } : password;
  const auth = { user: query, password: sentPassword };
  const ldap = { ldap: true, username: ldapUsername, ldapPass: sentPassword, ldapOptions: {} };
  if (settings.LDAP_Enable && !code) return ldap;
  if (code) return { totp: { code, login: settings.LDAP_Enable ? ldap : auth } };
  return auth;
}
