// /_dev/* controls, only with --dev (otherwise the 404 envelope). Shapes are
// documented in README.md.
import { addPersonalAccessToken, issueToken, removeTokens } from '../auth/tokens';
import { asRecord } from '../http/body';
import { ApiError, notFound } from '../http/envelope';
import { ok } from '../http/router';
import type { RequestContext, RouteDef } from '../http/router';
import { randomId } from '../ids';
import { patchSettings } from '../state/settings';
import { rawUserDocument } from '../views/me';
import { parseFault } from './faults';
import type { Fault } from './faults';
import { patchUser } from './userPatch';

const badRequest = (problems: string[]) => new ApiError(400, { success: false, error: problems.join('; ') });

function userParam(ctx: RequestContext) {
  const user = ctx.app.store.byId(decodeURIComponent(ctx.params.id ?? ''));
  if (!user) throw notFound();
  return user;
}

/**
 * POST /_dev/users {username, name?, updatedAt?}: a new person, as an admin's users.create would
 * add them; `updatedAt` (ISO) dates them in the past, as an import that keeps the source's dates.
 */
function addUser(ctx: RequestContext) {
  const { username, name, updatedAt } = asRecord(ctx.body);
  if (typeof username !== 'string' || username === '' || ctx.app.store.byUsernameInsensitive(username)) {
    throw badRequest(['username must be a new, non-empty string']);
  }
  if (name !== undefined && typeof name !== 'string') throw badRequest(['name must be a string']);
  const at = typeof updatedAt === 'string' ? new Date(updatedAt) : ctx.app.clock.date();
  if (Number.isNaN(at.getTime())) throw badRequest(['updatedAt must be an ISO date']);
  const user = { _id: randomId(), createdAt: at, _updatedAt: at, type: 'user', active: true, roles: ['user'], username, services: {} };
  ctx.app.store.insertUser(name === undefined ? user : { ...user, name });
  return ok({ user: rawUserDocument(ctx.app, ctx.app.store.byId(user._id)!) });
}

function addFaults(ctx: RequestContext) {
  const body = ctx.body;
  const inputs = Array.isArray(body) ? body : Array.isArray(asRecord(body).faults) ? (asRecord(body).faults as unknown[]) : [body];
  const parsed: Fault[] = [];
  for (const input of inputs) {
    const fault = parseFault(input);
    if (typeof fault === 'string') throw badRequest([fault]);
    parsed.push(fault);
  }
  for (const fault of parsed) ctx.app.faults.add(fault);
  return ok({ faults: ctx.app.faults.faults });
}

const RATE_LIMIT_KEYS = /Rate_Limit/;

export const devRoutes: RouteDef[] = [
  { method: 'GET', path: '/_dev/mailbox', handler: (ctx) => ok({ messages: ctx.app.mailer.to(ctx.query.to ?? null) }) },
  {
    method: 'DELETE',
    path: '/_dev/mailbox',
    handler: (ctx) => {
      ctx.app.mailer.clear();
      return ok();
    },
  },
  { method: 'GET', path: '/_dev/faults', handler: (ctx) => ok({ faults: ctx.app.faults.faults }) },
  { method: 'POST', path: '/_dev/faults', handler: addFaults },
  {
    method: 'DELETE',
    path: '/_dev/faults',
    handler: (ctx) => {
      ctx.app.faults.clear();
      return ok();
    },
  },
  { method: 'GET', path: '/_dev/requests', handler: (ctx) => ok({ requests: ctx.app.requestLog.entries }) },
  {
    method: 'DELETE',
    path: '/_dev/requests',
    handler: (ctx) => {
      ctx.app.requestLog.clear();
      return ok();
    },
  },
  { method: 'GET', path: '/_dev/settings', handler: (ctx) => ok({ settings: ctx.app.settings }) },
  {
    method: 'POST',
    path: '/_dev/settings',
    handler: (ctx) => {
      const problems = patchSettings(ctx.app.settings, ctx.body);
      if (problems.length > 0) throw badRequest(problems);
      // New limits start from fresh windows.
      if (Object.keys(asRecord(ctx.body)).some((k) => RATE_LIMIT_KEYS.test(k))) ctx.app.limiter.clear();
      return ok({ settings: ctx.app.settings });
    },
  },
  { method: 'GET', path: '/_dev/clock', handler: (ctx) => ok({ now: ctx.app.clock.date().toISOString(), offsetMs: ctx.app.clock.offset }) },
  {
    method: 'POST',
    path: '/_dev/clock',
    handler: (ctx) => {
      const advanceMs = asRecord(ctx.body).advanceMs;
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs)) throw badRequest(['advanceMs must be a number']);
      ctx.app.clock.advance(advanceMs);
      return ok({ now: ctx.app.clock.date().toISOString(), offsetMs: ctx.app.clock.offset });
    },
  },
  {
    method: 'POST',
    path: '/_dev/reset',
    handler: async (ctx) => {
      await ctx.app.reset();
      return ok();
    },
  },
  { method: 'POST', path: '/_dev/users', handler: addUser },
  { method: 'GET', path: /^\/_dev\/users\/(?<id>[^/]+)$/, handler: (ctx) => ok({ user: rawUserDocument(ctx.app, userParam(ctx)) }) },
  {
    method: 'POST',
    path: /^\/_dev\/users\/(?<id>[^/]+)$/,
    handler: async (ctx) => {
      const user = userParam(ctx);
      const problems = await patchUser(ctx.app, user, ctx.body);
      if (problems.length > 0) throw badRequest(problems);
      return ok({ user: rawUserDocument(ctx.app, user) });
    },
  },
  {
    // As an admin's users.delete: the person is gone from every list.
    method: 'DELETE',
    path: /^\/_dev\/users\/(?<id>[^/]+)$/,
    handler: (ctx) => {
      ctx.app.store.removeUser(userParam(ctx)._id);
      return ok();
    },
  },
  {
    method: 'DELETE',
    path: /^\/_dev\/users\/(?<id>[^/]+)\/tokens$/,
    handler: (ctx) => ok({ removed: removeTokens(ctx.app, userParam(ctx), () => true) }),
  },
  {
    method: 'POST',
    path: /^\/_dev\/users\/(?<id>[^/]+)\/tokens$/,
    handler: (ctx) => {
      const user = userParam(ctx);
      const { type, name, bypassTwoFactor } = asRecord(ctx.body);
      if (type === undefined) return ok({ userId: user._id, authToken: issueToken(ctx.app, user) });
      // A personal access token without the 2FA-gated route (tests of PAT sign-in).
      if (type !== 'personalAccessToken' || typeof name !== 'string' || name === '') {
        throw badRequest(["type must be 'personalAccessToken' with a non-empty name"]);
      }
      const authToken = addPersonalAccessToken(ctx.app, user, name, bypassTwoFactor === true);
      return ok({ userId: user._id, authToken });
    },
  },
];
