// Route table types and matching. A route declares what the pipeline must do
// before its handler runs (auth, permissions, rate limit, 2FA) — PROTOCOL §7; which
// validator checks its parameters is in validation/routeParams.ts.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { App } from '../app';
import type { Settings } from '../state/settings';
import type { LoginToken, UserDoc } from '../state/types';
import type { RateLimitRule } from './rateLimit';
import { isAtLeast, type Release } from '../release';

export interface RequestContext {
  app: App;
  req: IncomingMessage;
  method: string;
  path: string;
  params: Record<string, string>;
  /** First value of each query parameter. */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  ip: string;
  rawBody: Buffer;
  body: unknown;
  user?: UserDoc;
  /** The caller's token, plain and hashed, when authenticated. */
  token?: string;
  hashedToken?: string;
  /** The caller's stored token (a login token or a personal access token). */
  loginToken?: LoginToken;
  /** Extra headers for the reply (rate-limit headers). */
  replyHeaders: Record<string, string>;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** Raw payload (images, or an empty logout reply); `body` is ignored when set. */
  raw?: Buffer | string;
  headers?: Record<string, string>;
}

export interface RateSpec {
  per: 'ip' | 'user';
  rule: (s: Settings) => RateLimitRule | undefined;
}

export interface RouteDef {
  method: 'GET' | 'POST' | 'DELETE';
  path: string | RegExp;
  /** The release that added the route ("8.8"); older releases answer 404 as for any unknown route. */
  since?: string;
  auth?: 'required' | 'optional' | 'none';
  /** Routes that users without a username may call (login, me); a function when it depends on the line imitated. */
  userWithoutUsername?: boolean | ((app: App) => boolean);
  /** Declared permissions: missing ones give the §7 "permissions required" 403. */
  permissions?: string[];
  /** Defaults to the general limit for /api/v1 routes (§7); `false` for none. */
  rateLimit?: false | RateSpec;
  /** A licence module the route needs (`license:` in Rocket.Chat's route options), checked after the permissions. */
  license?: 'device-management';
  /** Reads x-2fa-code / x-2fa-method (§5 "Where it applies"). */
  twoFactorRequired?: boolean;
  /** Cache-Control: no-store + Pragma: no-cache (§0). Defaults to true. */
  apiHeaders?: boolean;
  handler(ctx: RequestContext): Promise<Reply> | Reply;
}

/** The authenticated caller (routes with `auth: 'required'` always have one). */
export function caller(ctx: RequestContext): UserDoc {
  if (!ctx.user) throw new Error('route used caller() without auth');
  return ctx.user;
}

/** API.v1.success: adds `success: true` to the object. */
export const ok = (body: Record<string, unknown> = {}): Reply => ({ body: { ...body, success: true } });

export function matchRoute(
  routes: RouteDef[],
  method: string,
  path: string,
  release: Release,
): { route: RouteDef; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    if (route.since !== undefined && !isAtLeast(release, route.since)) continue;
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, params: {} };
      continue;
    }
    const m = route.path.exec(path);
    if (m) return { route, params: { ...(m.groups ?? {}) } };
  }
  return undefined;
}

export const generalRateLimit: RateSpec = {
  per: 'ip',
  rule: (s) =>
    s.API_Enable_Rate_Limiter
      ? { limit: s.API_Enable_Rate_Limiter_Limit_Calls_Default, windowMs: s.API_Enable_Rate_Limiter_Limit_Time_Default }
      : undefined,
};

/** A route-specific limit that still obeys the API_Enable_Rate_Limiter switch. */
export const fixedRateLimit = (limit: number, windowMs: number): RateSpec => ({
  per: 'ip',
  rule: (s) => (s.API_Enable_Rate_Limiter ? { limit, windowMs } : undefined),
});
