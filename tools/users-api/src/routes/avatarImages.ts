// GET /avatar/<username>, /avatar/uid/<id>, /avatar/@<name> (§6 "Avatar image URLs").
import type { App } from '../app';
import { findSession } from '../auth/tokens';
import type { RequestContext, Reply, RouteDef } from '../http/router';
import type { UserDoc } from '../state/types';
import { LETTER_LAST_MODIFIED, clampSize, letterAvatarSvg } from '../views/letterAvatar';

function cookie(ctx: RequestContext, name: string): string | undefined {
  for (const part of (ctx.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Accounts_AvatarBlockUnauthenticatedAccess: rc_uid and rc_token as query or cookies. */
function allowed(ctx: RequestContext): boolean {
  if (!ctx.app.settings.Accounts_AvatarBlockUnauthenticatedAccess) return true;
  const uid = ctx.query.rc_uid ?? cookie(ctx, 'rc_uid');
  const token = ctx.query.rc_token ?? cookie(ctx, 'rc_token');
  return Boolean(uid && token && findSession(ctx.app, uid, token));
}

function notModified(ctx: RequestContext, lastModified: Date): boolean {
  const since = ctx.headers['if-modified-since'];
  if (!since) return false;
  const sinceMs = Date.parse(since);
  return !Number.isNaN(sinceMs) && sinceMs >= lastModified.getTime();
}

function imageReply(app: App, body: Buffer | string, contentType: string, lastModified: string): Reply {
  return {
    raw: body,
    headers: {
      'Content-Type': contentType,
      'Cache-Control': `public, max-age=${app.settings.Accounts_AvatarCacheTime}`,
      'Content-Disposition': 'inline',
      'Last-Modified': lastModified,
    },
  };
}

function serve(ctx: RequestContext, user: UserDoc | undefined, name: string, letterOnly: boolean): Reply {
  const { app } = ctx;
  if (!allowed(ctx)) return { status: 404, raw: '' };
  const upload = user && !letterOnly ? app.store.avatars.get(user._id) : undefined;
  if (upload) {
    if (notModified(ctx, upload.uploadedAt)) return { status: 304, raw: '' };
    // Uploaded files are served as stored: no resizing (`size` applies to letter avatars here).
    return imageReply(app, upload.data, upload.contentType, upload.uploadedAt.toUTCString());
  }
  if (notModified(ctx, new Date(LETTER_LAST_MODIFIED))) return { status: 304, raw: '' };
  const svg = letterAvatarSvg(user?.username ?? name, clampSize(ctx.query.size));
  return imageReply(app, svg, 'image/svg+xml', LETTER_LAST_MODIFIED);
}

const stripExtension = (name: string): string => name.replace(/\.(png|jpe?g|gif|svg|webp)$/i, '');

export const avatarImageRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: /^\/avatar\/uid\/(?<id>[^/]+)$/,
    apiHeaders: false,
    handler: (ctx) => {
      const id = stripExtension(decodeURIComponent(ctx.params.id ?? ''));
      const user = ctx.app.store.byId(id);
      if (!user) return { status: 404, raw: '' };
      return serve(ctx, user, user.username ?? id, false);
    },
  },
  {
    method: 'GET',
    path: /^\/avatar\/(?<name>[^/]+)$/,
    apiHeaders: false,
    handler: (ctx) => {
      const name = stripExtension(decodeURIComponent(ctx.params.name ?? ''));
      // `@name` is always the letter avatar (§6).
      if (name.startsWith('@')) return serve(ctx, undefined, name.slice(1), true);
      return serve(ctx, ctx.app.store.byUsernameExact(name), name, false);
    },
  },
];
