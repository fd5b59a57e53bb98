// Login tokens are stored hashed (SHA-256, base64) like Meteor's resume tokens (§7).
import type { App } from '../app';
import { hashLoginToken, randomSecret } from '../ids';
import type { LoginToken, UserDoc } from '../state/types';

const DAY_MS = 24 * 60 * 60 * 1000;

function tokensOf(user: UserDoc): LoginToken[] {
  user.services.resume ??= { loginTokens: [] };
  return user.services.resume.loginTokens;
}

export function issueToken(app: App, user: UserDoc, extra: Partial<LoginToken> = {}): string {
  const token = randomSecret();
  tokensOf(user).push({ hashedToken: hashLoginToken(token), when: app.clock.date(), ...extra });
  app.store.reindex(user);
  return token;
}

/** Personal access tokens never expire; login tokens last Accounts_LoginExpiration days (§7). */
export function tokenExpiry(app: App, token: LoginToken): Date | undefined {
  if (token.type === 'personalAccessToken' || !token.when) return undefined;
  return new Date(token.when.getTime() + app.settings.Accounts_LoginExpiration * DAY_MS);
}

/** personalAccessTokens:generateToken's token object: no `when`, never expires. */
export function addPersonalAccessToken(app: App, user: UserDoc, name: string, bypassTwoFactor: boolean, token = randomSecret()): string {
  tokensOf(user).push({
    hashedToken: hashLoginToken(token),
    type: 'personalAccessToken',
    createdAt: app.clock.date(),
    lastTokenPart: token.slice(-6),
    name,
    bypassTwoFactor,
  });
  app.store.reindex(user);
  return token;
}

export const personalAccessTokens = (user: UserDoc): LoginToken[] => tokensOf(user).filter((t) => t.type === 'personalAccessToken');

export function findSession(app: App, userId: string, plainToken: string): { user: UserDoc; token: LoginToken } | undefined {
  const hashed = hashLoginToken(plainToken);
  const user = app.store.byHashedToken(hashed);
  if (!user || user._id !== userId) return undefined;
  const token = tokensOf(user).find((t) => t.hashedToken === hashed);
  if (!token) return undefined;
  const expires = tokenExpiry(app, token);
  if (expires && expires.getTime() <= app.clock.now()) return undefined;
  return { user, token };
}

/** Removes tokens for which `drop` is true; returns how many went. */
export function removeTokens(app: App, user: UserDoc, drop: (t: LoginToken) => boolean): number {
  const list = tokensOf(user);
  const kept = list.filter((t) => !drop(t));
  const removed = list.length - kept.length;
  user.services.resume = { loginTokens: kept };
  app.store.reindex(user);
  return removed;
}

/** Every other token except the caller's, personal access tokens included (§4 step 10). */
export const removeAllOtherTokens = (app: App, user: UserDoc, keepHashed: string | undefined): number =>
  removeTokens(app, user, (t) => t.hashedToken !== keepHashed);

/** Other non-PAT tokens (users.logoutOtherClients, validateTotp, 2fa.enableEmail). */
export const removeOtherLoginTokens = (app: App, user: UserDoc, keepHashed: string | undefined): number =>
  removeTokens(app, user, (t) => t.hashedToken !== keepHashed && t.type !== 'personalAccessToken');
