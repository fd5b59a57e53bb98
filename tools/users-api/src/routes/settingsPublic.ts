// GET /api/v1/settings.public and GET /api/v1/settings.oauth (no auth): what a sign-in form
// needs to know before anyone is signed in (app/api/server/v1/settings.ts). docs/sign-in.md.
import { compareBy, pageOf, parseSort, slicePage } from '../http/paging';
import { ok } from '../http/router';
import type { RouteDef } from '../http/router';
import { loginServices, oauthView } from '../state/loginServices';
import { publicSettings } from '../state/publicSettings';
import type { PublicSetting } from '../state/publicSettings';

export const settingsRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/api/v1/settings.public',
    auth: 'none',
    handler: ({ app, query }) => {
      // `_id=a,b` filters (7.0+); the old `query` JSON parameter is ignored since 7.0.
      const wanted = query._id ? new Set(query._id.split(',').map((id) => id.trim())) : undefined;
      const settings = publicSettings(app).filter((s) => !wanted || wanted.has(s._id));
      for (const [field, direction] of Object.entries(parseSort(query.sort) ?? {}).reverse()) {
        settings.sort(compareBy((s: PublicSetting) => (s as unknown as Record<string, unknown>)[field], direction));
      }
      const page = pageOf(app.settings, query);
      const shown = slicePage(settings, page);
      return ok({ settings: shown, count: shown.length, offset: page.offset, total: settings.length });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/settings.oauth',
    auth: 'none',
    handler: ({ app }) => ok({ services: loginServices(app).map(oauthView) }),
  },
];
