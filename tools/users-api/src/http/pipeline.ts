// One request, start to finish: faults → routing → body → auth (401) → username check →
// permissions (403) → licence (400) → typed route's validator (400) → rate limit (429) → validateParams (400)
// → route 2FA → handler. The order follows Rocket.Chat's router (§0, §7); every reply is logged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { App } from '../app';
import type { Fault } from '../dev/faults';
import { hasPermission } from '../auth/permissions';
import { findSession } from '../auth/tokens';
import { hashLoginToken } from '../ids';
import { MailerError } from '../state/mailer';
import { TwoFactorError, checkCodeForUser } from '../twofactor/gate';
import { parseBody, readRawBody } from './body';
import {
  API_HEADERS,
  ApiError,
  INTERNAL_ERROR_BODY,
  enterpriseOnly,
  forbidden,
  missingPermission,
  notFound,
  thrown,
  unauthorized,
} from './envelope';
import { generalRateLimit, matchRoute } from './router';
import type { Reply, RequestContext, RouteDef } from './router';
import { ValidatorRejection, checkParams } from '../validation/checkParams';
import { paramsCheckFor } from '../validation/routeParams';

const STATUS_BODIES: Record<number, Record<string, unknown>> = {
  401: unauthorized().body,
  403: forbidden().body,
  404: notFound().body,
  500: INTERNAL_ERROR_BODY,
  503: { success: false, error: 'Service Unavailable' },
};

