// POST /api/v1/login (§1), POST /api/v1/logout and GET /api/v1/me (§2).
import type { App } from '../app';
import { bcryptOf, checkDigest } from '../auth/password';
import { hasPermission } from '../auth/permissions';
import { issueToken, removeTokens } from '../auth/tokens';
import { asRecord, isPlainObject } from '../http/body';
import { ApiError } from '../http/envelope';
import { caller, ok } from '../http/router';
import type { RequestContext, RouteDef } from '../http/router';
import { hashLoginToken, sha256Hex } from '../ids';
import type { UserDoc } from '../state/types';
import { verifiedEmails } from '../twofactor/emailCode';
import { TwoFactorError, checkCodeForUser } from '../twofactor/gate';
import { meView } from '../views/me';

/** A Meteor.Error thrown during login; reported as 401 `{error, status, message, details?}` (§1). */
class LoginError extends Error {
  constructor(
    readonly error: string | number,
    readonly reason: string,
    readonly details?: unknown,
  ) {
    super(reason);
  }
}

function loginFailure(error: string | number, message: string, details?: unknown): ApiError {
  // "User not found" becomes Unauthorized/Unauthorized (§1).
  if (message === 'User not found')
    return new ApiError(401, { success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' });
  return new ApiError(401, { success: false, error, status: 'error', ...(details !== undefined && { details }), message });
}

const PASSWORD_LOGIN_KEYS = new Set(['user', 'username', 'email', 'password', 'code']);

interface Identity {
  key: string;
  find(app: App): UserDoc | undefined;
}

function identityFrom(body: Record<string, unknown>): Identity | undefined {
  const byUsername = (u: string): Identity => ({ key: u.toLowerCase(), find: (app) => app.store.byUsernameInsensitive(u) });
  const byEmail = (e: string): Identity => ({ key: e.toLowerCase(), find: (app) => app.store.byEmailInsensitive(e) });
  const { user, username, email } = body;
  if (typeof user === 'string') return user.includes('@') ? byEmail(user) : byUsername(user);
  if (typeof username === 'string') return byUsername(username);
  if (typeof email === 'string') return byEmail(email);
  if (isPlainObject(user)) {
    // Meteor's own shape: {user:{username|email|id}, password}.
    if (typeof user.username === 'string') return byUsername(user.username);
    if (typeof user.email === 'string') return byEmail(user.email);
    if (typeof user.id === 'string') {
      const id = user.id;
      return { key: id, find: (app) => app.store.byId(id) };
    }
  }
  return undefined;
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

async function passwordLogin(ctx: RequestContext, body: Record<string, unknown>, identity: Identity): Promise<UserDoc> {
  const { app } = ctx;
  const block = app.loginBlocks.check(app.settings, identity.key, ctx.ip);
  if (block === 'user') throw new LoginError('error-login-blocked-for-user', 'Login has been temporarily blocked for this User');
  if (block === 'ip') throw new LoginError('error-login-blocked-for-ip', 'Login has been temporarily blocked for this IP');
  const digest = digestOf(body.password);
  const user = identity.find(app);
  if (!user) {
    app.loginBlocks.recordFailure(identity.key, ctx.ip);
    throw new LoginError(403, 'User not found');
  }
  if (!bcryptOf(user)) throw new LoginError(403, 'User has no password set');
  if (!(await checkDigest(bcryptOf(user), digest))) {
    app.loginBlocks.recordFailure(identity.key, ctx.ip);
    throw new LoginError(403, 'Incorrect password');
  }
  if (!user.active)
    throw new LoginError('error-user-is-not-activated', 'User is not activated', { function: 'Accounts.validateLoginAttempt' });
  if (user.type === 'app') throw new LoginError('error-app-user-is-not-allowed-to-login', 'App user is not allowed to login');
  if (app.settings.Dev_License_User_Limit_Reached && !hasPermission(app, user, 'view-statistics')) {
    throw new LoginError('error-license-user-limit-reached', 'The maximum number of users has been reached.');
  }
  if (app.settings.Accounts_EmailVerification && user.type === 'user' && verifiedEmails(user).length === 0) {
    throw new LoginError('error-invalid-email', `Invalid email ${user.emails?.[0]?.address ?? ''}`.trim());
  }
  // §1: TOTP if the user has it, else email; no password fallback at login.
  const header = ctx.headers['x-2fa-code'];
  const code = typeof body.code === 'string' && body.code !== '' ? body.code : Array.isArray(header) ? header[0] : header;
  await checkCodeForUser(app, user, code || undefined, undefined, { disablePasswordFallback: true });
  app.loginBlocks.recordSuccess(identity.key, ctx.ip);
  return user;
}

async function login(ctx: RequestContext): Promise<{ user: UserDoc; token: string }> {
  const { app } = ctx;
  const body = asRecord(ctx.body);
  const identity = identityFrom(body);
  const passwordShape = body.password != null && Object.keys(body).every((k) => PASSWORD_LOGIN_KEYS.has(k));
  if (identity && (passwordShape || (isPlainObject(body.user) && body.password != null))) {
    const user = await passwordLogin(ctx, body, identity);
    user.lastLogin = app.clock.date();
    const token = issueToken(app, user);
    app.store.touch(user);
    return { user, token };
  }
  if (typeof body.resume === 'string') {
    // §1: {resume} returns the same token, without any 2FA.
    const user = app.store.byHashedToken(hashLoginToken(body.resume));
    if (!user) throw new LoginError(403, "You've been logged out by the server. Please log in again.");
    return { user, token: body.resume };
  }
  throw new LoginError(400, 'Unrecognized options for login request');
}

export const loginRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/api/v1/login',
    auth: 'none',
    handler: async (ctx) => {
      try {
        const { user, token } = await login(ctx);
        return ok({ status: 'success', data: { userId: user._id, authToken: token, me: meView(ctx.app, user) } });
      } catch (error) {
        if (error instanceof LoginError) throw loginFailure(error.error, error.reason, error.details);
        if (error instanceof TwoFactorError) throw loginFailure(error.code, error.reason, error.details);
        throw error;
      }
    },
  },
  {
    method: 'POST',
    path: '/api/v1/logout',
    auth: 'required',
    userWithoutUsername: true,
    handler: ({ app, user, hashedToken }) => {
      if (user) removeTokens(app, user, (t) => t.hashedToken === hashedToken);
      const message = { status: 'success', data: { message: "You've been logged out!" } };
      // §2: the current router drops the handler's object, so 8.x replies with an empty 200.
      return app.compat === 7 ? { body: message } : { raw: '' };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/me',
    auth: 'required',
    userWithoutUsername: true,
    handler: (ctx) => ok(meView(ctx.app, caller(ctx))),
  },
];
