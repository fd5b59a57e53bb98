// Personal access tokens (apps/meteor/app/api/server/v1/users.ts and
// imports/personal-access-tokens/server/api/methods): generate, regenerate and remove are
// 2FA-gated; the token is used like a login token (X-User-Id + X-Auth-Token) and never expires.
import { hasPermission } from '../auth/permissions';
import { addPersonalAccessToken, personalAccessTokens, removeTokens } from '../auth/tokens';
import { asRecord } from '../http/body';
import { plain, thrown } from '../http/envelope';
import { caller, ok } from '../http/router';
import type { RequestContext, RouteDef } from '../http/router';
import type { UserDoc } from '../state/types';

type Method = 'generateToken' | 'regenerateToken' | 'removeToken';

/**
 * 7.x's handlers refuse an empty or missing name themselves; 8.x leaves it to the body schema,
 * which wants a string but no length, so an empty name is a name there
 * (apps/meteor/server/api/v1/users.ts, tokenNameBodySchema).
 */
function tokenNameOf(ctx: RequestContext): string {
  const { tokenName } = asRecord(ctx.body);
  if (ctx.app.compat === 7 && !tokenName) throw plain("The 'tokenName' param is required");
  return String(tokenName);
}

function assertAllowed(ctx: RequestContext, user: UserDoc, method: Method): void {
  if (!hasPermission(ctx.app, user, 'create-personal-access-tokens')) {
    throw thrown('not-authorized', 'Not Authorized', { method: `personalAccessTokens:${method}` });
  }
}

const findToken = (user: UserDoc, name: string) => personalAccessTokens(user).find((t) => t.name === name);

function assertExists(user: UserDoc, name: string, method: Method) {
  const token = findToken(user, name);
  if (!token) throw thrown('error-token-does-not-exists', 'Token does not exist', { method: `personalAccessTokens:${method}` });
  return token;
}

function generate(ctx: RequestContext, user: UserDoc, name: string, bypassTwoFactor: boolean): string {
  assertAllowed(ctx, user, 'generateToken');
  if (findToken(user, name)) {
    throw thrown('error-token-already-exists', 'A token with this name already exists', { method: 'personalAccessTokens:generateToken' });
  }
  return addPersonalAccessToken(ctx.app, user, name, bypassTwoFactor);
}

function remove(ctx: RequestContext, user: UserDoc, name: string): void {
  assertAllowed(ctx, user, 'removeToken');
  assertExists(user, name, 'removeToken');
  removeTokens(ctx.app, user, (t) => t.type === 'personalAccessToken' && t.name === name);
}

export const personalAccessTokenRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/api/v1/users.generatePersonalAccessToken',
    auth: 'required',
    twoFactorRequired: true,
    handler: (ctx) => {
      const name = tokenNameOf(ctx);
      return ok({ token: generate(ctx, caller(ctx), name, asRecord(ctx.body).bypassTwoFactor === true) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.regeneratePersonalAccessToken',
    auth: 'required',
    twoFactorRequired: true,
    handler: (ctx) => {
      const name = tokenNameOf(ctx);
      const user = caller(ctx);
      assertAllowed(ctx, user, 'regenerateToken');
      const bypass = assertExists(user, name, 'regenerateToken').bypassTwoFactor === true;
      remove(ctx, user, name);
      return ok({ token: generate(ctx, user, name, bypass) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.getPersonalAccessTokens',
    auth: 'required',
    permissions: ['create-personal-access-tokens'],
    handler: (ctx) =>
      ok({
        tokens: personalAccessTokens(caller(ctx)).map((t) => ({
          name: t.name,
          createdAt: t.createdAt?.toISOString(),
          lastTokenPart: t.lastTokenPart,
          bypassTwoFactor: Boolean(t.bypassTwoFactor),
        })),
      }),
  },
  {
    method: 'POST',
    path: '/api/v1/users.removePersonalAccessToken',
    auth: 'required',
    twoFactorRequired: true,
    handler: (ctx) => {
      remove(ctx, caller(ctx), tokenNameOf(ctx));
      return ok();
    },
  },
];
