// GET /api/info (§7) and GET /api/v1/pw.getPolicy (§4 step 10).
import { hasPermission } from '../auth/permissions';
import { describePolicy } from '../auth/passwordPolicy';
import { ok } from '../http/router';
import type { RouteDef } from '../http/router';
import { versionOf } from '../release';

export const infoRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/api/info',
    auth: 'optional',
    handler: ({ app, user }) => {
      const full = versionOf(app.release);
      const minimumClientVersions = { desktop: '4.0.0', mobile: '4.40.0' };
      if (hasPermission(app, user, 'view-statistics')) {
        return ok({
          version: full,
          info: { version: full, build: { nodeVersion: process.version, platform: process.platform, arch: process.arch } },
          minimumClientVersions,
        });
      }
      // Trimmed to <major.minor> for everyone else (§7).
      return ok({ version: full.split('.').slice(0, 2).join('.'), minimumClientVersions });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/pw.getPolicy',
    auth: 'required',
    handler: ({ app }) => ok({ ...describePolicy(app.settings) }),
  },
];
