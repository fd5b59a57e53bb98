// sessions/list and sessions/logout.me (apps/meteor/ee/server/api/sessions.ts): the caller's own
// device sessions, behind the enterprise licence's `device-management` module — without it the
// licence middleware answers first (apps/meteor/ee/server/api/v1/middlewares/license.ts).
import { sessionTokens } from '../auth/deviceSessions';
import { removeTokens } from '../auth/tokens';
import { asRecord } from '../http/body';
import { ApiError, plain } from '../http/envelope';
import { compareBy, pageOf, parseSort, slicePage } from '../http/paging';
import { caller, ok } from '../http/router';
import type { RouteDef } from '../http/router';
import type { DeviceSession } from '../state/types';

const SORT_KEYS = ['loginAt', 'device.name', 'device.os.name', 'device.os.version', '_user.name', '_user.username'];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** SAUMonitor's searchTerm: device name, device type, OS name, session id and user id run together. */
const searchTerm = (session: DeviceSession, userId: string): string =>
  [session.device?.name, session.device?.type, session.device?.os.name, session.sessionId, userId].filter(Boolean).join('');

function sortValue(session: DeviceSession, key: string): unknown {
  if (key === 'loginAt') return session.loginAt;
  if (key === 'device.name') return session.device?.name;
  if (key === 'device.os.name') return session.device?.os.name;
  if (key === 'device.os.version') return session.device?.os.version;
  return undefined;
}

export const deviceSessionRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/api/v1/sessions/list',
    auth: 'required',
    license: 'device-management',
    handler: (ctx) => {
      const me = caller(ctx);
      const page = pageOf(ctx.app.settings, ctx.query);
      const sort = parseSort(ctx.query.sort) ?? { loginAt: -1 };
      if (!Object.keys(sort).every((key) => SORT_KEYS.includes(key))) throw plain('error-invalid-sort-keys');
      const filter = ctx.query.filter ? new RegExp(escapeRegExp(ctx.query.filter), 'i') : undefined;
      const matching = sessionTokens(me)
        .map((t) => t.session)
        .filter((s) => !filter || filter.test(searchTerm(s, me._id)))
        .sort(compareBy((s) => s.loginAt, -1));
      // The aggregation pages the newest-first list and only then applies the caller's sort.
      const shown = slicePage(matching, page);
      for (const [key, direction] of Object.entries(sort).reverse()) shown.sort(compareBy((s) => sortValue(s, key), direction));
      return ok({
        sessions: shown.map((s) => ({
          _id: s.sessionId,
          sessionId: s.sessionId,
          userId: me._id,
          ...(s.device && { device: s.device }),
          host: s.host,
          ip: s.ip,
          loginAt: s.loginAt.toISOString(),
        })),
        total: matching.length,
        count: page.count,
        offset: page.offset,
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/sessions/logout.me',
    auth: 'required',
    license: 'device-management',
    handler: (ctx) => {
      const me = caller(ctx);
      const sessionId = String(asRecord(ctx.body).sessionId);
      const target = sessionTokens(me).find((t) => t.session.sessionId === sessionId);
      if (!target) throw new ApiError(404, { success: false, error: 'Session not found' });
      // Users.unsetOneLoginToken: that token stops working at once, whichever device holds it.
      removeTokens(ctx.app, me, (t) => t === target.token);
      return ok({ sessionId });
    },
  },
];
