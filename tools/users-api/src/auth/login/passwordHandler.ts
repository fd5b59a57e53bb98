// Meteor's accounts-password handler (`{user: {username|email|id}, password}`) and the
// "fallback to the default account system" LDAP and Crowd use (§1, docs/sign-in.md).
import { bcryptOf, checkDigest } from '../password';
import { isPlainObject } from '../../http/body';
import type { RequestContext } from '../../http/router';
import { sha256Hex } from '../../ids';
import type { UserDoc } from '../../state/types';
import { InternalLoginError, LoginError } from './loginError';
import type { LoginHandler, LoginResult } from './loginHandler';

interface Identity {
  key: string;
  find(ctx: RequestContext): UserDoc | undefined;
}

/** Accounts._userQueryValidator: exactly one of id, username, email. */
function identityOf(user: unknown): Identity {
  if (!isPlainObject(user) || Object.keys(user).length !== 1) throw new LoginError(400, 'Match failed');
  const { username, email, id } = user;
  if (typeof username === 'string' && username)
    return { key: username.toLowerCase(), find: (ctx) => ctx.app.store.byUsernameInsensitive(username) };
  if (typeof email === 'string' && email) return { key: email.toLowerCase(), find: (ctx) => ctx.app.store.byEmailInsensitive(email) };
  if (typeof id === 'string' && id) return { key: id, find: (ctx) => ctx.app.store.byId(id) };
  throw new LoginError(400, 'Match failed');
}

/** Plain password → its SHA-256 hex; `{digest, algorithm:'sha-256'}` as is. */
function digestOf(password: unknown): string {
  if (typeof password === 'string') return sha256Hex(password);
  if (isPlainObject(password) && typeof password.digest === 'string') {
    if (password.algorithm !== 'sha-256') throw new LoginError(400, "Invalid password hash algorithm. Only 'sha-256' is allowed.");
    return password.digest;
  }
  // Includes the legacy {hashed} form, which current code wraps wrongly (§1).
  throw new LoginError(400, 'Match failed');
}

export const passwordHandler: LoginHandler = async (ctx, args) => {
  if (!args.password) return undefined;
  const { app } = ctx;
  const identity = identityOf(args.user);
  const block = app.loginBlocks.check(app.settings, identity.key, ctx.ip);
  if (block === 'user') throw new LoginError('error-login-blocked-for-user', 'Login has been temporarily blocked for this User');
  if (block === 'ip') throw new LoginError('error-login-blocked-for-ip', 'Login has been temporarily blocked for this IP');
  const digest = digestOf(args.password);
  const user = identity.find(ctx);
  if (!user) {
    app.loginBlocks.recordFailure(identity.key, ctx.ip);
    throw new LoginError(403, 'User not found');
  }
  if (!bcryptOf(user)) throw new LoginError(403, 'User has no password set');
  if (!(await checkDigest(bcryptOf(user), digest))) {
    app.loginBlocks.recordFailure(identity.key, ctx.ip);
    throw new LoginError(403, 'Incorrect password');
  }
  return { type: 'password', user, blockKey: identity.key };
};

/**
 * LDAPManager.fallbackToDefaultLogin / Crowd's fallbackDefaultAccountSystem: a password login
 * with SHA256(password). SHA256 of anything but a string throws a plain TypeError in
 * Rocket.Chat, which the REST login reports as 500 (verify) — a digest sent as the LDAP
 * password ends here.
 */
export function defaultLogin(ctx: RequestContext, username: unknown, password: unknown): Promise<LoginResult | undefined> {
  if (typeof password !== 'string') throw new InternalLoginError('SHA256 needs a string');
  const user = typeof username === 'string' ? (username.includes('@') ? { email: username } : { username }) : username;
  return passwordHandler(ctx, { user, password: { digest: sha256Hex(password), algorithm: 'sha-256' } });
}
