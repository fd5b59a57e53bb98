// users.logoutOtherClients, users.logout, users.removeOtherTokens (§2 "Related logout calls").
import { hasPermission } from '../auth/permissions';
import { removeAllOtherTokens, removeOtherLoginTokens, removeTokens, tokenExpiry } from '../auth/tokens';
import { asRecord } from '../http/body';
import { forbidden, thrown } from '../http/envelope';
import { caller, ok } from '../http/router';
import type { RouteDef } from '../http/router';

export const sessionRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/api/v1/users.logoutOtherClients',
    auth: 'required',
    handler: (ctx) => {
      const me = caller(ctx);
      removeOtherLoginTokens(ctx.app, me, ctx.hashedToken);
      const current = me.services.resume?.loginTokens.find((t) => t.hashedToken === ctx.hashedToken);
      const expires = current ? tokenExpiry(ctx.app, current) : undefined;
      // tokenExpires is an ISO date or "" (§2, §8.7).
      return ok({ token: ctx.token, tokenExpires: expires ? expires.toISOString() : '' });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.logout',
    auth: 'required',
    handler: (ctx) => {
      const me = caller(ctx);
      const userId = asRecord(ctx.body).userId;
      const targetId = typeof userId === 'string' && userId !== '' ? userId : me._id;
      if (targetId !== me._id && !hasPermission(ctx.app, me, 'logout-other-user')) throw forbidden();
      const target = ctx.app.store.byId(targetId);
      if (!target) throw thrown('error-invalid-user-id', 'Invalid user id');
      removeTokens(ctx.app, target, () => true);
      return ok({ message: `User ${targetId} has been logged out!` });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.removeOtherTokens',
    auth: 'required',
    handler: (ctx) => {
      removeAllOtherTokens(ctx.app, caller(ctx), ctx.hashedToken);
      return ok();
    },
  },
];
