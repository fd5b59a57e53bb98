// users.setStatus, users.getStatus, users.getPresence (§6 "Status").
import { hasPermission } from '../auth/permissions';
import { asRecord } from '../http/body';
import { forbidden, plain, thrown } from '../http/envelope';
import { caller, fixedRateLimit, ok } from '../http/router';
import type { RequestContext, RouteDef } from '../http/router';
import { chooseStatus } from '../state/presence';
import type { UserDoc } from '../state/types';
import { hasUserParam, userFromParams } from './userParams';

const STATUSES = ['online', 'away', 'busy', 'offline'];

function targetOf(ctx: RequestContext, params: Record<string, unknown>): UserDoc {
  return hasUserParam(params) ? userFromParams(ctx.app, params) : caller(ctx);
}

function setStatus(ctx: RequestContext) {
  const { app } = ctx;
  const body = asRecord(ctx.body);
  const { status, message, expiresAt } = body;
  if (status === undefined && message === undefined) {
    throw plain('Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation');
  }
  // On the current line the validator refuses any other status first (validation/routeParams.ts).
  if (status !== undefined && (typeof status !== 'string' || !STATUSES.includes(status))) {
    throw thrown('error-invalid-status', 'Valid status types include online, away, offline, and busy.', { method: 'users.setStatus' });
  }
  const me = caller(ctx);
  const target = targetOf(ctx, body);
  if (target._id !== me._id && !hasPermission(app, me, 'edit-other-user-info')) throw forbidden();
  // 7.x refuses even a status-only change when message changes are disabled.
  if (!app.settings.Accounts_AllowUserStatusMessageChange && (message !== undefined || app.compat === 7)) {
    throw thrown('error-not-allowed', 'Change status is not allowed', { method: 'users.setStatus' });
  }
  let expires: Date | undefined;
  if (expiresAt !== undefined && expiresAt !== null) {
    expires = new Date(String(expiresAt));
    if (Number.isNaN(expires.getTime()) || expires.getTime() <= app.clock.now()) {
      throw thrown('error-invalid-date', 'expiresAt must be a future date', { method: 'users.setStatus' });
    }
  }
  // Without a status (a message alone) the person's earlier choice stays: statusDefault, not the
  // status others see, which for a REST-only client reads offline (apps/meteor/server/api/v1/users.ts).
  const chosen = typeof status === 'string' ? status : (target.statusDefault ?? 'online');
  if (chosen === 'offline' && !app.settings.Accounts_AllowInvisibleStatusOption) {
    throw thrown('error-status-not-allowed', 'Invisible status is disabled', { method: 'users.setStatus' });
  }
  if (typeof message === 'string') target.statusText = message.slice(0, 120);
  chooseStatus(target, chosen);
  if (typeof status === 'string') target.statusSource = 'user';
  if (expires) target.statusExpiresAt = expires;
  else delete target.statusExpiresAt;
  app.store.touch(target);
  return ok();
}

export const statusRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/api/v1/users.setStatus',
    auth: 'required',
    rateLimit: fixedRateLimit(5, 60_000),
    handler: setStatus,
  },
  {
    method: 'GET',
    path: '/api/v1/users.getStatus',
    auth: 'required',
    handler: (ctx) => {
      const target = targetOf(ctx, ctx.query);
      const self = target._id === caller(ctx)._id;
      return ok({
        _id: target._id,
        status: target.status ?? 'offline',
        ...(self && { connectionStatus: target.statusConnection ?? 'offline' }),
        ...(target.statusSource !== undefined && { statusSource: target.statusSource }),
        ...(target.statusExpiresAt !== undefined && { statusExpiresAt: target.statusExpiresAt }),
      });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.getPresence',
    auth: 'required',
    handler: (ctx) => {
      const target = targetOf(ctx, ctx.query);
      const self = target._id === caller(ctx)._id;
      return ok({
        presence: target.status ?? 'offline',
        ...(self && { connectionStatus: target.statusConnection ?? 'offline' }),
        ...(self && target.lastLogin !== undefined && { lastLogin: target.lastLogin }),
      });
    },
  },
];
