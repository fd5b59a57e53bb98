// POST /api/v1/login (§1; LDAP, Crowd, SSO and the 2FA wrapper in docs/sign-in.md),
// POST /api/v1/logout (also removes a personal access token it is called with) and GET /api/v1/me (§2).
import { attemptLogin } from '../auth/login/attemptLogin';
import { InternalLoginError, LoginError, loginFailure } from '../auth/login/loginError';
import { restLoginArgs } from '../auth/login/restLoginArgs';
import { recordSession } from '../auth/deviceSessions';
import { issueToken, removeTokens } from '../auth/tokens';
import { hashLoginToken } from '../ids';
import { asRecord } from '../http/body';
import { caller, ok } from '../http/router';
import type { RequestContext, RouteDef } from '../http/router';
import type { UserDoc } from '../state/types';
import { TwoFactorError } from '../twofactor/gate';
import { meView } from '../views/me';

const header = (ctx: RequestContext, name: string): string | undefined => {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

async function login(ctx: RequestContext): Promise<{ user: UserDoc; token: string }> {
  const { app } = ctx;
  const args = restLoginArgs(asRecord(ctx.body), header(ctx, 'x-2fa-code') || undefined, app.settings);
  const { user, resumeToken } = await attemptLogin(ctx, args);
  if (resumeToken !== undefined) {
    noteSession(ctx, user, resumeToken);
    return { user, token: resumeToken };
  }
  user.lastLogin = app.clock.date();
  const token = issueToken(app, user);
  noteSession(ctx, user, token);
  app.store.touch(user);
  return { user, token };
}

/** Every login, a resume included, records a device session for its token (SAUMonitor's accounts.login). */
function noteSession(ctx: RequestContext, user: UserDoc, token: string): void {
  const hashed = hashLoginToken(token);
  const stored = user.services.resume?.loginTokens.find((t) => t.hashedToken === hashed);
  if (!stored || stored.type === 'personalAccessToken') return;
  recordSession(ctx.app, stored, { ip: ctx.ip, host: header(ctx, 'host'), userAgent: header(ctx, 'user-agent') });
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
        if (error instanceof LoginError || error instanceof InternalLoginError) throw loginFailure(error);
        if (error instanceof TwoFactorError) throw loginFailure(new LoginError(error.code, error.reason, error.details));
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
