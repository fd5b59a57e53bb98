// GET /api/v1/users.info (§3).
import { hasPermission } from '../auth/permissions';
import { plain } from '../http/envelope';
import { caller, ok } from '../http/router';
import type { RouteDef } from '../http/router';
import { isAtLeast } from '../release';
import type { UserDoc } from '../state/types';
import { userInfoView } from '../views/userInfo';

const KEYS_BEFORE_8_6 = ['userId', 'username', 'importId'];
/** Lookups by email and by phone extension came in 8.6 (rest-typings 8.6.1's UsersInfoParamsGet; 8.0.0's has neither). */
const KEYS_FROM_8_6 = [...KEYS_BEFORE_8_6, 'email', 'freeSwitchExtension'];

export const usersInfoRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/api/v1/users.info',
    auth: 'required',
    handler: (ctx) => {
      const { app, query } = ctx;
      const me = caller(ctx);
      const keys = isAtLeast(app.release, '8.6') ? KEYS_FROM_8_6 : KEYS_BEFORE_8_6;
      // The validator has made sure of exactly one lookup key (validation/routeParams.ts).
      const key = keys.find((k) => k in query) ?? 'userId';
      const value = query[key] ?? '';
      if (value === '') throw plain('Invalid search query.');
      // getFullUserData: the caller's own import id or address counts as "myself", so it is found without the permission.
      const full =
        hasPermission(app, me, 'view-full-other-user-info') ||
        (key === 'importId' && (me.importIds ?? []).includes(value)) ||
        (key === 'email' && (me.emails ?? []).some((e) => e.address.trim().toLowerCase() === value.trim().toLowerCase()));
      let user: UserDoc | undefined;
      switch (key) {
        case 'userId':
          user = app.store.byId(value);
          break;
        case 'username':
          // §3: matches `_id` or `username` exactly.
          user = app.store.byUsernameExact(value) ?? app.store.byId(value);
          break;
        case 'importId':
          user = full ? app.store.allUsers().find((u) => u.importIds?.includes(value)) : undefined;
          break;
        case 'email':
          user = full ? app.store.byEmailInsensitive(value) : undefined;
          break;
        case 'freeSwitchExtension':
          user = app.store.allUsers().find((u) => u.freeSwitchExtension === value);
          break;
      }
      if (!user) throw plain('User not found.');
      return ok({ user: userInfoView(app, user, me, query.includeUserRooms === 'true') });
    },
  },
];