function send(res: ServerResponse, status: number, reply: Reply, extraHeaders: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
  let payload: Buffer | string;
  if (reply.raw !== undefined) {
    payload = reply.raw;
  } else {
    payload = JSON.stringify(reply.body ?? {});
    headers['Content-Type'] = 'application/json';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(status, headers);
  res.end(payload);
}

function clientIp(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || '127.0.0.1';
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Returns the status sent, or undefined when the call should go on (delay-only fault). */
async function applyFault(
  app: App,
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<number | undefined> {
  if (fault.delayMs) await sleep(fault.delayMs, undefined, { signal });
  if (fault.reset) {
    req.socket.destroy();
    return 0;
  }
  if (fault.malformedJson) {
    const status = fault.status ?? 200;
    send(res, status, { raw: '{"success":true,"user":{"_id":', headers: { 'Content-Type': 'application/json' } }, API_HEADERS);
    return status;
  }
  if (fault.status !== undefined) {
    const body = STATUS_BODIES[fault.status] ?? { success: fault.status < 400, error: `Injected fault ${fault.status}` };
    send(res, fault.status, { body }, API_HEADERS);
    return fault.status;
  }
  return undefined;
}

async function authenticate(ctx: RequestContext, route: RouteDef): Promise<void> {
  const userId = header(ctx.req, 'x-user-id');
  const token = header(ctx.req, 'x-auth-token');
  const session = userId && token ? findSession(ctx.app, userId, token) : undefined;
  if (session) {
    ctx.user = session.user;
    ctx.token = token;
    ctx.hashedToken = hashLoginToken(token ?? '');
    ctx.loginToken = session.token;
  }
  if ((route.auth ?? 'none') !== 'required') return;
  if (!ctx.user) throw unauthorized();
  const withoutUsername = typeof route.userWithoutUsername === 'function' ? route.userWithoutUsername(ctx.app) : route.userWithoutUsername;
  if (!ctx.user.username && !withoutUsername) {
    throw new ApiError(403, { success: false, error: 'Users must have a username [error-unauthorized]' });
  }
  for (const permission of route.permissions ?? []) {
    if (!hasPermission(ctx.app, ctx.user, permission)) throw missingPermission();
  }
  if (route.license === 'device-management' && !ctx.app.settings.Dev_License_Device_Management) throw enterpriseOnly();
}

function enforceRateLimit(ctx: RequestContext, route: RouteDef): void {
  const spec = route.rateLimit === undefined ? (ctx.path.startsWith('/api/v1/') ? generalRateLimit : false) : route.rateLimit;
  if (!spec) return;
  const rule = spec.rule(ctx.app.settings);
  if (!rule) return;
  // §7: holders of api-bypass-rate-limit (admin, bot, app) are exempt.
  if (ctx.user && hasPermission(ctx.app, ctx.user, 'api-bypass-rate-limit')) return;
  const who = spec.per === 'user' && ctx.user ? `user:${ctx.user._id}` : `ip:${ctx.ip}`;
  const headers = ctx.app.limiter.hit(`${ctx.method} ${ctx.path} ${who}`, rule);
  Object.assign(ctx.replyHeaders, headers);
}

function toErrorReply(error: unknown): { status: number; reply: Reply } {
  if (error instanceof ApiError) return { status: error.status, reply: { body: error.body, headers: error.headers } };
  if (error instanceof TwoFactorError) return { status: 400, reply: { body: thrown(error.code, error.reason, error.details).body } };
  if (error instanceof MailerError) {
    return { status: 400, reply: { body: thrown('error-email-send-failed', `Error trying to send email: ${error.message}`).body } };
  }
  console.error('[users-api] unexpected error:', error);
  return { status: 500, reply: { body: INTERNAL_ERROR_BODY } };
}

export function createRequestHandler(app: App, routes: RouteDef[], devRoutes: RouteDef[], signal: AbortSignal) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // handle() answers every failure itself (a 500 at worst); Node's handler has no promise to take.
    void handle(app, routes, devRoutes, req, res, signal);
  };
}

async function handle(
  app: App,
  routes: RouteDef[],
  devRoutes: RouteDef[],
  req: IncomingMessage,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  const isDev = path === '/_dev' || path.startsWith('/_dev/');
  let status = 500;
  let headers: Record<string, string> = { ...API_HEADERS };
  let loggedBody: unknown;
  let rejection: ValidatorRejection | undefined;
  try {
    const rawBody = await readRawBody(req);
    if (method === 'POST') loggedBody = jsonForLog(rawBody);
    if (!isDev) {
      const fault = app.faults.take(method, path);
      const faulted = fault ? await applyFault(app, fault, req, res, signal) : undefined;
      if (faulted !== undefined) {
        status = faulted;
        return;
      }
    }
    const found = matchRoute(isDev && !app.dev ? [] : isDev ? devRoutes : routes, method, path, app.release);
    if (!found) throw notFound();
    const { route, params } = found;
    if (route.apiHeaders === false) headers = {};
    const ctx: RequestContext = {
      app,
      req,
      method,
      path,
      params,
      query: Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.get(k) ?? ''])),
      headers: req.headers,
      ip: clientIp(req),
      rawBody,
      body: {},
      replyHeaders: {},
    };
    try {
      ctx.body = parseBody(header(req, 'content-type'), rawBody);
      await authenticate(ctx, route);
      const params = paramsCheckFor(route.method, route.path, app.release);
      if (params?.style === 'typed') checkParams(ctx, params, app.validators);
      enforceRateLimit(ctx, route);
      if (params?.style === 'validateParams') checkParams(ctx, params, app.validators);
      if (route.twoFactorRequired && ctx.user) {
        const code = header(req, 'x-2fa-code');
        const twoFactorMethod = header(req, 'x-2fa-method');
        await checkCodeForUser(app, ctx.user, code || undefined, twoFactorMethod || undefined, { token: ctx.loginToken });
      }
      const reply = await route.handler(ctx);
      status = reply.status ?? 200;
      send(res, status, reply, { ...headers, ...ctx.replyHeaders });
    } catch (error) {
      if (error instanceof ValidatorRejection) rejection = error;
      const failure = toErrorReply(error);
      status = failure.status;
      send(res, status, failure.reply, { ...API_HEADERS, ...ctx.replyHeaders });
    }
  } catch (error) {
    // A client that went away mid-request, or a server shutting down, gets no reply.
    if (signal.aborted || res.destroyed || req.socket.destroyed) {
      status = 0;
      res.destroy();
      return;
    }
    const failure = toErrorReply(error);
    status = failure.status;
    send(res, status, failure.reply, API_HEADERS);
  } finally {
    if (!isDev)
      app.requestLog.add({
        method,
        path,
        status,
        at: app.clock.date().toISOString(),
        ...(loggedBody !== undefined && { body: loggedBody }),
        ...(url.searchParams.has('sort') && { sort: url.searchParams.get('sort')! }),
        ...(secondFactorOf(req) && { secondFactor: secondFactorOf(req) }),
        ...(rejection && { rejectedBy: 'validator' as const, messages: rejection.messages }),
      });
  }
}

/** Which second factor a request carried, for the log: the method only, when both headers are there. */
function secondFactorOf(req: IncomingMessage): string | undefined {
  const method = header(req, 'x-2fa-method');
  return method && header(req, 'x-2fa-code') ? method : undefined;
}

const SECRET_KEYS =
  /^(password|currentPassword|newPassword|code|digest|authToken|token|resume|ldapPass|crowdPassword|credentialToken|credentialSecret)$/i;

/** A JSON request body for /_dev/requests, with secrets replaced (clients' tests read it). */
function jsonForLog(raw: Buffer): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  const redact = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(redact);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, SECRET_KEYS.test(key) ? '[redacted]' : redact(inner)]));
  };
  return redact(value);
}
