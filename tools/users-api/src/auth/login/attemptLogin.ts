// Meteor's `login` method as Rocket.Chat runs it: the handlers in turn (the `totp` wrapper
// first unwraps `{totp: {login, code}}`), then validateLoginAttempt (LDAP's password block,
// account checks) and the 2FA check of onValidateLogin, which skips resume and CAS logins
// (server/lib/2fa/loginHandler.ts). §1, docs/sign-in.md.
import { hasPermission } from '../permissions';
import { isPlainObject } from '../../http/body';
import type { RequestContext } from '../../http/router';
import { hashLoginToken } from '../../ids';
import { verifiedEmails } from '../../twofactor/emailCode';
import { checkCodeForUser } from '../../twofactor/gate';
import { crowdHandler } from './crowdHandler';
import { ldapHandler } from './ldapHandler';
import { LoginError } from './loginError';
import type { LoginHandler, LoginResult } from './loginHandler';
import { passwordHandler } from './passwordHandler';
import { casHandler, oauthHandler, samlHandler } from './ssoHandlers';

const resumeHandler: LoginHandler = async (ctx, args) => {
  if (typeof args.resume !== 'string') return undefined;
  // §1: {resume} returns the same token, without any 2FA.
  const user = ctx.app.store.byHashedToken(hashLoginToken(args.resume));
  if (!user) throw new LoginError(403, "You've been logged out by the server. Please log in again.");
  return { type: 'resume', user, resumeToken: args.resume };
};

const HANDLERS: LoginHandler[] = [resumeHandler, passwordHandler, ldapHandler, crowdHandler, casHandler, samlHandler, oauthHandler];

async function runHandlers(ctx: RequestContext, args: Record<string, unknown>): Promise<LoginResult> {
  for (const handler of HANDLERS) {
    const result = await handler(ctx, args);
    if (result) return result;
  }
  throw new LoginError(400, 'Unrecognized options for login request');
}

/** The `{totp: {login, code}}` wrapper; its code is the one onValidateLogin checks. */
function unwrapTotp(args: Record<string, unknown>): { login: Record<string, unknown>; code: string | undefined } {
  const totp = args.totp;
  if (isPlainObject(totp) && typeof totp.code === 'string' && totp.code !== '') {
    return { login: isPlainObject(totp.login) ? totp.login : {}, code: totp.code };
  }
  return { login: args, code: undefined };
}

function validate(ctx: RequestContext, result: LoginResult): void {
  const { app } = ctx;
  const { user } = result;
  // beforeValidateLogin 'validateLdapLoginFallback': on LDAP workspaces, LDAP users may use their
  // local password only with LDAP_Login_Fallback.
  if (app.settings.LDAP_Enable && result.type === 'password' && user.services.ldap && !app.settings.LDAP_Login_Fallback) {
    throw new LoginError(403, 'Login forbidden');
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
}

export async function attemptLogin(ctx: RequestContext, args: Record<string, unknown>): Promise<LoginResult> {
  const { login, code } = unwrapTotp(args);
  const result = await runHandlers(ctx, login);
  validate(ctx, result);
  if (result.type !== 'resume' && result.type !== 'cas') {
    // §1: TOTP if the user has it, else email; no password fallback at login.
    await checkCodeForUser(ctx.app, result.user, code, undefined, { disablePasswordFallback: true });
  }
  if (result.blockKey !== undefined) ctx.app.loginBlocks.recordSuccess(result.blockKey, ctx.ip);
  return result;
}
